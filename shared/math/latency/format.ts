// Deterministic number formatting for warnings and verdicts. Not toLocaleString: its output depends
// on the host's locale/ICU build, and these strings are compared in tests and stored with results.

export { formatCount } from '../../format/numbers';

/**
 * Decimals that resolve a set of millisecond values: 2 while the largest is ≥ 0.1 ms ("1.80 ms",
 * "−0.40"), otherwise enough for two significant digits of the largest (0.0061 → 4) so a 4 µs shift
 * does not print as "0.00". Capped at 6 (1 ns).
 */
export function msDecimals(...values: number[]): number {
  const big = Math.max(...values.map((v) => (Number.isFinite(v) ? Math.abs(v) : 0)));
  if (big === 0) return 2;
  return Math.min(6, Math.max(2, 1 - Math.floor(Math.log10(big))));
}

/** Fixed decimals with a real minus sign (U+2212) so negative intervals read "−0.40–0.20". */
export function formatMs(v: number, decimals: number): string {
  if (!Number.isFinite(v)) return String(v);
  const s = Math.abs(v).toFixed(decimals);
  // "-0.00" would claim a sign the rounded value does not have.
  return v < 0 && Number(s) !== 0 ? `−${s}` : s;
}
