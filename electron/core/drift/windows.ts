// Drift over time: the current rows split by day / ISO week / month of a time column, each window
// compared with the whole reference, every feature. Windows are compared against the reference
// PROFILE (grid KS/Wasserstein within 1/G + 1/n of exact, PSI/JS exact), which keeps a feature ×
// window matrix cheap; the verdict rule is the same as the main report's.

import { PreflightError } from '../../../shared/contract/errors';
import {
  assignWindows,
  compareCategorical,
  compareNumeric,
  sortFinite,
  windowLabel,
  type CompareOptions,
} from '../../../shared/math/drift-profile/index';
import type { ColumnDriftProfile, TimeWindows, TimeWindowUnit } from '../../../shared/types/drift';
import type { ColumnInfo } from '../../../shared/types/datasets';
import type { CoreContext } from '../context';
import { readColumnValues } from '../datasets/columns';
import { isMissingWord, toNumber } from '../datasets/values';
import type { JobContext } from '../jobs/manager';
import { yieldToLoop } from './job-util';
import type { DatasetSource } from './sources';

export interface WindowFeature {
  name: string;
  column: ColumnInfo;
  profile: ColumnDriftProfile | null;
}

/** Epoch seconds (below 1e11) or milliseconds from 1971 to 2100: what a numeric time column may hold. */
const EPOCH_S = [31_536_000, 4_102_444_800];

/**
 * The time column must exist and hold dates: a datetime column, text parsed per value, or numbers that
 * are plausible epoch timestamps — not a feature like `age` read as seconds since 1970.
 */
export function checkTimeColumn(cur: DatasetSource, name: string): ColumnInfo {
  const tc = cur.columns.find((c) => c.name === name);
  if (!tc)
    throw new PreflightError(
      'BAD_ARGUMENTS',
      `time column "${name}" is not in ${cur.name} (columns: ${cur.columns.map((c) => c.name).join(', ')})`,
    );
  if (tc.kind === 'boolean')
    throw new PreflightError('BAD_ARGUMENTS', `time column "${name}" is boolean, not a date or time`);
  if (tc.kind !== 'integer' && tc.kind !== 'float') return tc;
  const n = tc.profile.numeric;
  if (!n) return tc;
  const seconds = (x: number) => (Math.abs(x) < 1e11 ? x : x / 1000);
  const plausible = (x: number) => seconds(x) >= EPOCH_S[0] && seconds(x) <= EPOCH_S[1];
  if (!plausible(n.min) || !plausible(n.max)) {
    throw new PreflightError(
      'BAD_ARGUMENTS',
      `time column "${name}" is ${tc.kind} from ${n.min} to ${n.max}: not epoch timestamps (seconds or milliseconds since 1970, years 1971–2100); choose a date/time column`,
    );
  }
  return tc;
}

export async function timeWindows(
  core: CoreContext,
  cur: DatasetSource,
  timeColumn: string,
  unit: TimeWindowUnit,
  features: WindowFeature[],
  options: (name: string) => CompareOptions,
  driftShare: number,
  job: JobContext,
): Promise<TimeWindows> {
  const tc = checkTimeColumn(cur, timeColumn);
  const rawTimes = readColumnValues(core, cur.id, tc.ordinal);
  // The datasets store datetime columns as ISO text or epoch milliseconds; plain numbers are epoch seconds or ms.
  const times =
    tc.kind === 'datetime' ? rawTimes.map((v) => (typeof v === 'number' ? new Date(v).toISOString() : v)) : rawTimes;
  const assigned = assignWindows(times, unit);
  if (assigned.starts.length === 0)
    throw new PreflightError('INVALID_INPUT', `time column "${timeColumn}" has no readable dates or timestamps`);
  const W = assigned.starts.length;
  const cells: TimeWindows['cells'] = [];
  const usable = features.filter((f) => f.profile?.profile);
  for (const [fi, f] of usable.entries()) {
    job.progress(fi / Math.max(1, usable.length), `${f.name} over ${W} ${unit}s`);
    const p = f.profile!.profile!;
    const raw = readColumnValues(core, cur.id, f.column.ordinal);
    const row: TimeWindows['cells'][number] = [];
    if (p.kind === 'numerical') {
      const parts = splitNumeric(raw, assigned.index, W);
      for (let w = 0; w < W; w++) {
        const r = compareNumeric({ profile: p, sorted: null }, parts[w], { ...options(f.name), histogram: false });
        row.push({ score: r.score, drifted: r.drifted, rows: assigned.rows[w] });
      }
    } else {
      const parts = splitCategorical(raw, assigned.index, W, f.column.kind !== 'categorical');
      for (let w = 0; w < W; w++) {
        const r = compareCategorical(p, parts[w], { ...options(f.name), histogram: false });
        row.push({ score: r.score, drifted: r.drifted, rows: assigned.rows[w] });
      }
    }
    cells.push(row);
    await yieldToLoop(job);
  }
  const names = usable.map((f) => f.name);
  const firstDrift: Record<string, string | null> = {};
  names.forEach((n, fi) => {
    const w = cells[fi].findIndex((c) => c.drifted);
    firstDrift[n] = w < 0 ? null : windowLabel(assigned.starts[w], unit);
  });
  const windows = assigned.starts.map((s, w) => {
    const tested = cells.filter((r) => r[w].score !== null).length;
    const drifted = cells.filter((r) => r[w].drifted).length;
    const share = tested ? drifted / tested : 0;
    return {
      start: new Date(s).toISOString(),
      label: windowLabel(s, unit),
      rows: assigned.rows[w],
      driftShare: share,
      detected: tested > 0 && share >= driftShare,
    };
  });
  return { column: timeColumn, unit, windows, features: names, cells, firstDrift, skippedRows: assigned.skipped };
}

function splitNumeric(raw: (number | string | null)[], index: Int32Array, W: number) {
  const sizes = new Int32Array(W);
  for (let i = 0; i < index.length; i++) if (index[i] >= 0) sizes[index[i]]++;
  const bufs = Array.from({ length: W }, (_, w) => new Float64Array(sizes[w]));
  const fill = new Int32Array(W);
  const parts = Array.from({ length: W }, () => ({ missing: 0, nan: 0, posInf: 0, negInf: 0 }));
  for (let i = 0; i < raw.length; i++) {
    const w = index[i];
    if (w < 0) continue;
    const x = toNumber(raw[i]);
    if (x === null || x === undefined) parts[w].missing++;
    else if (Number.isFinite(x)) bufs[w][fill[w]++] = x;
    else if (Number.isNaN(x)) parts[w].nan++;
    else if (x > 0) parts[w].posInf++;
    else parts[w].negInf++;
  }
  return parts.map((p, w) => ({ ...p, sorted: sortFinite(bufs[w].subarray(0, fill[w])) }));
}

/** `wordsMissing`: a typed (boolean) column, where "NA"-style words are missing values, not categories. */
function splitCategorical(raw: (number | string | null)[], index: Int32Array, W: number, wordsMissing: boolean) {
  const parts = Array.from({ length: W }, () => ({ counts: new Map<string, number>(), missing: 0 }));
  for (let i = 0; i < raw.length; i++) {
    const w = index[i];
    if (w < 0) continue;
    const v = raw[i];
    if (v === null || (wordsMissing && typeof v === 'string' && isMissingWord(v))) parts[w].missing++;
    else {
      const k = String(v);
      parts[w].counts.set(k, (parts[w].counts.get(k) ?? 0) + 1);
    }
  }
  return parts;
}
