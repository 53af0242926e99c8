// Encoding and delimiter detection for delimited text. Encoding: a UTF-8 BOM, else UTF-8 when every
// byte of the file is valid UTF-8, else Latin-1 (ISO 8859-1, which any byte sequence is). UTF-16 and
// binary files are refused. Delimiter: the one among , \t ; | that splits the first lines evenly.
import fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { PreflightError } from '../../../../shared/contract/errors';

export type TextEncoding = 'utf8' | 'latin1';
export interface TextInfo {
  encoding: TextEncoding;
  bom: boolean;
  label: string;
}

export async function detectEncoding(file: string, signal: AbortSignal): Promise<TextInfo> {
  const fd = await fs.promises.open(file, 'r');
  try {
    const size = 4 << 20;
    const buf = Buffer.allocUnsafe(size + 4);
    let carry = 0;
    let offset = 0;
    let first = true;
    let bom = false;
    for (;;) {
      if (signal.aborted) throw new PreflightError('CANCELLED', 'datasets/add was cancelled');
      const { bytesRead } = await fd.read(buf, carry, size, offset);
      offset += bytesRead;
      const end = carry + bytesRead;
      if (first) {
        first = false;
        if (buf[0] === 0xff && buf[1] === 0xfe) throw new PreflightError('INVALID_INPUT', `${file} is UTF-16 text; save it as UTF-8 (or Latin-1) and try again`);
        if (buf[0] === 0xfe && buf[1] === 0xff) throw new PreflightError('INVALID_INPUT', `${file} is UTF-16 text; save it as UTF-8 (or Latin-1) and try again`);
        bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
        const head = buf.subarray(0, Math.min(end, 8192));
        if (head.includes(0)) throw new PreflightError('INVALID_INPUT', `${file} looks binary (it contains NUL bytes), not delimited text`);
      }
      if (bytesRead === 0) {
        return end === 0 || isUtf8(buf.subarray(0, end)) ? utf8(bom) : latin1();
      }
      // Validate up to the start of the last character (it may continue in the next read).
      let cut = end - 1;
      while (cut > 0 && (buf[cut] & 0xc0) === 0x80 && end - cut < 4) cut--;
      if (buf[cut] < 0x80) cut = end;
      if (!isUtf8(buf.subarray(0, cut))) return latin1();
      buf.copy(buf, 0, cut, end);
      carry = end - cut;
    }
  } finally {
    await fd.close();
  }
}

const utf8 = (bom: boolean): TextInfo => ({ encoding: 'utf8', bom, label: bom ? 'utf-8 (BOM)' : 'utf-8' });
const latin1 = (): TextInfo => ({ encoding: 'latin1', bom: false, label: 'latin-1' });

const CANDIDATES = [',', '\t', ';', '|'];

/**
 * Picks the delimiter from the start of the file (`preferred` wins ties, e.g. tab for .tsv). Excel's
 * "sep=;" first line names it outright (`sepLine`: that line is not the header).
 */
export async function sniffDelimiter(file: string, encoding: TextEncoding, preferred: string): Promise<{ delimiter: string; sepLine: boolean }> {
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
