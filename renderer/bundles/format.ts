// Number formatting for the Bundles screen.

/** 0.9002 → "90.0%"; 0.0003 → "0.03%"; null → "—" (shared/format, as every surface writes shares). */
export { formatShare as pct } from '../../shared/format/numbers';

/** Milliseconds with sensible precision: 0.0813 → "0.0813 ms", 12.5 → "12.5 ms". */
export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(2).replace(/\.?0+$/, '') : Number(value.toPrecision(3))} ms`;
}

/** Four significant digits, no exponent for everyday magnitudes. */
export function num(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return String(Number(value.toPrecision(4)));
}

/** A model reference as the CLI writes it. */
export function modelLabel(m: { name: string; version: number }): string {
  return `${m.name}@${m.version}`;
}
