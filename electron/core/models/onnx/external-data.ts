// External-data safety: a model may name data files next to it, and onnxruntime will open
// whatever path it names. Every location must stay inside the model's folder, symlinks included,
// and must exist; this check runs before onnxruntime ever sees the model.

import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ExternalDataRef } from '../../../../shared/types/models';
import { OnnxFormatError } from './errors';

/** Throws OnnxFormatError for the first external-data reference that is unsafe or missing. */
export async function checkExternalDataPaths(modelDir: string, refs: ExternalDataRef[]): Promise<void> {
  if (refs.length === 0) return;
  const realDir = await realpath(modelDir);
  for (const ref of refs) {
    const fail = (why: string) =>
      new OnnxFormatError(`external data of tensor "${ref.tensor}" at "${ref.location}" ${why}`);
    const why = lexicalProblem(ref.location);
    if (why) throw fail(why);

    const target = path.resolve(realDir, ref.location);
    let real: string;
    try {
      real = await realpath(target);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw fail(code === 'ENOENT' ? 'is missing' : `cannot be opened (${code ?? String(err)})`);
    }
    if (!isInside(realDir, real)) {
      throw fail("leads outside the model's folder through a symbolic link");
    }
    const info = await stat(real);
    if (!info.isFile()) throw fail('is not a regular file');
    const end = (ref.offset ?? 0) + (ref.length ?? 0);
    if (end > info.size) throw fail(`is too short: needs ${end} bytes, has ${info.size}`);
  }
}

/** Why a location is unsafe judged from its text alone, or null when it looks fine. */
function lexicalProblem(location: string): string | null {
  if (location === '') return 'has an empty location';
  if (location.includes('\0')) return 'contains a NUL byte';
  const drive = /^[A-Za-z]:/.test(location);
  if (path.posix.isAbsolute(location) || path.win32.isAbsolute(location) || drive) {
    return 'is an absolute path';
  }
  // Judge ".." with both separators: "..\\x" escapes on Windows even if it is a file name here.
  let depth = 0;
  for (const segment of location.split(/[\\/]+/)) {
    if (segment === '..') depth--;
    else if (segment !== '.' && segment !== '') depth++;
    if (depth < 0) {
      return location.includes('\\') && !location.includes('../')
        ? "uses backslashes to leave the model's folder"
        : "leaves the model's folder";
    }
  }
  return null;
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
