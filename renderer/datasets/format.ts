import type { ColumnInfo, ColumnKind, DatasetSummary } from '../../shared/types/datasets';
import { formatCount } from '../ui/index';

// Formatting for the Datasets screens: numbers compact but exact enough to compare, datetimes as
// dates (their statistics are epoch milliseconds), names shown verbatim but never invisibly.

/** Extensions the importer reads (the core also sniffs content when the extension says nothing). */
export const DATASET_ACCEPT = '.csv,.tsv,.tab,.txt,.parquet,.pq,.jsonl,.ndjson';
export const DATASET_FILE = /\.(csv|tsv|tab|txt|parquet|pq|jsonl|ndjson)$/i;

/** 4 significant digits, thousands separators for big values, exponent for tiny/huge ones. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+inf' : '−inf';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e15 || abs < 1e-4) return x.toExponential(3);
  if (Number.isInteger(x) && abs < 1e15) return formatCount(x);
  if (abs >= 1000) {
    const tenths = Math.round(Math.abs(x) * 10);
    const whole = formatCount(Math.floor(tenths / 10));
    return `${x < 0 ? '−' : ''}${whole}${tenths % 10 ? `.${tenths % 10}` : ''}`;
  }
  return String(Number(x.toPrecision(4)));
}

/** A datetime statistic (epoch ms, UTC) to the second (a mean has no use for milliseconds): date only at midnight. */
export function formatEpoch(ms: number): string {
  if (!Number.isFinite(ms)) return formatNumber(ms);
  const iso = new Date(Math.round(ms / 1000) * 1000).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
}

/** A spread of epoch milliseconds as a duration. */
export function formatDuration(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
  ];
  for (const [size, unit] of units) if (Math.abs(ms) >= size) return `${formatNumber(ms / size)} ${unit}`;
  return `${formatNumber(ms)} ms`;
}

/** A statistic of this column, in its own units (dates for datetime columns). */
export function formatStat(column: ColumnInfo, value: number, spread = false): string {
  if (column.kind === 'datetime') return spread ? formatDuration(value) : formatEpoch(value);
  return formatNumber(value);
}

export function formatPercent(part: number, whole: number): string {
  if (whole === 0 || part === 0) return '0%';
  const pct = (100 * part) / whole;
  // A small share keeps two significant digits (0.03%), never rounds to nothing.
  if (pct < 0.1) return `${Number(pct.toPrecision(2))}%`;
  if (pct > 99.9 && part < whole) return '>99.9%';
  return `${Number(pct.toFixed(1))}%`;
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A column name as it is in the file, with nothing invisible: control characters escaped, and
 * quotes around a name that is empty or starts or ends with spaces. React escapes the rest.
 */
export function displayName(name: string): string {
  const shown = name.replace(
    // eslint-disable-next-line no-control-regex -- control characters are what this shows escaped
    /[\u0000-\u001f\u007f]/g,
    (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return shown === '' || shown !== shown.trim() ? `"${shown}"` : shown;
}

export function kindLabel(column: ColumnInfo): string {
  return column.kind === column.inferredKind
    ? column.kind
    : `${column.kind} (inferred ${column.inferredKind}, overridden)`;
}

export const KIND_TITLES: Record<ColumnKind, string> = {
  integer: 'whole numbers (exact within ±2^53)',
  float: 'numbers, including NaN and infinities',
  boolean: 'true / false',
  datetime: 'ISO 8601 dates and date-times; statistics in UTC',
  categorical: 'text: labels, codes and ids such as 007',
};

export function formatLabel(format: DatasetSummary['format']): string {
  return { csv: 'CSV', tsv: 'TSV', parquet: 'Parquet', jsonl: 'JSON Lines' }[format];
}

/** The core names common delimiters (comma, tab, semicolon, pipe) and gives others as the character itself. */
export function delimiterLabel(d: string): string {
  const named: Record<string, string> = {
    comma: 'comma ( , )',
    semicolon: 'semicolon ( ; )',
    pipe: 'pipe ( | )',
    tab: 'tab',
  };
  return named[d] ?? (d.length === 1 ? `“${d === ' ' ? 'space' : d}”` : d);
}

/** In web mode the stored path is the server's upload folder: the file name is what the user knows. */
export function baseName(p: string): string {
  return p.split(/[\\/]/).pop() || p;
}
