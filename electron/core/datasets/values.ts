// How stored values read back as numbers. The importer stores integers within 2^53 as INTEGER, floats
// whose text String(x) reproduces (and typed doubles) as REAL, everything else verbatim as TEXT (so
// "1.50" stays "1.50"); readers parse here.
import type { ColumnKind } from '../../../shared/types/datasets';

/** NaN / ±inf spellings accepted in text files (and written for Parquet/JSON special floats). */
const NAN = new Set(['nan', 'NaN', 'NAN']);
const POS_INF = new Set([
  'inf',
  'Inf',
  'INF',
  '+inf',
  '+Inf',
  '+INF',
  'infinity',
  'Infinity',
  'INFINITY',
  '+infinity',
  '+Infinity',
  '+INFINITY',
]);
const NEG_INF = new Set(['-inf', '-Inf', '-INF', '-infinity', '-Infinity', '-INFINITY']);

/** pandas.read_csv's default missing-value words besides "" and NaN/nan (infer.ts classifies them as NA_WORD). */
const MISSING_WORDS = new Set(['NA', 'N/A', 'n/a', 'NULL', 'null', 'None', '#N/A', '#N/A N/A', '#NA', '<NA>']);

/** Whether a stored text is a missing-value word: missing wherever a number (or any typed value) is read. */
export function isMissingWord(s: string): boolean {
  return MISSING_WORDS.has(s);
}

export function isNanToken(s: string): boolean {
  return NAN.has(s);
}
export function infSign(s: string): 1 | -1 | 0 {
  return POS_INF.has(s) ? 1 : NEG_INF.has(s) ? -1 : 0;
}

/** Decimal numbers as written in data files: optional sign, digits, fraction, exponent. No hex, no spaces. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A stored value as a number: NaN and ±Infinity for their spellings, null for missing (NULL, and the
 * missing-value words "NA", "NULL", "None", "#N/A"… a numeric column may hold verbatim), undefined
 * when it is not a number at all ("abc"). Leading zeros are accepted here: the column's kind, decided
 * at import, says whether a column is numeric; this only reads it.
 */
export function toNumber(v: number | string | null): number | null | undefined {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  if (DECIMAL.test(v)) return Number(v);
  if (NAN.has(v)) return NaN;
  const inf = infSign(v);
  if (inf !== 0) return inf * Infinity;
  return MISSING_WORDS.has(v) ? null : undefined;
}

/** ISO 8601 date or date-time text → epoch milliseconds (UTC when no offset is given), or undefined. */
export function datetimeMillis(s: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}/.test(s)) return undefined;
  let text = s.replace(' ', 'T').replace(',', '.');
  // Date.parse wants ±hh:mm; ISO 8601 also allows ±hh.
  if (/[+-]\d{2}$/.test(text) && text.length > 13) text += ':00';
  // Without an offset, Date parses date-times as local time; read them as UTC so results do not depend on the machine.
  else if (text.length > 10 && !/(?:Z|[+-]\d{2}:?\d{2})$/.test(text)) text += 'Z';
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  // Date.parse rolls 2023-02-30 over to March; such dates are not dates.
  const day = Number(s.slice(8, 10));
  return new Date(Date.parse(s.slice(0, 10))).getUTCDate() === day ? ms : undefined;
}

/** The number an explicitly typed text value stands for ("007" as --type integer is 7). */
export function overriddenNumber(kind: ColumnKind, s: string): number {
  return kind === 'integer' || kind === 'float' ? Number(s) : NaN;
}

/**
 * Whether a float stored as REAL reads back as exactly `s` (String(x) === s) — checked cheaply: at most
 * 15 significant digits (all doubles keep those), no exponent, sign "+", leading ".", trailing "0", or
 * magnitude below 1e-6 (which JavaScript prints in exponent form). Others are kept as text.
 */
export function readsBackAs(s: string, x: number): boolean {
  const n = s.length;
  if (n > 16 || s.charCodeAt(n - 1) === 48 || s.charCodeAt(n - 1) === 46) return false;
  const c = s.charCodeAt(0);
  if (c === 43 || c === 46 || (c === 45 && s.charCodeAt(1) === 46)) return false;
  if (s.indexOf('e') >= 0 || s.indexOf('E') >= 0) return false;
  return Math.abs(x) >= 1e-6;
}

/**
 * A number as it is bound: an integer within ±2^53 as a BigInt, which the driver binds as INTEGER (it
 * binds every number as REAL, 8 bytes, and a column without a declared type keeps that), so
 * `85246` stays `85246` in any SQLite reader and takes 3 bytes; −0 and the rest as REAL.
 * The insert thread runs this very function (insert-worker.ts); native/preflight_rows.c does the same in C.
 */
export function asStored(x: number): number | bigint {
  return Number.isInteger(x) && Math.abs(x) <= 2 ** 53 && !Object.is(x, -0) ? BigInt(x) : x;
}
