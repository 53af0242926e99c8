import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PreflightError } from '../../../shared/contract/errors';
import type { ParsedArgsOf } from '../../../shared/contract/methods';
import type { DatasetDetail, DatasetFormat } from '../../../shared/types/datasets';
import type { CoreContext } from '../context';
import type { JobContext } from '../jobs/manager';
import { datasetDetail } from './detail';
import { readDelimited } from './readers/csv';
import { readJsonLines } from './readers/jsonl';
import { parquetParts } from './parts';
import type { Reader, ReadResult } from './readers/types';
import { chunkTarget } from './starting-target';
import type { ChunkTarget } from './insert-pipe';
import { DatasetSink } from './sink';
import { readPartsInChildren, readPartsInParallel, type PartsRead } from './parts-import';
import { storeProfile } from '../drift/profile-store';
import { tuneYoungGeneration } from './heap';
import { ACTIVE, dropFailedImport, dropLeftovers } from './leftovers';
import { defaultDatasetName, notADatasetFile } from '../../../shared/naming/index';

const READERS: Record<DatasetFormat, Reader> = {
  csv: (f, s, o) => readDelimited(f, s, o, ','),
  tsv: (f, s, o) => readDelimited(f, s, o, '\t'),
  // Parquet's reader (hyparquet, its decompressors' WebAssembly) loads only for a Parquet import.
  parquet: (f, s, o) => import('./readers/parquet').then((m) => m.readParquet(f, s, o)),
  jsonl: readJsonLines,
};

/**
 * datasets/add: stream the file into an unregistered staging table, infer kinds and profile on the
 * way, then register it in one durable transaction. Failed, cancelled or killed → no dataset.
 */
export async function addDataset(
  core: CoreContext,
  args: ParsedArgsOf<'datasets/add'>,
  job: JobContext,
): Promise<DatasetDetail> {
  const source = path.resolve(args.path);
  // A folder is a dataset written in Parquet parts (parts.ts).
  const parts = isDirectory(source) ? parquetParts(source) : null;
  const size = parts ? parts.bytes : checkIsFile(source);
  const format = parts ? 'parquet' : await detectFormat(source);
  const name = args.name ?? defaultName(source);
  const q = core.queries.datasets;
  const taken = q.byName(name);
  // The same file given twice (same name, same size, same place — or an upload of it) is already there: say so.
  if (
    taken &&
    taken.sourceBytes === size &&
    (taken.sourcePath === source || path.basename(taken.sourcePath) === path.basename(source))
  )
    throw new PreflightError(
      'BAD_ARGUMENTS',
      `${path.basename(source)} is already there: dataset ${name} (${taken.rows.toLocaleString('en-US')} rows, imported ${taken.addedAt}) came from a file of the same name and size; use it, or give another --name to import a second copy`,
      { name, existing: name },
    );
  if (taken)
    throw new PreflightError(
      'BAD_ARGUMENTS',
      `a dataset named ${name} already exists; choose another --name (or remove it first)`,
      { name },
    );
  dropLeftovers(core);

  const started = Date.now();
  tuneYoungGeneration();
  // The source's SHA-256, for the audit trail and provenance. Text files are hashed from the very
  // buffers the reader reads (a second pass over a 152 MB CSV cost 0.4 CPU-s, 6% of its import), by
  // the insert target (on its thread: 0.09 s less on the parsing one); Parquet, read by random
  // access, is hashed alongside the import (the same pages, from the OS cache).
  const streamed = !parts && format !== 'parquet';
  let target: ChunkTarget | null = null;
  const sourceHash = streamed ? null : sha256OfFiles(parts ? parts.files : [source]);
  sourceHash?.catch(() => {});
  let sink = new DatasetSink(q, args.types ?? {}, 0, (staging) => ACTIVE.add(staging));
  const mine: string[] = [];
  let inParts: PartsRead | null = null;
  const onBytes = (bytes: number, rows = sink.rows) => {
    job.progress((0.95 * bytes) / Math.max(size, 1), `read ${rows.toLocaleString('en-US')} rows`, { bytes, rows });
  };
  job.progress(0, `reading ${format}`);
  try {
    let result: ReadResult;
    if (parts && readPartsInChildren(parts.files)) {
      // Parts in parallel child processes, profiles merged (parts-import.ts).
      inParts = await readPartsInParallel(core, parts.files, {
        types: args.types ?? {},
        signal: job.signal,
        onBytes,
        onStaging: (t) => (ACTIVE.add(t), mine.push(t)),
      });
      sink = inParts.sink;
      result = { notes: inParts.notes };
    } else {
      const read: Reader = parts
        ? (_f, s, o) => import('./readers/parquet').then((m) => m.readParquetParts(parts.files, s, o))
        : READERS[format];
      result = await read(source, sink, {
        signal: job.signal,
        encoding: args.encoding,
        chunkTarget: async () => (target = chunkTarget(q, core.workspace.file)),
        onBytes: (bytes) => onBytes(bytes),
        onChunk: streamed ? (chunk) => target!.hash(chunk) : undefined,
      });
    }
    if (sink.staging === null || sink.names.length === 0)
      throw new PreflightError('INVALID_INPUT', 'the file has no columns');
    sink.checkTypeNames();
    job.progress(0.96, 'profiling columns');
    const columns = sink.columns();
    job.throwIfCancelled();
    const notes = [...result.notes];
    const sampled = columns.filter((c) => c.profile.numeric && !c.profile.numeric.exact);
    if (sampled.length)
      notes.push(
        `quantiles and histograms of ${sampled.length === 1 ? `column ${sampled[0].name}` : `${sampled.length} large columns`} come from a uniform sample of ${sampled[0].profile.numeric!.sampleSize} values`,
      );
    const estimated = columns.filter((c) => !c.profile.distinctExact);
    if (estimated.length)
      notes.push(
        `distinct counts of ${estimated.length === 1 ? `column ${estimated[0].name}` : `${estimated.length} columns`} are estimates (too many distinct values to count exactly)`,
      );
    // Packed chunks are kept for numeric columns that held only numbers (and missing / NaN / inf).
    const chunked = columns.map((c, i) => (c.kind === 'integer' || c.kind === 'float') && sink.chunked(i));
    const staging = sink.staging;
    const sha256 = streamed ? (target as ChunkTarget | null)!.digest() : await sourceHash!;
    const register = () =>
      q.register(
        staging,
        {
          name,
          format,
          rows: sink.rows,
          columns: columns.length,
          sourcePath: source,
          sourceBytes: size,
          addedAt: new Date().toISOString(),
          import: {
            encoding: result.encoding,
            delimiter: result.delimiter,
            seconds: (Date.now() - started) / 1000,
            notes,
            sha256,
          },
        },
        columns,
        chunked,
      );
    if (inParts) {
      // A folder read in parts: its rows (the part tables, appended to the unregistered staging
      // table), then the dataset and its merged reference profile, in one transaction.
      const read = inParts;
      read.append();
      q.atomically(() => {
        const id = register();
        storeProfile(core, read.referenceProfile(name, id, columns), id);
      });
    } else register();
    job.progress(
      1,
      `imported ${name}: ${sink.rows.toLocaleString('en-US')} rows × ${columns.length.toLocaleString('en-US')} columns`,
    );
    return datasetDetail(core, name);
  } catch (err) {
    dropFailedImport(core, [sink.staging, ...(inParts?.tables ?? [])]);
    throw located(source, err);
  } finally {
    if (sink.staging) ACTIVE.delete(sink.staging);
    for (const t of mine) ACTIVE.delete(t);
  }
}

/** Prefixes the file to input errors, so "line 4: expected 3 fields, found 2" says where. */
function located(source: string, err: unknown): unknown {
  // Two imports racing for one name: the second registration hits the UNIQUE constraint.
  if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return new PreflightError(
      'BAD_ARGUMENTS',
      `a dataset with that name was added while this import ran; choose another --name`,
    );
  }
  if (err instanceof PreflightError && err.code === 'INVALID_INPUT' && !err.message.startsWith(source)) {
    return new PreflightError('INVALID_INPUT', `${source}: ${err.message}`, { path: source, ...err.details });
  }
  return err;
}

/** SHA-256 of the file (of a folder's parts, one after the other in name order). */
async function sha256OfFiles(files: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const p of files)
    for await (const chunk of fs.createReadStream(p, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function checkIsFile(p: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    throw new PreflightError('INVALID_INPUT', `${p}: no such file`, { path: p });
  }
  if (stat.isDirectory())
    throw new PreflightError('INVALID_INPUT', `${p} is a directory, not a data file`, { path: p });
  if (!stat.isFile()) throw new PreflightError('INVALID_INPUT', `${p} is not a regular file`, { path: p });
  if (stat.size === 0) throw new PreflightError('INVALID_INPUT', `${p}: the file is empty`, { path: p });
  return stat.size;
}

/** By extension; otherwise by content (Parquet magic, a leading "{"), else delimited text. */
async function detectFormat(p: string): Promise<DatasetFormat> {
  const refusal = notADatasetFile(p);
  if (refusal) throw new PreflightError('INVALID_INPUT', refusal, { path: p });
  const ext = path.extname(p).toLowerCase();
  if (ext === '.parquet' || ext === '.pq') return 'parquet';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  if (ext === '.csv' || ext === '.txt') return 'csv';
  const fd = await fs.promises.open(p, 'r');
  try {
    const head = Buffer.alloc(4);
    await fd.read(head, 0, 4, 0);
    if (head.toString('latin1') === 'PAR1') return 'parquet';
    if (head[0] === 0x7b) return 'jsonl';
    if (head[0] === 0x5b)
      throw new PreflightError(
        'INVALID_INPUT',
        `${p} holds a JSON array; Preflight reads JSON Lines (one object per line), e.g. \`jq -c '.[]' file.json > file.jsonl\``,
        { path: p },
      );
    return 'csv';
  } finally {
    await fd.close();
  }
}

function defaultName(p: string): string {
  return defaultDatasetName(p);
}
