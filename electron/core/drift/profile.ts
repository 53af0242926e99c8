// Reference profiles in the workspace: built from a dataset column by column (each column read once,
// sorted once), stored as JSON with base64 grids, and reloaded without touching the dataset.

import { PreflightError } from '../../../shared/contract/errors';
import { buildCategoricalProfile, buildNumericProfile, decodeProfile, encodeProfile, DEFAULT_GRID_SIZE } from '../../../shared/math/drift-profile/index';
import type { ColumnDriftProfile, DatasetDriftProfile, DriftProfileSummary } from '../../../shared/types/drift';
import type { CoreContext } from '../context';
import type { JobContext } from '../jobs/manager';
import { yieldToLoop } from './job-util';
import { driftKindOf, readCategories, readNumericSorted } from './read';
import type { DatasetSource } from './sources';

/** One column's profile, and its sorted values when the caller wants exact metrics right away. */
export function profileColumn(core: CoreContext, source: DatasetSource, ordinal: number, gridSize: number): { column: ColumnDriftProfile; sorted: Float64Array | null } {
  const info = source.columns[ordinal];
  const kind = driftKindOf(info.kind);
  if (kind === 'numerical') {
    const n = readNumericSorted(core, source.id, info);
    return { column: { name: info.name, columnType: info.kind, profile: buildNumericProfile(n.sorted, n, gridSize) }, sorted: n.sorted };
  }
  if (kind === 'categorical') {
    const c = readCategories(core, source.id, info);
    return { column: { name: info.name, columnType: info.kind, profile: buildCategoricalProfile(c.counts, c.missing) }, sorted: null };
  }
  return { column: { name: info.name, columnType: info.kind, profile: null }, sorted: null };
}

/** Profiles every column of a dataset (datetime columns are listed without statistics). */
export async function buildDatasetProfile(core: CoreContext, source: DatasetSource, gridSize: number, job: JobContext): Promise<DatasetDriftProfile> {
  const columns: ColumnDriftProfile[] = [];
  for (const info of source.columns) {
    job.progress(columns.length / Math.max(1, source.columns.length), `profiling ${info.name}`);
    columns.push(profileColumn(core, source, info.ordinal, gridSize).column);
    await yieldToLoop(job);
  }
  return { version: 1, dataset: source.name, rows: source.rows, createdAt: new Date().toISOString(), gridSize, columns };
}

export function storeProfile(core: CoreContext, profile: DatasetDriftProfile, datasetId: number | null): DriftProfileSummary {
  return core.queries.drift.saveProfile({
    datasetName: profile.dataset,
    datasetId,
    rows: profile.rows,
    columns: profile.columns.length,
    gridSize: profile.gridSize,
    createdAt: profile.createdAt,
    json: encodeProfile(profile),
  });
}

/** The stored profile of `name`; stale (null) when the dataset of that name was re-imported since. */
export function loadProfile(core: CoreContext, name: string, currentDatasetId: number | null): DatasetDriftProfile | null {
  const row = core.queries.drift.profile(name);
  if (!row) return null;
  if (currentDatasetId !== null && row.datasetId !== currentDatasetId) return null;
  try {
    return decodeProfile(row.json);
  } catch (err) {
    throw new PreflightError('WORKSPACE_ERROR', `the stored profile of ${name} is unreadable: ${(err as Error).message}; rebuild it with \`preflight drift profile ${name}\``);
  }
}

export { DEFAULT_GRID_SIZE };
