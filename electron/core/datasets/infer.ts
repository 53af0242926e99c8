// Type inference: each value is classified once, as it streams past; a column's kind is decided from
// the counts at the end. Nothing is converted on the way in — "007", "0x1A" or a 20-digit id is TEXT,
// and one TEXT value makes the whole column categorical (values are never silently coerced).
import type { ColumnKind } from '../../../shared/types/datasets';
import { datetimeMillis } from './values';

export const MISSING = 0;
export const INT = 1; // canonical decimal integer within ±2^53 (no leading zeros)
export const FLOAT = 2; // decimal with fraction and/or exponent
export const NAN = 3;
export const POSINF = 4;
export const NEGINF = 5;
export const BOOL = 6; // true/false (any of three casings)
export const DATE = 7; // ISO 8601 date or date-time
export const TEXT = 8;
export const TOKEN_CLASSES = 9;

const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:[T ]([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Classifies one text value (CSV field, JSON string). Hot path: a character scan, regexes only for dates. */
export function classify(s: string): number {
  const n = s.length;
  if (n === 0) return MISSING;
  let i = 0;
  let c = s.charCodeAt(0);
  if (c === 43 || c === 45) {
    if (n === 1) return TEXT;
    i = 1;
    c = s.charCodeAt(1);
  }
  if (c >= 48 && c <= 57) {
    const start = i;
    while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
    const digits = i - start;
    const leadingZero = digits > 1 && s.charCodeAt(start) === 48;
    if (i === n) {
      if (leadingZero) return TEXT;
      if (digits <= 15) return INT;
      return Number.isSafeInteger(Number(s)) ? INT : TEXT;
    }
    if (c === 45 && digits === 4 && start === 0) return DATE_RE.test(s) && datetimeMillis(s) !== undefined ? DATE : TEXT;
    if (leadingZero) return TEXT;
    return fractionAndExponent(s, i, n) ? FLOAT : TEXT;
  }
  if (c === 46) return i + 1 < n && isDigit(s.charCodeAt(i + 1)) && fractionAndExponent(s, i, n) ? FLOAT : TEXT;
  // Only words starting t/f/n/i (any case, after a sign for inf) can be special: most text leaves here.
  c |= 0x20;
  if (n > 9 || (c !== 116 && c !== 102 && c !== 110 && c !== 105)) return TEXT;
  switch (s) {
    case 'true': case 'false': case 'True': case 'False': case 'TRUE': case 'FALSE':
      return BOOL;
    case 'nan': case 'NaN': case 'NAN':
      return NAN;
    case 'inf': case 'Inf': case 'INF': case '+inf': case '+Inf': case '+INF': case 'infinity': case 'Infinity': case 'INFINITY': case '+Infinity':
      return POSINF;
    case '-inf': case '-Inf': case '-INF': case '-infinity': case '-Infinity': case '-INFINITY':
      return NEGINF;
    default:
      return TEXT;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** From s[i] (just after the integer digits): optional ".digits", optional exponent, then the end. */
function fractionAndExponent(s: string, i: number, n: number): boolean {
  let c = s.charCodeAt(i);
  if (c === 46) {
    i++;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    if (i === n) return true;
    c = s.charCodeAt(i);
  }
  if (c !== 101 && c !== 69) return false;
  i++;
  if (i < n && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45)) i++;
  const start = i;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  return i === n && i > start;
}

/** The kind a column's class counts support (see the rules in the README of this folder). */
export function decideKind(counts: ArrayLike<number>): { kind: ColumnKind; note?: string } {
  let present = 0;
  for (let k = 1; k < TOKEN_CLASSES; k++) present += counts[k];
  if (present === 0) return { kind: 'categorical', note: 'every value is missing' };
  const numbers = counts[INT] + counts[FLOAT];
  const specials = counts[NAN] + counts[POSINF] + counts[NEGINF];
  if (counts[INT] === present) return { kind: 'integer' };
  if (numbers > 0 && numbers + specials === present) return { kind: 'float' };
  if (counts[BOOL] === present) return { kind: 'boolean' };
  if (counts[DATE] === present) return { kind: 'datetime' };
  return { kind: 'categorical' };
}

/**
 * Whether a value of class `tok` may stand in a column the user declared `kind` (--type). Explicit
 * overrides are a little more lenient than inference ("007" may be an integer when you say so),
 * but a value that is not a number is never read as one.
 */
export function fitsKind(kind: ColumnKind, tok: number, s: string): boolean {
  if (tok === MISSING || kind === 'categorical') return true;
  switch (kind) {
    case 'integer':
      return tok === INT || (tok === TEXT && /^[+-]?\d{1,15}$/.test(s));
    case 'float':
      return tok === INT || tok === FLOAT || tok === NAN || tok === POSINF || tok === NEGINF || (tok === TEXT && /^[+-]?\d+(\.\d*)?([eE][+-]?\d+)?$/.test(s));
    case 'boolean':
      return tok === BOOL || s === '0' || s === '1';
    case 'datetime':
      return tok === DATE;
  }
}
