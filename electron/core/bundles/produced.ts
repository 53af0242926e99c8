// Files the core produces for the user (bundles now, reports later). The core writes the file inside
// the workspace and returns an id; web mode serves it as a download, the desktop shell saves it
// through a dialog. One way out for every produced file.

import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PreflightError } from '../../../shared/contract/errors';
import type { ProducedFile } from '../../../shared/types/bundles';
import type { CoreContext } from '../context';

export function producedDir(core: CoreContext): string {
  return path.join(core.workspace.dir, 'produced');
}

/**
 * How long a hand-back report is kept: it exists to be downloaded or saved once, so the folder keeps
 * the newest few of the last day and no more. Bundles are records of an export and are never pruned.
 */
export const REPORTS_KEPT = { maxAgeMs: 24 * 60 * 60 * 1000, maxCount: 20 };

/**
 * Removes produced reports older than a day, or beyond the newest `maxCount - 1` (room for the one
 * being produced): their records and their folders. Returns the ids removed.
 */
export function pruneProducedReports(core: CoreContext, now = Date.now(), keep = REPORTS_KEPT): string[] {
  const root = producedDir(core);
  const removed: string[] = [];
  core.queries.produced.reports().forEach((r, i) => {
    const old = now - Date.parse(r.createdAt) > keep.maxAgeMs;
    if (!old && i < keep.maxCount - 1) return;
    // Only a folder directly inside produced/ is removed, whatever the record says.
    const dir = path.dirname(path.resolve(r.path));
    if (path.dirname(dir) === path.resolve(root)) fs.rmSync(dir, { recursive: true, force: true });
    core.queries.produced.removeReport(r.id);
    removed.push(r.id);
  });
  return removed;
}

/** A fresh folder for one produced file; the caller writes `name` inside it, then calls describeProduced. */
export function newProducedSlot(core: CoreContext, name: string): { id: string; path: string } {
  pruneProducedReports(core);
  const id = randomUUID();
  const dir = path.join(producedDir(core), id);
  fs.mkdirSync(dir, { recursive: true });
  return { id, path: path.join(dir, safeName(name)) };
}

export async function describeProduced(
  id: string,
  file: string,
  kind: ProducedFile['kind'],
  mediaType: string,
): Promise<ProducedFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return {
    id,
    name: path.basename(file),
    kind,
    mediaType,
    path: file,
    bytes,
    sha256: hash.digest('hex'),
    createdAt: new Date().toISOString(),
  };
}

export function producedFile(core: CoreContext, id: string): ProducedFile {
  const f = core.queries.bundles.file(id);
  if (!f || !fs.existsSync(f.path))
    throw new PreflightError('NOT_FOUND', `no produced file ${id} in this workspace`, { id });
  // Only files the core wrote under produced/ ever leave through this path, whatever a record says.
  const real = fs.realpathSync(f.path);
  const root = fs.realpathSync(producedDir(core));
  if (!real.startsWith(root + path.sep))
    throw new PreflightError('NOT_FOUND', `produced file ${id} is not inside the workspace's produced/ folder`, { id });
  return f;
}

/** A file name safe on every OS: the suggested name of a download or a save dialog. */
export function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '');
  return cleaned.slice(0, 120) || 'file';
}
