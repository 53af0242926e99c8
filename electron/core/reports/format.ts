// The numbers of a report written exactly as the screen writes them (both use shared/format), so a
// reader finds the same figures in the file and in the app.

export { formatNumber as num, formatShare as pct } from '../../../shared/format/numbers';

/** Latencies in the benchmark tables: three significant digits. */
export const ms3 = (v: number | null | undefined, digits = 3) =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toPrecision(digits);

export { formatCount as count, formatBytes as bytes } from '../../../shared/format/numbers';

export { EFFECT_LABEL, TEST_LABEL } from '../../../shared/naming/drift-labels';
