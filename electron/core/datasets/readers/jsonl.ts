import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { PreflightError } from '../../../../shared/contract/errors';
import type { DatasetSink } from '../sink';
import { READ_BYTES, Utf8Checker, detectEncoding } from './text-file';
import { TypedRow } from './typed';
import type { ReadOptions, ReadResult } from './types';

const MAX_LINE_CHARS = 64 * 1024 * 1024;

/**
 * JSON Lines: one object per line; keys become columns in order of first appearance (a key first seen
 * late adds a column, earlier rows missing). A line that is not a JSON object fails the import with its
 * number. Rows go to the insert thread like CSV rows.
 */
export async function readJsonLines(file: string, sink: DatasetSink, options: ReadOptions): Promise<ReadResult> {
  const text = await detectEncoding(file, options.signal, options.encoding);
  const checker = new Utf8Checker(file, text.encoding === 'utf8');
  const decoder = new StringDecoder(text.encoding);
  const ordinals = new Map<string, number>();
  const row = new TypedRow(16);
  let pending: string[] = [];
  let pendingChars = 0;
  let line = 0;
  let blank = 0;
  let outOfRange = 0;
  let bytes = 0;

  /** One line: its object, and keys not seen before (null for a blank line). */
  const parse = (raw: string): { obj: Record<string, unknown>; fresh: string[] } | null => {
    line++;
    const s = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (s.trim() === '') {
      blank++;
      return null;
    }
    const obj = parseLine(s, line);
    const fresh: string[] = [];
    for (const k in obj) if (!ordinals.has(k)) fresh.push(k);
    return { obj, fresh };
  };
  const push = (obj: Record<string, unknown>) => {
    row.toks.fill(0);
    for (const k in obj) {
      const v = obj[k];
      if (typeof v === 'string' && v.startsWith(OUT_OF_RANGE)) {
        outOfRange++;
        row.setOutOfRange(ordinals.get(k)!, v.slice(OUT_OF_RANGE.length));
      } else row.set(ordinals.get(k)!, v);
    }
    sink.pushTypedRow(row.toks, row.stored, row.xs, sink.names.length, line);
  };
  const handleLines = async (lines: string[]) => {
    for (const raw of lines) {
      const parsed = parse(raw);
      if (parsed === null) continue;
      if (parsed.fresh.length) await addKeys(parsed.fresh);
      push(parsed.obj);
    }
    await sink.endTypedChunk();
  };
  const addKeys = async (keys: string[]) => {
    const names = keys.map((k, i) => (k.trim() === '' ? `column_${sink.names.length + i + 1}` : k));
    const notes = keys.map((k, i) =>
      k.trim() === '' ? [`the key ${JSON.stringify(k)} is not a usable name; named ${names[i]}`] : [],
    );
    keys.forEach((k) => ordinals.set(k, ordinals.size));
    if (sink.staging === null) sink.addColumns(names, notes);
    else await sink.addColumnsLater(names, notes);
    row.grow(sink.names.length);
  };

  const target = await options.chunkTarget();
  sink.useChunks(target);
  const stream = fs.createReadStream(file, { highWaterMark: READ_BYTES });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (options.signal.aborted) throw new PreflightError('CANCELLED', 'datasets/add was cancelled');
      const size = chunk.length;
      checker.check(chunk);
      let piece = decoder.write(chunk);
      options.onChunk?.(chunk); // last: the bytes may move to the insert thread
      if (bytes === 0 && piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1);
      // Only the new piece is searched for a line end: a very long line costs one pass, not one
      // re-split of everything pending per chunk (a 300 MB one-line file once took 12 s and 640 MB).
      const nl = piece.lastIndexOf('\n');
      if (nl === -1) {
        pending.push(piece);
        pendingChars += piece.length;
      } else {
        const lines = (pending.join('') + piece.slice(0, nl)).split('\n');
        pending = [piece.slice(nl + 1)];
        pendingChars = pending[0].length;
        await handleLines(lines);
      }
      if (pendingChars > MAX_LINE_CHARS)
        throw new PreflightError('INVALID_INPUT', `line ${line + 1}: longer than 64 MiB`, { line: line + 1 });
      bytes += size;
      options.onBytes(bytes);
    }
    checker.end();
    const rest = pending.join('') + decoder.end();
    if (rest) await handleLines(rest.split('\n'));
    if (sink.names.length > 0) await sink.finishChunks();
    else await target.abort();
  } catch (err) {
    await target.abort();
    throw err;
  } finally {
    stream.destroy();
  }
  if (sink.names.length === 0)
    throw new PreflightError('INVALID_INPUT', 'no JSON objects found (the file holds only blank lines)');
  const notes: string[] = [];
  if (blank) notes.push(`${blank.toLocaleString('en-US')} blank line(s) skipped`);
  if (outOfRange)
    notes.push(
      `${outOfRange.toLocaleString('en-US')} number(s) beyond the range of a double (like 1e999) kept as written; they read as ±inf or 0`,
    );
  return { encoding: text.label, notes };
}

function parseLine(s: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(protectBigIntegers(s));
  } catch (err) {
    throw new PreflightError('INVALID_INPUT', `line ${line}: not valid JSON (${(err as Error).message})`, { line });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const what = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    throw new PreflightError('INVALID_INPUT', `line ${line}: expected a JSON object, found ${what}`, { line });
  }
  return value as Record<string, unknown>;
}

/** Stands in for a number literal JSON.parse would turn into ±Infinity or 0 (see protectNumbers). */
export const OUT_OF_RANGE = '\u0001out-of-range:';

/**
 * JSON.parse would round integers beyond ±2^53 (a 20-digit id becomes a different number), turn
 * 1e999 into Infinity and 1e-999 into 0. Such bare integers are quoted first, so they arrive as exact
 * text; out-of-range literals arrive as OUT_OF_RANGE + the literal, so the reader can keep them as
 * written and say so. Strings are skipped; only lines holding a run of 16+ digits or a 3-digit
 * exponent pay for the scan.
 */
export function protectBigIntegers(s: string): string {
  if (!/\d{16}|[eE][+-]?\d{3}/.test(s)) return s;
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      let j = i + 1;
      while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
      const next = s.charCodeAt(j);
      const integer = next !== 46 && next !== 101 && next !== 69;
      if (integer) {
        const digits = s.slice(i, j);
        if (j - i >= 16 && !Number.isSafeInteger(Number(digits))) {
          out += `${s.slice(last, i)}"${digits}"`;
          last = j;
        }
      } else {
        const m = /^\.?\d*(?:[eE][+-]?\d+)?/.exec(s.slice(j, j + 400));
        j += m ? m[0].length : 0;
        const literal = s.slice(i, j);
        const x = Number(literal);
        if (!Number.isFinite(x) || (x === 0 && /[1-9]/.test(literal.replace(/[eE].*$/, '')))) {
          out += `${s.slice(last, i)}${JSON.stringify(OUT_OF_RANGE + literal)}`;
          last = j;
        }
      }
      i = j - 1;
    }
  }
  return last === 0 ? s : out + s.slice(last);
}
