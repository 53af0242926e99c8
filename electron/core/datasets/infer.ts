// Type inference: each value is classified once, as it streams past; a column's kind is decided from
// the counts at the end. Nothing is converted on the way in — "007", "0x1A" or a 20-digit id is TEXT,
// and one TEXT value makes the whole column categorical (values are never silently coerced).
// pandas' missing-value words ("NA", "NULL", "None", "#N/A"…) are their own class: missing in a column
// whose other values are typed, ordinary text in a categorical one (an ISO country code "NA" stays "NA").
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
/** A missing-value word pandas.read_csv reads as missing ("NA", "N/A", "NULL", "None", "#N/A"…): see decideKind. */
export const NA_WORD = 9;
export const TOKEN_CLASSES = 10;

const DATE_RE =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:[T ]([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

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
    if (c === 45 && digits === 4 && start === 0)
      return DATE_RE.test(s) && datetimeMillis(s) !== undefined ? DATE : TEXT;
    if (leadingZero) return TEXT;
    return fractionAndExponent(s, i, n) ? FLOAT : TEXT;
  }
  if (c === 46) return i + 1 < n && isDigit(s.charCodeAt(i + 1)) && fractionAndExponent(s, i, n) ? FLOAT : TEXT;
  // Only words starting t/f/n/i (any case, after a sign for inf), # or < can be special: most text leaves here.
  c |= 0x20;
  if (n > 9 || (c !== 116 && c !== 102 && c !== 110 && c !== 105 && c !== 35 && c !== 60)) return TEXT;
  switch (s) {
    case 'true':
    case 'false':
    case 'True':
    case 'False':
    case 'TRUE':
    case 'FALSE':
      return BOOL;
    case 'nan':
    case 'NaN':
    case 'NAN':
      return NAN;
    case 'inf':
    case 'Inf':
    case 'INF':
    case '+inf':
    case '+Inf':
    case '+INF':
    case 'infinity':
    case 'Infinity':
    case 'INFINITY':
    case '+Infinity':
      return POSINF;
    case '-inf':
    case '-Inf':
    case '-INF':
    case '-infinity':
    case '-Infinity':
    case '-INFINITY':
      return NEGINF;
    // pandas.read_csv's default na_values (besides "", NaN/nan): keep in step with MISSING_WORDS in values.ts.
    case 'NA':
    case 'N/A':
    case 'n/a':
    case 'NULL':
    case 'null':
    case 'None':
    case '#N/A':
    case '#N/A N/A':
    case '#NA':
    case '<NA>':
      return NA_WORD;
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

/**
 * The kind a column's class counts support (see the rules in the README of this folder). Missing-value
 * words (NA_WORD) do not count against a typed kind: the kind is decided from the other values, and
 * the words are missing in it (`wordsMissing`). In a column that is categorical anyway they stay text.
 * `word` is one of the words seen, for the note.
 */
export function decideKind(
  counts: ArrayLike<number>,
  word = 'NA',
): { kind: ColumnKind; note?: string; wordsMissing: boolean } {
  let present = 0;
  for (let k = 1; k < TOKEN_CLASSES; k++) if (k !== NA_WORD) present += counts[k];
  const words = counts[NA_WORD];
  if (present === 0)
    return {
      kind: 'categorical',
      note: words > 0 ? `every value is missing (${missingWordsNote(words, word)})` : 'every value is missing',
      wordsMissing: true,
    };
  const numbers = counts[INT] + counts[FLOAT];
  const specials = counts[NAN] + counts[POSINF] + counts[NEGINF];
  let kind: ColumnKind = 'categorical';
  if (counts[INT] === present) kind = 'integer';
  else if (numbers > 0 && numbers + specials === present) kind = 'float';
  else if (counts[BOOL] === present) kind = 'boolean';
  else if (counts[DATE] === present) kind = 'datetime';
  if (kind === 'categorical' || words === 0) return { kind, wordsMissing: false };
  return { kind, note: missingWordsNote(words, word), wordsMissing: true };
}

/** The note on a typed column that held missing-value words. */
export function missingWordsNote(words: number, word: string): string {
  return `${words.toLocaleString('en-US')} value(s) such as ${JSON.stringify(word)} read as missing`;
}

/**
 * Whether a value of class `tok` may stand in a column the user declared `kind` (--type). Explicit
 * overrides are a little more lenient than inference ("007" may be an integer when you say so),
 * but a value that is not a number is never read as one. Missing-value words ("NA"…) fit every kind
 * (as missing; as text in a categorical column).
 */
export function fitsKind(kind: ColumnKind, tok: number, s: string): boolean {
  if (tok === MISSING || tok === NA_WORD || kind === 'categorical') return true;
  switch (kind) {
    case 'integer':
      return tok === INT || (tok === TEXT && /^[+-]?\d{1,15}$/.test(s));
    case 'float':
      return (
        tok === INT ||
        tok === FLOAT ||
        tok === NAN ||
        tok === POSINF ||
        tok === NEGINF ||
        (tok === TEXT && /^[+-]?\d+(\.\d*)?([eE][+-]?\d+)?$/.test(s))
      );
    case 'boolean':
      return tok === BOOL || s === '0' || s === '1';
    case 'datetime':
      return tok === DATE;
  }
}
