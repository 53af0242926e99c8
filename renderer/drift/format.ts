// Number formatting for drift reports: p-values can be 1e-300, distances 0.0042, shares 0.37.
export function num(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a < 1e-3 || a >= 1e5 ? x.toExponential(2) : x.toFixed(a < 1 ? 4 : 2);
}

export function pct(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  return `${(x * 100).toFixed(digits)}%`;
}

export { EFFECT_LABEL, TEST_LABEL } from '../../shared/naming/drift-labels';
