// What `--reference` / `--current` name: a workspace dataset, a file to import on the fly, or (for the
// reference in profile mode) a stored profile whose dataset is gone.

import fs from 'node:fs';
import path from 'node:path';
import { PreflightError } from '../../../shared/contract/errors';
import type { ColumnInfo } from '../../../shared/types/datasets';
import type { CoreContext } from '../context';
import { addDataset } from '../datasets/add';
import { datasetColumns } from '../datasets/columns';
import type { JobContext } from '../jobs/manager';
import { defaultDatasetName } from '../../../shared/naming/index';

export interface DatasetSource {
  id: number;
  name: string;
  rows: number;
  columns: ColumnInfo[];
  /** Set when the source was given as a file (imported now, or an unchanged earlier import reused). */
  importedFrom: string | null;
  /** True when this run imported it: a run that fails takes such datasets back out. */
  importedNow: boolean;
}

const FILE_EXT = /\.(csv|tsv|tab|txt|parquet|pq|jsonl|ndjson|json)$/i;

/** A dataset by name, or a file: reused when the same, unchanged file was imported before, else imported now. */
export async function resolveSource(
  core: CoreContext,
  ref: string,
  job: JobContext,
  role: 'reference' | 'current' | 'dataset',
): Promise<DatasetSource> {
  const byName = core.queries.datasets.byName(ref);
  if (byName) return fromStored(core, byName.id, byName.name, byName.rows, null, false);
  const file = path.resolve(ref);
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(file);
  } catch {
    stat = null;
  }
  if (!stat) {
    const looksLikeFile = FILE_EXT.test(ref) || ref.includes('/') || ref.includes(path.sep);
    const names = core.queries.datasets.list().map((d) => d.name);
    throw new PreflightError(
      'NOT_FOUND',
      looksLikeFile
        ? `${role} ${file}: no such file`
        : `${role} "${ref}" is neither a dataset nor a file${names.length ? ` (datasets: ${names.slice(0, 10).join(', ')})` : ' (import one with `preflight datasets add FILE`)'}`,
      { ref },
    );
  }
  if (!stat.isFile())
    throw new PreflightError('INVALID_INPUT', `${role} ${file} is not a regular file`, { path: file });
  // Reused only when the file has not been written since it was imported: a nightly export to the
  // same path with the same size must not be compared as yesterday's data.
  const same = core.queries.datasets
    .list()
    .find(
      (d) =>
        path.resolve(d.sourcePath) === file && d.sourceBytes === stat!.size && Date.parse(d.addedAt) >= stat!.mtimeMs,
    );
  if (same) return fromStored(core, same.id, same.name, same.rows, file, false);
  job.progress(0, `importing ${path.basename(file)} as the ${role}`);
  const detail = await addDataset(core, { path: file, name: freeName(core, path.basename(file)) }, job);
  return fromStored(core, detail.id, detail.name, detail.rows, file, true);
}

/** Takes back the datasets a failed or cancelled run imported (and any profile built from them). */
export function removeImported(core: CoreContext, sources: DatasetSource[]): void {
  for (const s of sources) {
    if (!s.importedNow) continue;
    try {
      core.queries.drift.removeProfileOf(s.id);
      core.queries.datasets.remove(s.id);
    } catch {
      /* best effort: the run's own error is what the user needs to see */
    }
  }
}

function fromStored(
  core: CoreContext,
  id: number,
  name: string,
  rows: number,
  importedFrom: string | null,
  importedNow: boolean,
): DatasetSource {
  return { id, name, rows, columns: datasetColumns(core, id), importedFrom, importedNow };
}

/** A dataset name derived from a file name that is not taken yet. */
function freeName(core: CoreContext, base: string): string {
  const stem = defaultDatasetName(base).slice(0, 100);
  let name = stem;
  for (let i = 2; core.queries.datasets.byName(name); i++) name = `${stem}-${i}`;
  return name;
}
