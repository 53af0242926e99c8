// The one way Preflight writes numbers, on every surface: the CLI, the app and the HTML reports.
// Deterministic on purpose (no toLocaleString): its output depends on the host's locale and ICU build,
// and these strings are compared in tests and stored with results.

/** 270336 → "270,336". Integers (counts); a real minus sign for negatives. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(Math.round(Math.abs(n)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `−${grouped}` : grouped;
}

/**
 * A statistic (score, p-value, distance, mean): 4 decimals below 1, 2 above, an exponent for the
 * tiny and the huge (a p-value can be 1e-300); "—" when there is none.
 */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '+inf' : '−inf';
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a < 1e-3 || a >= 1e5 ? x.toExponential(2) : x.toFixed(a < 1 ? 4 : 2);
}

/**
 * A share (0…1) as a percentage with `digits` decimals, except that a small share that is not zero
 * keeps two significant digits instead of rounding to nothing: 0.0003 → "0.03%", never "0.0%".
 */
export function formatShare(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const p = x * 100;
  if (p === 0) return `${(0).toFixed(digits)}%`;
  const fixed = p.toFixed(digits);
  if (Number(fixed) !== 0 && Math.abs(p) >= 10 ** -digits) return `${fixed}%`;
  // Too small for the usual digits: two significant ones ("0.03%", "0.0012%").
  return `${Number(p.toPrecision(2))}%`;
}

/** Bytes in binary units: 698 B, 6.6 KiB, 3.0 GiB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

/** A duration in seconds: "420 ms" under a second, "1.25 s" above. */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '—';
  return s < 1 ? `${Math.round(s * 1000)} ms` : `${s.toFixed(2)} s`;
}
