// Encoding and delimiter detection for delimited text and JSON Lines. Encoding: what the user named
// (--encoding), else a UTF-8 BOM, else judged from the first MiB only (a 300 MB one-line file must
// not be read twice): Latin-1 when that sample is not UTF-8 and holds no multi-byte UTF-8 sequence at
// all, UTF-8 otherwise. A UTF-8 file is then validated as it streams (Utf8Checker): the first invalid
// sequence stops the import with its line and byte offset, instead of re-reading everything as
// Latin-1 (one stray 0xFF byte once turned 200,000 "café" values into "cafÃ©").
// UTF-16 and binary files are refused. Delimiter: the one among , \t ; | that splits the first lines evenly.
import fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { PreflightError } from '../../../../shared/contract/errors';

export type TextEncoding = 'utf8' | 'latin1';
/** What the user may name with --encoding. */
export type EncodingChoice = 'utf-8' | 'latin-1';
export interface TextInfo {
  encoding: TextEncoding;
  bom: boolean;
  label: string;
}

const SAMPLE_BYTES = 1 << 20;

/**
 * Text files are read 64 KiB at a time: each read's decoded string stays an ordinary young object
 * (V8 puts strings over 128 KiB in their own freshly mapped pages, and faulting those in cost more CPU
 * than parsing them — bench/ingest.mjs: 200k page faults per 1M-row import at 1 MiB, 68k at 64 KiB).
 */
export const READ_BYTES = 1 << 16;

export async function detectEncoding(file: string, signal: AbortSignal, choice?: EncodingChoice): Promise<TextInfo> {
  if (signal.aborted) throw new PreflightError('CANCELLED', 'datasets/add was cancelled');
  const fd = await fs.promises.open(file, 'r');
  let sample: Buffer;
  try {
    const buf = Buffer.allocUnsafe(SAMPLE_BYTES);
    const { bytesRead } = await fd.read(buf, 0, SAMPLE_BYTES, 0);
    sample = buf.subarray(0, bytesRead);
  } finally {
    await fd.close();
  }
  if (sample[0] === 0xff && sample[1] === 0xfe)
    throw new PreflightError('INVALID_INPUT', `${file} is UTF-16 text; save it as UTF-8 (or Latin-1) and try again`);
  if (sample[0] === 0xfe && sample[1] === 0xff)
    throw new PreflightError('INVALID_INPUT', `${file} is UTF-16 text; save it as UTF-8 (or Latin-1) and try again`);
  const bom = sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf;
  if (sample.subarray(0, 8192).includes(0))
    throw new PreflightError('INVALID_INPUT', `${file} looks binary (it contains NUL bytes), not delimited text`);
  if (choice === 'latin-1') return { encoding: 'latin1', bom: false, label: 'latin-1 (as asked)' };
  if (choice === 'utf-8' || bom) return utf8(bom);
  // The sample may end inside a character: judge it up to the start of that character.
  let cut = sample.length;
  if (sample.length === SAMPLE_BYTES) cut = completeUpTo(sample);
  const head = sample.subarray(0, cut);
  if (isUtf8(head)) return utf8(false);
  return hasMultiByteUtf8(head) ? utf8(false) : latin1();
}

const utf8 = (bom: boolean): TextInfo => ({ encoding: 'utf8', bom, label: bom ? 'utf-8 (BOM)' : 'utf-8' });
const latin1 = (): TextInfo => ({ encoding: 'latin1', bom: false, label: 'latin-1' });

/** Where the last (possibly incomplete) character of `buf` starts, or buf.length when it ends in ASCII. */
function completeUpTo(buf: Buffer): number {
  const end = buf.length;
  let cut = end - 1;
  while (cut > 0 && (buf[cut] & 0xc0) === 0x80 && end - cut < 4) cut--;
  return buf[cut] < 0x80 ? end : cut;
}

/** Byte length of the valid UTF-8 sequence at `i`, or 0 when the bytes there are not one. */
function sequenceAt(buf: Buffer, i: number): number {
  const b = buf[i];
  if (b < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < buf.length && buf[i + k] >= lo && buf[i + k] <= hi;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b >= 0xf1 && b <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

function hasMultiByteUtf8(buf: Buffer): boolean {
  for (let i = 0; i < buf.length; i++) if (buf[i] >= 0x80 && sequenceAt(buf, i) > 1) return true;
  return false;
}

/** Offset of the first invalid UTF-8 sequence in `buf` (all of it complete), or -1. */
export function firstInvalidUtf8(buf: Buffer): number {
  for (let i = 0; i < buf.length;) {
    const n = sequenceAt(buf, i);
    if (n === 0) return i;
    i += n;
  }
  return -1;
}

/**
 * Validates a UTF-8 stream chunk by chunk (a character may straddle two chunks) and throws
 * INVALID_INPUT naming the line and byte offset of the first invalid sequence.
 */
export class Utf8Checker {
  private carry: Buffer = Buffer.alloc(0);
  private offset = 0; // file offset of carry[0]
  private lines = 0; // newlines before `offset`

  constructor(
    private readonly file: string,
    private readonly enabled: boolean,
  ) {}

  check(chunk: Buffer): void {
    if (!this.enabled) return;
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completeUpTo(buf);
    const whole = buf.subarray(0, cut);
    if (!isUtf8(whole)) this.fail(buf, firstInvalidUtf8(whole));
    this.lines += countNewlines(whole);
    this.offset += cut;
    this.carry = Buffer.from(buf.subarray(cut));
  }

  end(): void {
    if (!this.enabled || this.carry.length === 0) return;
    this.fail(this.carry, 0);
  }

  private fail(buf: Buffer, at: number): never {
    const line = this.lines + countNewlines(buf.subarray(0, at)) + 1;
    const byte = this.offset + at;
    const shown = [...buf.subarray(at, Math.min(at + 4, buf.length))]
      .map((b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`)
      .join(' ');
    throw new PreflightError(
      'INVALID_INPUT',
      `${this.file}: line ${line}, byte offset ${byte}: invalid UTF-8 (${shown}) in a file read as UTF-8; nothing was imported. Fix that byte, or, if the file is really Latin-1, import it with --encoding latin-1`,
      { line, byteOffset: byte },
    );
  }
}

function countNewlines(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

const CANDIDATES = [',', '\t', ';', '|'];

/**
 * Picks the delimiter from the start of the file (`preferred` wins ties, e.g. tab for .tsv). Excel's
 * "sep=;" first line names it outright (`sepLine`: that line is not the header).
 */
export async function sniffDelimiter(
  file: string,
  encoding: TextEncoding,
  preferred: string,
): Promise<{ delimiter: string; sepLine: boolean }> {
  const fd = await fs.promises.open(file, 'r');
  let text: string;
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fd.read(buf, 0, buf.length, 0);
    text = buf.subarray(0, bytesRead).toString(encoding);
  } finally {
    await fd.close();
  }
  const sep = /^(?:\ufeff)?sep=(.)\r?\n/.exec(text);
  if (sep) return { delimiter: sep[1], sepLine: true };
  const lines = splitLines(text).slice(0, 50);
  if (lines.length > 1 && !/[\r\n]$/.test(text)) lines.pop(); // the last line may be cut off
  let best = preferred;
  let bestScore = -1;
  for (const d of [preferred, ...CANDIDATES.filter((c) => c !== preferred)]) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const consistent = counts.length > 0 && counts.every((c) => c === counts[0]) && counts[0] > 0;
    const score = consistent ? 1_000_000 + counts[0] : (counts[0] ?? 0);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return { delimiter: bestScore > 0 ? best : preferred, sepLine: false };
}

/** Lines of the sample, not splitting inside quotes. */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) {
      if (i > start) lines.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let inQuotes = false;
  for (const c of line) {
    if (c === '"') inQuotes = !inQuotes;
    else if (c === d && !inQuotes) n++;
  }
  return n;
}
