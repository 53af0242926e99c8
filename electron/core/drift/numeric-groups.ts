// Spreads the numerical features of a drift run over child processes (one per core, at most 8; see
// fan-out.ts), each reading its columns of both sides and comparing them (numeric-task.ts). Small
// inputs, or hosts that cannot start a child, run the same code here.

import type { CompareOptions } from '../../../shared/math/drift-profile/index';
import type { NumericDriftProfile } from '../../../shared/types/drift';
import type { ColumnInfo } from '../../../shared/types/datasets';
import type { CoreContext } from '../context';
import { tableColumns } from './column-read';
import { fanOut } from './fan-out';
import {
  compareNumericGroup,
  type NumericGroupOutcome,
  type NumericTaskPayload,
  type NumericTaskResult,
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
  if (jobs.length === 0) return { results: [], readMs: 0, computeMs: 0, values: 0 };
  const payloadFor = (group: NumericJob[]): NumericTaskPayload => ({
    file: core.workspace.file,
    reference: refSource
      ? tableColumns(
          core,
          refSource.id,
          group.map((j) => (j.reference as ColumnInfo).ordinal),
        )
      : { profiles: group.map((j) => j.reference as NumericDriftProfile) },
    current: tableColumns(
      core,
      cur.id,
      group.map((j) => j.current.ordinal),
    ),
    options: group.map((j) => j.options),
    gridSize,
  });
  const { results, outcomes } = await fanOut<NumericJob, NumericGroupOutcome>(core, {
    items: jobs,
    values: Math.max(refSource?.rows ?? 0, cur.rows) * jobs.length,
    maxChildren: 8,
    task: 'drift/compare-numeric',
    payload: payloadFor,
    here: (group) => compareNumericGroup(core.workspace.db, payloadFor(group), progress),
    results: (o) => o.results,
    signal,
    progress,
  });
  // Timings are those of the slowest worker (they ran side by side); values are all of them.
  return {
    results: results as NumericTaskResult[],
    readMs: Math.max(...outcomes.map((o) => o.readMs)),
    computeMs: Math.max(...outcomes.map((o) => o.computeMs)),
    values: outcomes.reduce((a, o) => a + o.values, 0),
  };
}
