import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { httpStatusFor, PreflightError } from '../../shared/contract/errors';
import { toErrorData } from '../core/errors';
import { streamToFile } from './body';

// POST /api/upload?batch=ID&name=RELATIVE/PATH → the file lands in the workspace's upload area, under
// its batch's folder; the UI then passes its path to the core. A name may keep the folders a user
// dropped (`model/data/weights.bin`) so a model finds its external data where its `location` says.

const MAX_DEPTH = 16;
const MAX_NAME_BYTES = 1024;

/** One path segment: a plain file or folder name that means the same on every OS. */
function plainSegment(s: string): boolean {
  return (
    s.length > 0 && Buffer.byteLength(s) <= 255 && !/[\\\0:<>"|?*]/.test(s) && !/^\.+$/.test(s) && !/[. ]$/.test(s)
  );
}

/** Where an upload named `name` goes inside `dir`, or a BAD_ARGUMENTS error: never outside `dir`. */
export function uploadDestination(dir: string, name: string): string {
  const segments = name.split('/');
  if (
    !name ||
    Buffer.byteLength(name) > MAX_NAME_BYTES ||
    segments.length > MAX_DEPTH ||
    !segments.every(plainSegment)
  ) {
    throw new PreflightError(
      'BAD_ARGUMENTS',
      `upload: name must be a file name, or a relative path of up to ${MAX_DEPTH} plain names joined by "/" (no "..", no absolute path, at most ${MAX_NAME_BYTES} bytes)`,
    );
  }
  const dest = path.join(dir, ...segments);
  const rel = path.relative(dir, dest);
  if (rel.startsWith('..') || path.isAbsolute(rel))
    throw new PreflightError('BAD_ARGUMENTS', 'upload: name leaves the upload folder');
  return dest;
}

export async function handleUpload(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  uploadDir: string,
  maxUpload: number,
): Promise<void> {
  const batch = url.searchParams.get('batch') ?? '';
  const name = url.searchParams.get('name') ?? '';
  try {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(batch))
      throw new PreflightError('BAD_ARGUMENTS', 'upload: batch must be 1–64 letters, digits or "-"');
    const dir = path.join(uploadDir, batch);
    const dest = uploadDestination(dir, name);
    if (fs.existsSync(dest))
      throw new PreflightError('BAD_ARGUMENTS', `upload: ${name} was already uploaded in this batch`);
    try {
      fs.mkdirSync(path.dirname(dest), { recursive: true });
    } catch {
      throw new PreflightError('BAD_ARGUMENTS', `upload: ${name} clashes with a file already uploaded in this batch`);
    }
    req.setTimeout(60_000, () =>
      req.destroy(new PreflightError('BAD_ARGUMENTS', 'upload: no data for 60 s; the partial file was removed')),
    );
    const declared = Number(req.headers['content-length']);
    if (declared > maxUpload)
      throw new PreflightError(
        'BAD_ARGUMENTS',
        `upload over the ${maxUpload}-byte limit (set PREFLIGHT_MAX_UPLOAD_BYTES to raise it)`,
      );
    const size = await streamToFile(req, dest, maxUpload);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ ok: true, result: { path: dest, size } }));
  } catch (err) {
    const error = toErrorData(err);
    res.writeHead(httpStatusFor(error.code), { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ ok: false, error }));
  }
}
