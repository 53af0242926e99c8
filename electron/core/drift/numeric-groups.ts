// Spreads the numerical features of a drift run over child processes (one per core, at most 8),
// each reading its columns of both sides and comparing them (numeric-task.ts). Small inputs, or
// hosts that cannot start a child, run the same code here.

import os from 'node:os';
import { PreflightError } from '../../../shared/contract/errors';
import type { CompareOptions } from '../../../shared/math/drift-profile/index';
import type { NumericDriftProfile } from '../../../shared/types/drift';
import type { ColumnInfo } from '../../../shared/types/datasets';
import type { CoreContext } from '../context';
import { runInChild } from '../jobs/run-in-child';
import {
  compareNumericGroup,
  type NumericGroupOutcome,
  type NumericTaskPayload,
  type TableColumns,
} from './numeric-task';
import type { DatasetSource } from './sources';

export interface NumericJob {
  /** Reference column (exact mode) or its stored profile (profile mode). */
  reference: ColumnInfo | NumericDriftProfile;
  current: ColumnInfo;
  options: CompareOptions;
}

export async function compareNumericJobs(
  core: CoreContext,
  refSource: DatasetSource | null,
  cur: DatasetSource,
  jobs: NumericJob[],
  gridSize: number,
  signal: AbortSignal,
  progress: (fraction: number, message: string) => void = () => {},
): Promise<NumericGroupOutcome> {
  if (jobs.length === 0) return { results: [], readMs: 0, computeMs: 0 };
  const table = (id: number, ordinals: number[]): TableColumns => {
    const d = core.queries.datasets.byId(id);
    if (!d) throw new PreflightError('NOT_FOUND', `no dataset with id ${id}`);
    return { table: d.tableName, maxRowid: core.queries.drift.maxRowid(d.tableName), rows: d.rows, ordinals };
  };
  const payloadFor = (group: NumericJob[]): NumericTaskPayload => ({
    file: core.workspace.file,
    reference: refSource
      ? table(
          refSource.id,
          group.map((j) => (j.reference as ColumnInfo).ordinal),
        )
      : { profiles: group.map((j) => j.reference as NumericDriftProfile) },
    current: table(
      cur.id,
      group.map((j) => j.current.ordinal),
    ),
    options: group.map((j) => j.options),
    gridSize,
  });
  const inProcess = (group: NumericJob[]) =>
    compareNumericGroup(
      (t) => (ords, a, b) => core.queries.drift.numericColumnText(t, ords, a, b),
      payloadFor(group),
      progress,
    );
  const rows = Math.max(refSource?.rows ?? 0, cur.rows);
  // PREFLIGHT_DRIFT_IN_PROCESS=1 keeps everything here (profiling, or hosts that cannot start children).
  if (rows * jobs.length < 2_000_000 || process.env.PREFLIGHT_DRIFT_IN_PROCESS === '1') return inProcess(jobs);
  const k = Math.max(1, Math.min(8, jobs.length, os.availableParallelism()));
  const groups = Array.from({ length: k }, (_, g) => jobs.filter((_, i) => i % k === g));
  let outcomes: NumericGroupOutcome[];
  try {
    // Each worker reports its own fraction; the job shows their mean.
    const fractions = new Array<number>(k).fill(0);
    const onProgress = (g: number) => (fraction: number | null, message: string) => {
      fractions[g] = fraction ?? fractions[g];
      progress(fractions.reduce((a, b) => a + b, 0) / k, `${message} (${k} worker${k > 1 ? 's' : ''})`);
    };
    outcomes = await Promise.all(
      groups.map((g, i) =>
        runInChild<NumericGroupOutcome>(core.launcher, 'drift/compare-numeric', payloadFor(g), {
          signal,
          onProgress: onProgress(i),
        }),
      ),
    );
  } catch (err) {
    if (err instanceof PreflightError && err.code === 'CANCELLED') throw err;
    outcomes = [inProcess(jobs)];
    return outcomes[0];
  }
  // Back to the callers' order; timings are those of the slowest worker (they ran side by side).
  return {
    results: jobs.map((_, i) => outcomes[i % k].results[Math.floor(i / k)]),
    readMs: Math.max(...outcomes.map((o) => o.readMs)),
    computeMs: Math.max(...outcomes.map((o) => o.computeMs)),
  };
}
