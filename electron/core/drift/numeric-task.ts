// One group of numerical features, end to end: read both sides (chunks or rows, column-read.ts), sort,
// build the reference profile, compare. Runs in a child process — the feature groups of a drift run go
// to several children at once (fan-out.ts) and only small results and profiles come back — or here.

import Database from 'better-sqlite3';
import {
  buildNumericProfile,
  compareNumeric,
  type CompareOptions,
  type FeatureResult,
} from '../../../shared/math/drift-profile/index';
import type { NumericDriftProfile } from '../../../shared/types/drift';
import { SortedColumns, type TableColumns } from './column-read';

export type { TableColumns };

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
  /** Reading the columns from the workspace (sorting is part of computeMs). */
  readMs: number;
  computeMs: number;
  /** Values read, both sides. */
  values: number;
}

export type GroupProgress = (fraction: number, message: string) => void;

export function compareNumericGroup(
  db: Database.Database,
  p: NumericTaskPayload,
  progress: GroupProgress = () => {},
): NumericGroupOutcome {
  const refSide = 'table' in p.reference ? p.reference : null;
  // Column by column: two sorted columns in memory at a time, not the whole group.
  const cur = new SortedColumns(db, p.current);
  const ref = refSide ? new SortedColumns(db, refSide) : null;
  const n = p.current.ordinals.length;
  let computeMs = 0;
  // Nothing keeps a column's sorted values once it is compared (profiles copy what they keep): the
  // next column is read into the same two arrays.
  let curBuffer: ArrayBufferLike | undefined;
  let refBuffer: ArrayBufferLike | undefined;
  const results = p.current.ordinals.map((_, k) => {
    progress(k / n, `reading and comparing column ${k + 1} of ${n}`);
    const c = cur.get(k, curBuffer);
    const r = ref?.get(k, refBuffer);
    curBuffer = c.sorted.buffer;
    refBuffer = r?.sorted.buffer;
    const t = performance.now();
    const profile = r
      ? buildNumericProfile(r.sorted, r, p.gridSize)
      : (p.reference as { profiles: NumericDriftProfile[] }).profiles[k];
    const result = compareNumeric({ profile, sorted: r ? r.sorted : null }, c, p.options[k]);
    computeMs += performance.now() - t;
    return { result, profile: r ? profile : null };
  });
  return {
    results,
    readMs: cur.readMs + (ref?.readMs ?? 0),
    computeMs: computeMs + cur.sortMs + (ref?.sortMs ?? 0),
    values: cur.values + (ref?.values ?? 0),
  };
}

/** Child-process entry: opens the workspace read-only. */
export async function compareNumericInChild(
  p: NumericTaskPayload,
  progress?: GroupProgress,
): Promise<NumericGroupOutcome> {
  const db = new Database(p.file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return compareNumericGroup(db, p, progress);
  } finally {
    db.close();
  }
}
