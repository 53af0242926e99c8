// The fast path of CSV classification: plain decimals are classified and converted straight from the
// chunk's text, without making a string per field (most of a numeric CSV's cost and garbage).
// Agrees with classify(text) and Number(text) wherever it answers (property-tested).
import { FLOAT, INT, MISSING, TEXT } from './infer';

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** Out-values of scanNumber: the number, and whether String(x) gives back exactly the field's text. */
export const scanned = { x: NaN, exact: false };

/**
 * Class of buf[a, b) for empty fields, integers of up to 15 digits and decimals of up to 15 digits
 * without exponent (value computed as m / 10^k: both exact, so the division is correctly rounded,
 * like Number()). Returns -1 for anything else: the caller takes the string path.
 */
export function scanNumber(buf: string, a: number, b: number): number {
  if (a === b) return MISSING;
  let i = a;
  let c = buf.charCodeAt(i);
  const neg = c === 45;
  const plus = c === 43;
  if (neg || plus) i++;
  const intStart = i;
  let m = 0;
  while (i < b && (c = buf.charCodeAt(i)) >= 48 && c <= 57) {
    m = m * 10 + (c - 48);
    i++;
  }
  const intDigits = i - intStart;
  if (intDigits === 0 || intDigits > 15) return -1;
  const leadingZero = intDigits > 1 && buf.charCodeAt(intStart) === 48;
  if (i === b) {
    if (leadingZero) return TEXT;
    scanned.x = neg ? -m : m;
    scanned.exact = !plus && !(neg && m === 0);
    return INT;
  }
  if (c !== 46) return -1;
  if (leadingZero) return TEXT;
  i++;
  const fracStart = i;
  while (i < b && (c = buf.charCodeAt(i)) >= 48 && c <= 57) {
    m = m * 10 + (c - 48);
    i++;
  }
  const frac = i - fracStart;
  if (i !== b || intDigits + frac > 15) return -1;
  const x = m / POW10[frac];
  scanned.x = neg ? -x : x;
  // JavaScript prints |x| < 1e-6 in exponent form, drops trailing zeros and a bare ".".
  scanned.exact = !plus && frac > 0 && buf.charCodeAt(b - 1) !== 48 && x >= 1e-6;
  return FLOAT;
}
