// Writes a bundle .zip reproducibly and atomically: entries in a fixed order with a fixed time and
// mode, text deflated, the model stored (ONNX weights barely compress, and a stored entry verifies at
// the speed of hashing); the zip is written beside its destination and renamed at the end, so a
// cancelled or killed export never leaves a partial file where the bundle should be.

import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { PreflightError } from '../../../shared/contract/errors';
import { isAlive } from '../jobs/pid';

export type ZipEntry = { name: string; data: Buffer } | { name: string; file: string; size: number };

export interface ZipWriteOptions {
  mtime: Date;
  signal: AbortSignal;
  onBytes?: (written: number) => void;
}

/** The temporary name beside `dest`; carries the pid so a later export can sweep one left by a kill. */
export function partialPathFor(dest: string): string {
  return path.join(path.dirname(dest), `.${path.basename(dest)}.${process.pid}.partial`);
}

export async function writeZipAtomic(dest: string, entries: ZipEntry[], options: ZipWriteOptions): Promise<void> {
  const partial = partialPathFor(dest);
  sweepPartials(dest);
  const zip = new yazl.ZipFile();
  const common = { mtime: options.mtime, mode: 0o100644, forceDosTimestamp: true };
  for (const e of entries) {
    if ('data' in e) zip.addBuffer(e.data, e.name, { ...common, compress: true, compressionLevel: 6 });
    else
      zip.addReadStreamLazy(e.name, { ...common, compress: false, size: e.size }, (cb) =>
        cb(null, fs.createReadStream(e.file, { highWaterMark: 1 << 20 })),
      );
  }
  zip.end();
  let written = 0;
  try {
    const out = fs.createWriteStream(partial, { flags: 'wx' });
    await pipeline(
      zip.outputStream,
      async function* (source: AsyncIterable<Buffer | string>) {
        for await (const chunk of source) {
          written += chunk.length;
          options.onBytes?.(written);
          yield chunk;
        }
      },
      out,
      { signal: options.signal },
    );
    const fd = fs.openSync(partial, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, dest);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    if (options.signal.aborted) throw new PreflightError('CANCELLED', 'the export was cancelled; nothing was written');
    throw new PreflightError('INVALID_INPUT', `cannot write ${dest}: ${(err as Error).message}`, { path: dest });
  }
}

/** Partial files of exports whose process is gone (killed mid-write). */
function sweepPartials(dest: string): void {
  const dir = path.dirname(dest);
  const prefix = `.${path.basename(dest)}.`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = name.startsWith(prefix) ? /\.(\d+)\.partial$/.exec(name) : null;
    if (!m || Number(m[1]) === process.pid || isAlive(Number(m[1]))) continue;
    fs.rmSync(path.join(dir, name), { force: true });
  }
}
