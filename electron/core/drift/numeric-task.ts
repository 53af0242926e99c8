// One group of numerical features, end to end: read both sides (one table scan each), sort, build
// the reference profile, compare. Runs in a child process — the feature groups of a drift run go to
// several children at once and only small results and profiles come back — or here as a fallback.

import Database from 'better-sqlite3';
import {
  buildNumericProfile,
  compareNumeric,
  type CompareOptions,
  type FeatureResult,
} from '../../../shared/math/drift-profile/index';
import type { NumericDriftProfile } from '../../../shared/types/drift';
import { numericColumnText } from '../workspace/queries/drift';
import { readSortedNumeric, type ColumnTextReader } from './fast-read';

export interface TableColumns {
  table: string;
  maxRowid: number;
  rows: number;
  ordinals: number[];
}

export interface NumericTaskPayload {
  file: string;
  /** Reference columns to read (exact mode), or their stored profiles (profile mode). */
  reference: TableColumns | { profiles: NumericDriftProfile[] };
  current: TableColumns;
  options: CompareOptions[];
  gridSize: number;
}

export interface NumericTaskResult {
  result: FeatureResult;
  /** The reference profile built on the way (exact mode). */
  profile: NumericDriftProfile | null;
}

export interface NumericGroupOutcome {
  results: NumericTaskResult[];
  readMs: number;
  computeMs: number;
}

export type GroupProgress = (fraction: number, message: string) => void;

export function compareNumericGroup(
  read: (table: string) => ColumnTextReader,
  p: NumericTaskPayload,
  progress: GroupProgress = () => {},
): NumericGroupOutcome {
  const t0 = performance.now();
  const refSide = 'table' in p.reference ? p.reference : null;
  progress(0, 'reading current values');
  const cur = readSortedNumeric(read(p.current.table), p.current.ordinals, p.current.maxRowid, p.current.rows);
  if (refSide) progress(0.4, 'reading reference values');
  const ref = refSide ? readSortedNumeric(read(refSide.table), refSide.ordinals, refSide.maxRowid, refSide.rows) : null;
  const t1 = performance.now();
  progress(0.8, 'comparing');
  const results = cur.map((c, k) => {
    const profile = ref
      ? buildNumericProfile(ref[k].sorted, ref[k], p.gridSize)
      : (p.reference as { profiles: NumericDriftProfile[] }).profiles[k];
    const result = compareNumeric({ profile, sorted: ref ? ref[k].sorted : null }, c, p.options[k]);
    return { result, profile: ref ? profile : null };
  });
  return { results, readMs: t1 - t0, computeMs: performance.now() - t1 };
}

/** Child-process entry: opens the workspace read-only. */
export async function compareNumericInChild(
  p: NumericTaskPayload,
  progress?: GroupProgress,
): Promise<NumericGroupOutcome> {
  const db = new Database(p.file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return compareNumericGroup((table) => (ords, a, b) => numericColumnText(db, table, ords, a, b), p, progress);
  } finally {
    db.close();
  }
}
