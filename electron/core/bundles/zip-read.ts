// Reads a bundle .zip as untrusted input. Every entry is checked from the central directory before
// one byte is written: names that escape (.., absolute, drive letters, backslashes, NUL), symlinks,
// duplicates (also ones that differ only in case, which collide on macOS and Windows), encrypted
// entries, too many entries, too many bytes or a compression ratio past a bound are refused. Then
// each entry is extracted into a private folder while its SHA-256 and CRC-32 are computed, so a
// damaged entry is named rather than failing the whole read.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { PreflightError } from '../../../shared/contract/errors';

export const ZIP_LIMITS = {
  entries: 10_000,
  totalBytes: 64 * 1024 ** 3,
  /** Uncompressed ÷ compressed, for entries over 1 MiB: text deflates ~5–20×; a bomb does 1000×. */
  ratio: 200,
};

export interface ExtractedEntry {
  name: string;
  size: number;
  sha256: string;
  /** Why the entry could not be read intact (CRC mismatch, bad deflate data…), else null. */
  damage: string | null;
}

export interface Extracted {
  dir: string;
  entries: ExtractedEntry[];
}

/** A zip that cannot be opened at all: not a zip (exit 2), or a damaged one (a failed check, exit 1). */
export class ZipDamagedError extends Error {}

export interface ExtractOptions {
  /** Entries whose CRC-32 is checked (default all). Entries another digest covers can skip it. */
  crc?: (name: string) => boolean;
  /** Extract only these entries (every name is still checked). */
  only?: (name: string) => boolean;
  limits?: typeof ZIP_LIMITS;
}

/**
 * Extracts every entry; each file appears under its final name only once complete (written as
 * NAME.partial, then renamed), so another process may wait for it.
 */
export async function extractZip(
  zipPath: string,
  destDir: string,
  signal: AbortSignal,
  options: ExtractOptions = {},
): Promise<Extracted> {
  const limits = options.limits ?? ZIP_LIMITS;
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, { decodeStrings: false, autoClose: false, validateEntrySizes: true });
  } catch (err) {
    if (startsWithZipSignature(zipPath))
      throw new ZipDamagedError(
        `${path.basename(zipPath)}: the zip's central directory is damaged (${(err as Error).message})`,
      );
    throw new PreflightError('INVALID_INPUT', `${zipPath} is not a zip file (${(err as Error).message})`, {
      path: zipPath,
    });
  }
  try {
    const entries = await listEntries(zip, zipPath, limits);
    const out: ExtractedEntry[] = [];
    for (const { entry, name } of entries) {
      if (options.only && !options.only(name)) continue;
      if (signal.aborted) throw new PreflightError('CANCELLED', 'verification was cancelled');
      out.push(await extractOne(zip, entry, name, destDir, options.crc?.(name) ?? true));
    }
    return { dir: destDir, entries: out };
  } finally {
    zip.close();
  }
}

async function listEntries(zip: yauzl.ZipFile, zipPath: string, limits: typeof ZIP_LIMITS) {
  const refuse = (why: string) =>
    new PreflightError('INVALID_INPUT', `${path.basename(zipPath)} is refused: ${why}; nothing was extracted`, {
      path: zipPath,
    });
  if (zip.entryCount > limits.entries) throw refuse(`${zip.entryCount} entries (at most ${limits.entries})`);
  const seen = new Set<string>();
  const list: { entry: yauzl.Entry; name: string }[] = [];
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const raw = entry.fileName as unknown as Buffer;
      const name = raw.toString('utf8');
      const problem = unsafeName(name, raw);
      if (problem) throw refuse(`entry "${printable(name)}" ${problem}`);
      const type = (entry.externalFileAttributes >>> 16) & 0o170000;
      if (type === 0o120000) throw refuse(`entry "${name}" is a symbolic link`);
      if (name.endsWith('/')) continue; // folders are implied by the files inside them
      if (type !== 0 && type !== 0o100000) throw refuse(`entry "${name}" is not a regular file`);
      if (entry.isEncrypted()) throw refuse(`entry "${name}" is encrypted`);
      const key = name.normalize('NFC').toLowerCase();
      if (seen.has(key)) throw refuse(`entry "${name}" appears twice (names are compared ignoring case)`);
      seen.add(key);
      total += entry.uncompressedSize;
      if (total > limits.totalBytes) throw refuse(`more than ${limits.totalBytes} bytes uncompressed`);
      if (
        entry.uncompressedSize > 1 << 20 &&
        entry.uncompressedSize > limits.ratio * Math.max(1, entry.compressedSize)
      ) {
        throw refuse(
          `entry "${name}" expands ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}× (at most ${limits.ratio}×): a zip bomb`,
        );
      }
      list.push({ entry, name });
    }
  } catch (err) {
    if (err instanceof PreflightError) throw err;
    throw new ZipDamagedError(
      `${path.basename(zipPath)}: the zip's central directory is damaged (${(err as Error).message})`,
    );
  }
  return list;
}

/** Why a name may not be extracted, or null. */
export function unsafeName(name: string, raw: Buffer): string | null {
  if (raw.includes(0)) return 'has a NUL byte in its name';
  if (Buffer.from(name, 'utf8').compare(raw) !== 0) return 'is not valid UTF-8';
  if (name.includes('\\')) return 'has a backslash in its name';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'has an absolute path';
  const parts = name.replace(/\/$/, '').split('/');
  if (parts.some((p) => p === '..')) return 'leaves the bundle (..)';
  if (parts.some((p) => p === '' || p === '.')) return 'has an empty or "." path segment';
  if (name.length > 1024) return 'has a name over 1024 characters';
  return null;
}

async function extractOne(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  name: string,
  destDir: string,
  checkCrc: boolean,
): Promise<ExtractedEntry> {
  const dest = path.join(destDir, ...name.split('/'));
  const partial = `${dest}.partial`;
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const hash = createHash('sha256');
  let crc = 0;
  let size = 0;
  try {
    const stream = await zip.openReadStreamPromise(entry);
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        if (checkCrc) crc = zlib.crc32(chunk, crc);
        size += chunk.length;
        cb(null, chunk);
      },
    });
    await pipeline(stream, tap, fs.createWriteStream(partial, { flags: 'wx' }));
    fs.renameSync(partial, dest);
  } catch (err) {
    return { name, size, sha256: hash.digest('hex'), damage: `cannot be read: ${(err as Error).message}` };
  }
  const damage =
    !checkCrc || crc >>> 0 === entry.crc32 >>> 0
      ? null
      : `its CRC-32 does not match the zip's record (the entry is damaged)`;
  return { name, size, sha256: hash.digest('hex'), damage };
}

function startsWithZipSignature(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const b = Buffer.alloc(4);
      fs.readSync(fd, b, 0, 4, 0);
      return b.readUInt32LE(0) === 0x04034b50;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

function printable(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a terminal
  return name.replace(/[\u0000-\u001f]/g, '?').slice(0, 200);
}
