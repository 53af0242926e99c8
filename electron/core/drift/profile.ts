// Reference profiles in the workspace: built from a dataset column by column (each column read once,
// sorted once), stored as JSON with base64 grids, and reloaded without touching the dataset.

import { PreflightError } from '../../../shared/contract/errors';
import {
  buildCategoricalProfile,
  buildNumericProfile,
  decodeProfile,
  DEFAULT_GRID_SIZE,
} from '../../../shared/math/drift-profile/index';
import type { ColumnDriftProfile, DatasetDriftProfile, DriftProfileSummary } from '../../../shared/types/drift';
import type { CoreContext } from '../context';
import type { JobContext } from '../jobs/manager';
import { yieldToLoop } from './job-util';
export { storeProfile } from './profile-store';
import { driftKindOf, readCategories, readNumericColumnsSortedAsync, readNumericSorted } from './read';
import type { DatasetSource } from './sources';

/** One column's profile, and its sorted values when the caller wants exact metrics right away. */
export function profileColumn(
  core: CoreContext,
  source: DatasetSource,
  ordinal: number,
  gridSize: number,
): { column: ColumnDriftProfile; sorted: Float64Array | null } {
  const info = source.columns[ordinal];
  const kind = driftKindOf(info.kind);
  if (kind === 'numerical') {
    const n = readNumericSorted(core, source.id, info);
    return {
      column: { name: info.name, columnType: info.kind, profile: buildNumericProfile(n.sorted, n, gridSize) },
      sorted: n.sorted,
    };
  }
  if (kind === 'categorical') {
    const c = readCategories(core, source.id, info);
    return {
      column: { name: info.name, columnType: info.kind, profile: buildCategoricalProfile(c.counts, c.missing) },
      sorted: null,
    };
  }
  return { column: { name: info.name, columnType: info.kind, profile: null }, sorted: null };
}

/**
 * Profiles every column of a dataset (datetime columns are listed without statistics). Numerical
 * columns are read in batches, each batch split over two child processes (see read.ts).
 */
export async function buildDatasetProfile(
  core: CoreContext,
  source: DatasetSource,
  gridSize: number,
  job: JobContext,
): Promise<DatasetDriftProfile> {
  const byName = new Map<string, ColumnDriftProfile>();
  const numeric = source.columns.filter((c) => driftKindOf(c.kind) === 'numerical');
  const perBatch = Math.max(2, Math.floor(40_000_000 / Math.max(1, source.rows)));
  let done = 0;
  for (let b = 0; b < numeric.length; b += perBatch) {
    const batch = numeric.slice(b, b + perBatch);
    job.progress(done / source.columns.length, `profiling ${batch.map((c) => c.name).join(', ')}`);
    const half = Math.ceil(batch.length / 2);
    const parts = await Promise.all(
      [batch.slice(0, half), batch.slice(half)]
        .filter((p) => p.length)
        .map((p) => readNumericColumnsSortedAsync(core, source.id, p, job.signal)),
    );
    parts.flat().forEach((n, k) => {
      const info = batch[k];
      byName.set(info.name, {
        name: info.name,
        columnType: info.kind,
        profile: buildNumericProfile(n.sorted, n, gridSize),
      });
    });
    done += batch.length;
    await yieldToLoop(job);
  }
  for (const info of source.columns) {
    if (byName.has(info.name)) continue;
    job.progress(done++ / source.columns.length, `profiling ${info.name}`);
    byName.set(info.name, profileColumn(core, source, info.ordinal, gridSize).column);
    await yieldToLoop(job);
  }
  const columns = source.columns.map((c) => byName.get(c.name)!);
  return {
    version: 1,
    dataset: source.name,
    rows: source.rows,
    createdAt: new Date().toISOString(),
    gridSize,
    columns,
  };
}

/**
 * Stores a profile made elsewhere (a bundle's reference/profile.json) under `name`, with no dataset
 * behind it: profile-mode drift then compares batches against it. The text is checked, then kept as is.
 */
export function importProfile(core: CoreContext, name: string, json: string): DriftProfileSummary {
  if (core.queries.datasets.byName(name))
    throw new PreflightError(
      'BAD_ARGUMENTS',
      `"${name}" is a dataset of this workspace; a profile imported under that name would shadow it`,
    );
  let profile: DatasetDriftProfile;
  try {
    profile = decodeProfile(json);
  } catch (err) {
    throw new PreflightError('INVALID_INPUT', `not a Preflight reference profile: ${(err as Error).message}`);
  }
  return core.queries.drift.saveProfile({
    datasetName: name,
    datasetId: null,
    rows: profile.rows,
    columns: profile.columns.length,
    gridSize: profile.gridSize,
    createdAt: profile.createdAt,
    json,
  });
}

/** The stored profile of `name`; stale (null) when the dataset of that name was re-imported since. */
export function loadProfile(
  core: CoreContext,
  name: string,
  currentDatasetId: number | null,
): DatasetDriftProfile | null {
  const row = core.queries.drift.profile(name);
  if (!row) return null;
  if (currentDatasetId !== null && row.datasetId !== currentDatasetId) return null;
  try {
    return decodeProfile(row.json);
  } catch (err) {
    throw new PreflightError(
      'WORKSPACE_ERROR',
      `the stored profile of ${name} is unreadable: ${(err as Error).message}; rebuild it with \`preflight drift profile ${name}\``,
    );
  }
}

export { DEFAULT_GRID_SIZE };
