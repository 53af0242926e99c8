// A folder of Parquet parts read in parallel child processes (issue #13). The parent reads every
// footer first (a damaged part or one with other columns is refused before any row is read), then
// min(parts, cores, 4) children each import a block of consecutive parts into a staging table of its
// own and send back the block's accumulator state and reference profile. The dataset's profile is the merge of the parts'
// (sink.ts#merged); its rows are the part tables appended in part order when it is registered
// (queries/datasets.ts#appendParts, one transaction with the registration). A failing or cancelled
// part stops the others and, once every child has exited (none can write any more), every part table
// is dropped. Part tables carry the parent's process id,
// so another process's cleanup leaves them alone while the parent lives, and drops them after.
import os from 'node:os';
import path from 'node:path';
import { PreflightError } from '../../../shared/contract/errors';
import {
  buildCategoricalProfile,
  buildNumericProfile,
  mergeCategoricalProfiles,
  mergeNumericProfiles,
} from '../../../shared/math/drift-profile/index';
import { DEFAULT_GRID_SIZE } from '../../../shared/math/drift-profile/numeric-profile';
import type { ColumnInfo, ColumnKind } from '../../../shared/types/datasets';
import type {
  CategoricalDriftProfile,
  ColumnDriftProfile,
  DatasetDriftProfile,
  NumericDriftProfile,
} from '../../../shared/types/drift';
import type { CoreContext } from '../context';
import { runInChild } from '../jobs/run-in-child';
import { stagingName } from '../workspace/queries/datasets';
import type { ImportPartPayload, ImportPartResult } from './part-child';
import { tableColumnProfiles } from './part-profile';
import { driftKindOf } from '../drift/read';
import { createRng } from '../../../shared/math/latency/rng';
import { DatasetSink } from './sink';
import { foldSinkStates, type SinkState } from './sink-state';
import { dropFailedImport } from './leftovers';

/** At most this many parts are read at once. */
export const MAX_PART_CHILDREN = 4;

/** Below this many cores the parts are read one after another in this process (see below). */
export const MIN_CORES_FOR_CHILDREN = 4;

/**
 * Whether a folder's parts are read in child processes: more than one part, and at least 4 cores. The
 * in-process path already keeps two threads busy (decoding here, inserting on the insert thread); on
 * 2 cores, children add process starts, cold JITs and the part tables' copy without adding a core:
 * measured 1.6× slower for the import alone, the same once the reference profile they also build is
 * counted (bench/parts.mjs). PREFLIGHT_PARTS_IN_CHILDREN=1 forces children (tests),
 * PREFLIGHT_PARTS_IN_PROCESS=1 forbids them.
 */
export function readPartsInChildren(files: string[]): boolean {
  if (files.length < 2 || process.env.PREFLIGHT_PARTS_IN_PROCESS === '1') return false;
  return process.env.PREFLIGHT_PARTS_IN_CHILDREN === '1' || os.availableParallelism() >= MIN_CORES_FOR_CHILDREN;
}

export interface PartsRead {
  /** The merged sink; its `staging` is the dataset's (empty) staging table until `append` fills it. */
  sink: DatasetSink;
  notes: string[];
  /** The part tables (one per block of parts), in part order (dropped by `append`, or by the caller when the import fails). */
  tables: string[];
  /** Appends the part tables' rows and chunks to the staging table (inside the registration's transaction). */
  append(): void;
  /** The merged reference profile, for the dataset registered as `datasetId` with `columns`. */
  referenceProfile(name: string, datasetId: number, columns: Omit<ColumnInfo, 'ordinal'>[]): DatasetDriftProfile;
}

export async function readPartsInParallel(
  core: CoreContext,
  files: string[],
  o: {
    types: Record<string, ColumnKind>;
    signal: AbortSignal;
    onBytes(bytes: number, rows: number): void;
    /** Told each table name before it exists (so no cleanup in this process takes it for a leftover). */
    onStaging(name: string): void;
  },
): Promise<PartsRead> {
  const footers = await (await import('./readers/parquet')).readPartFooters(files);
  const first = footers.rows.map((_, k) => footers.rows.slice(0, k).reduce((a, b) => a + b, 0));
  // One child per block of consecutive parts (read one after another there, as in one process): a
  // process start and a cold JIT are paid once per child, not once per part (a Spark folder has
  // hundreds of parts), and a block's accumulators are already one state.
  const k = Math.max(1, Math.min(files.length, os.availableParallelism(), MAX_PART_CHILDREN));
  const blocks = Array.from({ length: k }, (_, j) =>
    files.slice(Math.floor((j * files.length) / k), Math.floor(((j + 1) * files.length) / k)),
  );
  const offsets = blocks.map((_, j) => Math.floor((j * files.length) / k));
  const tables = blocks.map(() => stagingName());
  tables.forEach(o.onStaging);
  const q = core.queries.datasets;
  const bytes = blocks.map(() => 0);
  const rows = blocks.map(() => 0);
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  o.signal.addEventListener('abort', onAbort, { once: true });
  // Each block's accumulators are folded in as soon as the blocks before it are (sink-state.ts#foldSinkStates);
  // only the blocks' reference profiles are kept to the end (the merge needs them all at once).
  const profiles: ImportPartResult['profiles'][] = new Array(k);
  const early: (SinkState | undefined)[] = new Array(k);
  const random = createRng(0x9a27);
  let folded: SinkState | null = null;
  let nextFold = 0;
  const arrive = (j: number, r: ImportPartResult) => {
    profiles[j] = r.profiles;
    early[j] = r.state;
    for (; nextFold < k && early[nextFold]; nextFold++) {
      const state = early[nextFold]!;
      early[nextFold] = undefined;
      folded = folded ? foldSinkStates([folded, state], random) : state;
    }
  };
  let failure: unknown = null;
  const readBlock = async (j: number) => {
    const payload: ImportPartPayload = {
      db: core.workspace.file,
      files: blocks[j],
      staging: tables[j],
      types: o.types,
      firstRow: first[offsets[j]],
      gridSize: DEFAULT_GRID_SIZE,
    };
    try {
      const result = await runInChild<ImportPartResult>(core.launcher, 'datasets/import-part', payload, {
        signal: stop.signal,
        untilExit: true, // its table is dropped below only once it can no longer write to it
        onProgress: (_f, _m, data) => {
          if (typeof data?.bytes === 'number') bytes[j] = data.bytes;
          if (typeof data?.rows === 'number') rows[j] = data.rows;
          o.onBytes(
            bytes.reduce((a, b) => a + b, 0),
            rows.reduce((a, b) => a + b, 0),
          );
        },
      });
      arrive(j, result);
    } catch (err) {
      // The first failure is the one to report; the others are the stop it caused.
      if (failure === null) failure = o.signal.aborted ? cancelled() : partError(files, first, err);
      stop.abort();
    }
  };
  try {
    await Promise.all(blocks.map((_, j) => readBlock(j)));
  } finally {
    o.signal.removeEventListener('abort', onAbort);
  }
  if (failure !== null) {
    dropFailedImport(core, tables);
    throw failure;
  }
  const state = folded as SinkState | null;
  if (state === null) throw new PreflightError('INTERNAL', 'no part was read');
  const sink = DatasetSink.merged(q, o.types, [state]);
  const staging = stagingName();
  o.onStaging(staging);
  sink.staging = q.createStaging(state.names.length, staging);
  const parts = files.length > 1 ? `${files.length} part files, ` : '';
  return {
    sink,
    notes: [`${parts}${footers.groups} row group(s), created by ${footers.writers.join(', ')}`],
    tables,
    append: () => q.appendParts(staging, tables, state.names.length),
    referenceProfile: (name, datasetId, columns) =>
      mergedReference(core, name, datasetId, sink.rows, columns, profiles),
  };
}

/**
 * The dataset's reference profile: per column, the merge of the parts' profiles when every part had
 * the column's final kind (an integer part merges into a float column: same values); a column whose
 * kind the merge changed (text in one part makes it categorical) is profiled from the stored rows.
 */
function mergedReference(
  core: CoreContext,
  name: string,
  datasetId: number,
  rows: number,
  columns: Omit<ColumnInfo, 'ordinal'>[],
  parts: ImportPartResult['profiles'][],
): DatasetDriftProfile {
  const chunkKeys = core.queries.datasets.chunkKeys(datasetId);
  const table = core.queries.datasets.byId(datasetId)!.tableName;
  const out: ColumnDriftProfile[] = columns.map((c, ordinal) => {
    const kind = driftKindOf(c.kind);
    // A part where the column holds only missing values (an empty part: Spark writes them) is
    // categorical on its own: it adds its missing count to a column of any kind.
    const mine = parts.map((p) => {
      const q = p[ordinal];
      if (q.profile?.kind !== 'categorical' || q.profile.count > 0 || q.kind === c.kind || kind === null) return q;
      const empty = { missing: q.profile.missing, nan: 0, posInf: 0, negInf: 0 };
      return {
        ...q,
        kind: c.kind,
        profile:
          kind === 'numerical'
            ? buildNumericProfile(new Float64Array(0), empty, DEFAULT_GRID_SIZE)
            : buildCategoricalProfile(new Map(), empty.missing),
      };
    });
    const same = mine.every((p) => (kind === 'numerical' ? driftKindOf(p.kind) === 'numerical' : p.kind === c.kind));
    let profile: ColumnDriftProfile['profile'];
    if (kind === null) profile = null;
    else if (same && kind === 'numerical')
      profile = mergeNumericProfiles(mine.map((p) => p.profile as NumericDriftProfile));
    else if (same) profile = mergeCategoricalProfiles(mine.map((p) => p.profile as CategoricalDriftProfile));
    else
      [profile] = tableColumnProfiles(
        core.workspace.db,
        table,
        rows,
        [{ ordinal, kind: c.kind, chunkKey: chunkKeys[ordinal] }],
        DEFAULT_GRID_SIZE,
      );
    return { name: c.name, columnType: c.kind, profile };
  });
  return {
    version: 1,
    dataset: name,
    rows,
    createdAt: new Date().toISOString(),
    gridSize: DEFAULT_GRID_SIZE,
    columns: out,
  };
}

function cancelled(): PreflightError {
  return new PreflightError('CANCELLED', 'datasets/add was cancelled');
}

/** A part's input error names the part file: the one holding the row it names (rows count across parts). */
function partError(files: string[], first: number[], err: unknown): unknown {
  if (!(err instanceof PreflightError) || err.code !== 'INVALID_INPUT') return err;
  const line = (err.details as { line?: unknown } | undefined)?.line;
  let k = -1;
  if (typeof line === 'number') for (let i = 0; i < files.length && first[i] < line; i++) k = i;
  const file = k >= 0 ? files[k] : null;
  if (file === null || files.some((f) => err.message.startsWith(f) || err.message.startsWith(path.basename(f))))
    return err;
  return new PreflightError('INVALID_INPUT', `${path.basename(file)}: ${err.message}`, { path: file, ...err.details });
}
