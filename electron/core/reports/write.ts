// Where a report goes: a produced file (the one way out every host already has — download in web
// mode, save dialog on the desktop), or the caller's path, written atomically (CLI --html FILE).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PreflightError } from '../../../shared/contract/errors';
import type { ReportFile } from '../../../shared/types/reports';
import { describeProduced, newProducedSlot } from '../bundles/produced';
import type { CoreContext } from '../context';

export async function writeReport(
  core: CoreContext,
  html: string,
  name: string,
  out: string | undefined,
  inline = false,
): Promise<ReportFile> {
  const bytes = Buffer.from(html, 'utf8');
  if (inline)
    return {
      fileId: null,
      path: '',
      name,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      html,
    };
  if (out === undefined) {
    const slot = newProducedSlot(core, name);
    fs.writeFileSync(slot.path, bytes);
    const produced = await describeProduced(slot.id, slot.path, 'report', 'text/html; charset=utf-8');
    core.queries.bundles.addFile(produced);
    return { fileId: slot.id, path: slot.path, name: produced.name, bytes: produced.bytes, sha256: produced.sha256 };
  }
  const dest = path.resolve(out);
  const tmp = `${dest}.${process.pid}.partial`;
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, dest);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new PreflightError('INVALID_INPUT', `cannot write the report ${dest}: ${(err as Error).message}`, {
      path: dest,
    });
  }
  return {
    fileId: null,
    path: dest,
    name: path.basename(dest),
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
