// Time windows for drift over time: each current row goes to the UTC day, ISO week (Monday) or
// calendar month of its timestamp.

import type { TimeWindowUnit } from '../../types/drift';

const DAY = 86_400_000;

/**
 * Epoch milliseconds of a time value, or null. Numbers are epoch seconds below 1e11 (until year
 * 5138) and epoch milliseconds above; strings are ISO 8601 dates or date-times, read as UTC when
 * they carry no offset (so a report does not depend on the machine's time zone).
 */
export function parseTime(value: unknown): number | null {
  if (typeof value === 'number' || typeof value === 'bigint') {
    const n = Number(value);
    if (!Number.isFinite(n)) return null;
    return Math.abs(n) < 1e11 ? n * 1000 : n;
  }
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (!s) return null;
  if (/^-?\d+(\.\d+)?$/.test(s)) return parseTime(Number(s));
  let iso = s.replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) iso += 'T00:00:00Z';
  else if (/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(iso)) iso += 'Z';
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

/** Start (epoch ms, UTC) of the window holding t. */
export function windowStart(t: number, unit: TimeWindowUnit): number {
  if (unit === 'day') return Math.floor(t / DAY) * DAY;
  if (unit === 'week') {
    const day = Math.floor(t / DAY);
    const weekday = (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday: Monday = 0
    return (day - weekday) * DAY;
  }
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

export function windowLabel(start: number, unit: TimeWindowUnit): string {
  const iso = new Date(start).toISOString();
  if (unit === 'month') return iso.slice(0, 7);
  if (unit === 'week') return `${iso.slice(0, 10)} (wk)`;
  return iso.slice(0, 10);
}

export interface WindowAssignment {
  /** Window index per row, -1 when the row has no usable time. */
  index: Int32Array;
  starts: number[];
  rows: number[];
  skipped: number;
}

/** Assigns rows (in order) to windows, ascending by start. */
export function assignWindows(times: ArrayLike<unknown>, unit: TimeWindowUnit): WindowAssignment {
  const n = times.length;
  const startOf = new Float64Array(n);
  const seen = new Map<number, number>();
  let skipped = 0;
  for (let i = 0; i < n; i++) {
    const t = parseTime(times[i]);
    if (t === null) {
      startOf[i] = NaN;
      skipped++;
      continue;
    }
    const s = windowStart(t, unit);
    startOf[i] = s;
    seen.set(s, (seen.get(s) ?? 0) + 1);
  }
  const starts = [...seen.keys()].sort((a, b) => a - b);
  const pos = new Map(starts.map((s, i) => [s, i]));
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = Number.isNaN(startOf[i]) ? -1 : pos.get(startOf[i])!;
  return { index, starts, rows: starts.map((s) => seen.get(s)!), skipped };
}
