// The numbers of a report written exactly as the screen writes them (renderer/drift/format.ts,
// renderer/bench), so a reader finds the same figures in the file and in the app.

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

/** Latencies in the benchmark tables: three significant digits. */
export const ms3 = (v: number | null | undefined, digits = 3) =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toPrecision(digits);

export const count = (n: number) => n.toLocaleString('en-US');

export function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n} B` : `${v.toFixed(v >= 100 ? 0 : 1)} ${units[i]}`;
}

export { EFFECT_LABEL, TEST_LABEL } from '../../../shared/naming/drift-labels';
