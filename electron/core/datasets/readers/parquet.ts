import {
  asyncBufferFromFile,
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
  type AsyncBuffer,
  type FileMetaData,
  type SchemaElement,
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import fs from 'node:fs';
import path from 'node:path';
import { PreflightError } from '../../../../shared/contract/errors';
import { normalizeNames } from '../names';
import type { DatasetSink } from '../sink';
import { MISSING } from '../infer';
import { cell, typedCell } from './typed';
import type { ReadOptions, ReadResult } from './types';

/** Rows decoded at a time inside a huge row group (memory bound); groups up to twice this are read whole. */
const SLICE_ROWS = 1_000_000;

/**
 * Parquet via hyparquet (Snappy, ZSTD, gzip, Brotli, LZ4 through hyparquet-compressors), one row
 * group — or a 1M-row slice of a huge one — at a time, one column at a time. INT64 arrives as
 * BigInt: exact INTEGER within ±2^53, exact text beyond. Nested columns (lists, structs) are stored
 * as JSON text.
 */
export async function readParquet(file: string, sink: DatasetSink, options: ReadOptions): Promise<ReadResult> {
  return readParquetParts([file], sink, options);
}

/**
 * A dataset written as part files (Spark, pandas, DuckDB: `part-*.parquet` in one folder), read part
 * after part into one dataset, rows in part-name order. Every part must have the first part's columns
 * (names and physical types, in order).
 */
export async function readParquetParts(
  files: string[],
  sink: DatasetSink,
  options: ReadOptions,
  /** Rows of the parts before these (a part read in a child process): row numbers in messages count from the dataset's first row. */
  firstRow = 0,
): Promise<ReadResult> {
  const target = await options.chunkTarget();
  sink.useChunks(target);
  let schema: { names: string[]; types: string[] } | null = null;
  let rowOffset = firstRow;
  let bytesDone = 0;
  let groups = 0;
  const writers = new Set<string>();
  try {
    for (const file of files) {
      const { buffer, metadata, top } = await openParquet(file);
      const names = top.map((c) => c.element.name);
      const types = top.map((c) => String(c.element.type ?? 'GROUP'));
      if (schema === null) {
        schema = { names, types };
        const normalized = normalizeNames(names);
        sink.addColumns(normalized.names, normalized.notes);
        sink.checkTypeNames();
      } else checkSameSchema(file, files[0], { names, types }, schema);
      const done = bytesDone;
      await readRowGroups(
        buffer,
        metadata,
        sink,
        { ...options, onBytes: (b) => options.onBytes(done + b) },
        names,
        top.map((c) => isIntegral(c.element)),
        rowOffset,
      );
      rowOffset += Number(metadata.num_rows);
      bytesDone += buffer.byteLength;
      groups += metadata.row_groups.length;
      writers.add(metadata.created_by ?? 'an unknown writer');
    }
    await sink.finishChunks();
  } catch (err) {
    await target.abort();
    throw err;
  }
  const parts = files.length > 1 ? `${files.length} part files, ` : '';
  return { notes: [`${parts}${groups} row group(s), created by ${[...writers].join(', ')}`] };
}

/** Refuses a part whose columns (names and physical types, in order) are not the first part's. */
function checkSameSchema(
  file: string,
  firstFile: string,
  got: { names: string[]; types: string[] },
  schema: { names: string[]; types: string[] },
): void {
  if (got.names.join('\u0000') === schema.names.join('\u0000') && got.types.join() === schema.types.join()) return;
  const show = (n: string[], t: string[]) => n.map((x, k) => `${x} ${t[k]}`).join(', ');
  throw new PreflightError(
    'INVALID_INPUT',
    `${path.basename(file)} has other columns than ${path.basename(firstFile)} (${show(got.names, got.types)} instead of ${show(schema.names, schema.types)}): the parts of one dataset must share one schema`,
    { path: file },
  );
}

/** What the footers of a folder's parts say, read before any rows: every part has the first one's columns. */
export interface PartFooters {
  /** Column names as the file has them. */
  names: string[];
  /** Rows of each part. */
  rows: number[];
  groups: number;
  writers: string[];
}

/** Reads every part's footer (a damaged one is named), checks the schemas, counts rows and row groups. */
export async function readPartFooters(files: string[]): Promise<PartFooters> {
  let schema: { names: string[]; types: string[] } | null = null;
  const rows: number[] = [];
  const writers = new Set<string>();
  let groups = 0;
  for (const file of files) {
    const { metadata, top } = await openParquet(file);
    const names = top.map((c) => c.element.name);
    const types = top.map((c) => String(c.element.type ?? 'GROUP'));
    if (schema === null) schema = { names, types };
    else checkSameSchema(file, files[0], { names, types }, schema);
    rows.push(Number(metadata.num_rows));
    groups += metadata.row_groups.length;
    writers.add(metadata.created_by ?? 'an unknown writer');
  }
  return { names: schema!.names, rows, groups, writers: [...writers] };
}

async function openParquet(
  file: string,
): Promise<{ buffer: AsyncBuffer; metadata: FileMetaData; top: ReturnType<typeof parquetSchema>['children'] }> {
  const buffer = await asyncBufferFromFile(file);
  try {
    const metadata = await parquetMetadataAsync(buffer);
    return { buffer, metadata, top: parquetSchema(metadata).children };
  } catch (err) {
    throw new PreflightError('INVALID_INPUT', `${file} is a damaged Parquet file: ${await footerProblem(file, err)}`, {
      path: file,
    });
  }
}

/** What is wrong with a Parquet file whose footer hyparquet could not read, in words. */
async function footerProblem(file: string, err: unknown): Promise<string> {
  const { size } = await fs.promises.stat(file);
  if (size < 12) return `it is only ${size} bytes, too short for the PAR1 header, a footer and the PAR1 trailer`;
  const fd = await fs.promises.open(file, 'r');
  try {
    const tail = Buffer.alloc(8);
    await fd.read(tail, 0, 8, size - 8);
    if (tail.toString('latin1', 4) !== 'PAR1')
      return 'it does not end with the PAR1 trailer (truncated or not Parquet)';
    const length = tail.readUInt32LE(0);
    if (length === 0) return 'its footer (the file metadata) is empty';
    if (length > size - 12)
      return `its footer claims ${length} bytes but the file holds only ${size - 12} before the trailer`;
  } finally {
    await fd.close();
  }
  return `its footer (the file metadata) cannot be decoded (${(err as Error).message})`;
}

/** Rows handed to the insert thread at a time (bounds the memory of chunks in flight). */
const CHUNK_ROWS = 16_384;

/** One column of a row range after classification: 9 bytes a value (+ the strings), not a JS object each. */
interface CompactColumn {
  toks: Uint8Array;
  xs: Float64Array;
  /** Stored text where the stored value is a string (dates, big integers, text); absent for all-number columns. */
  strs: (string | undefined)[] | null;
}

/**
 * Row ranges (a row group, or a 1M-row slice of a huge one) are decoded one column at a time and
 * classified into compact columns, so memory holds one decoded column chunk plus ~9 bytes per value
 * of the range; then rows go to the sink in blocks, column by column.
 */
async function readRowGroups(
  buffer: AsyncBuffer,
  metadata: FileMetaData,
  sink: DatasetSink,
  options: ReadOptions,
  names: string[],
  integral: (boolean | undefined)[],
  /** Rows of the parts before this one (row numbers in messages count from the dataset's first row). */
  rowOffset = 0,
): Promise<void> {
  let rowStart = 0;
  let bytesDone = 0;
  for (const group of metadata.row_groups) {
    const groupRows = Number(group.num_rows);
    const groupBytes = Number(group.total_compressed_size ?? group.total_byte_size ?? 0);
    // Slicing a row group re-decodes its pages for every slice; only worth it for huge groups.
    const step = groupRows > 2 * SLICE_ROWS ? SLICE_ROWS : groupRows;
    for (let start = 0; start < groupRows; start += step) {
      const from = rowStart + start;
      const to = rowStart + Math.min(groupRows, start + step);
      const compact: CompactColumn[] = [];
      for (let i = 0; i < names.length; i++) {
        if (options.signal.aborted) throw new PreflightError('CANCELLED', 'datasets/add was cancelled');
        compact.push(
          compactColumn(await decodeColumn(buffer, metadata, names[i], from, to), from, to - from, integral[i]),
        );
      }
      for (let block = from; block < to; block += CHUNK_ROWS) {
        const m = Math.min(CHUNK_ROWS, to - block);
        const base = sink.beginBlock(m);
        for (let i = 0; i < compact.length; i++)
          copyColumn(sink, compact[i], i, compact.length, base, block - from, m, rowOffset + block);
        sink.endBlock(m);
        await sink.endTypedChunk();
      }
      options.onBytes(bytesDone + (groupBytes * (to - rowStart)) / Math.max(1, groupRows));
    }
    rowStart += groupRows;
    bytesDone += groupBytes;
  }
}

interface Segment {
  data: ArrayLike<unknown>;
  start: number;
  end: number;
}

async function decodeColumn(
  buffer: AsyncBuffer,
  metadata: FileMetaData,
  name: string,
  from: number,
  to: number,
): Promise<Segment[]> {
  const segments: Segment[] = [];
  try {
    await parquetRead({
      file: buffer,
      metadata,
      compressors,
      columns: [name],
      rowStart: from,
      rowEnd: to,
      onChunk: (chunk) => {
        if (chunk.columnName === name)
          segments.push({ data: chunk.columnData as ArrayLike<unknown>, start: chunk.rowStart, end: chunk.rowEnd });
      },
    });
  } catch (err) {
    throw new PreflightError(
      'INVALID_INPUT',
      `column ${JSON.stringify(name)}, rows ${from + 1}–${to}: cannot decode (${(err as Error).message})`,
    );
  }
  return segments.sort((a, b) => a.start - b.start);
}

/** Classifies rows [from, from + m) of one column (typed.ts) into compact arrays. */
function compactColumn(list: Segment[], from: number, m: number, integral: boolean | undefined): CompactColumn {
  const out: CompactColumn = { toks: new Uint8Array(m), xs: new Float64Array(m), strs: null };
  let s = 0;
  let seg = list[0];
  for (let r = 0; r < m; r++) {
    const row = from + r;
    while (seg !== undefined && row >= seg.end) seg = list[++s];
    typedCell(seg !== undefined && row >= seg.start ? seg.data[row - seg.start] : undefined, integral);
    out.toks[r] = cell.tok;
    out.xs[r] = cell.x;
    if (typeof cell.stored === 'string') (out.strs ??= new Array(m))[r] = cell.stored;
  }
  return out;
}

/** Rows [offset, offset + m) of a compact column into the sink's block (cells base + r * columns + i). */
function copyColumn(
  sink: DatasetSink,
  c: CompactColumn,
  i: number,
  columns: number,
  base: number,
  offset: number,
  m: number,
  firstRow: number,
): void {
  for (let r = 0; r < m; r++) {
    const tok = c.toks[offset + r];
    const text = c.strs === null ? undefined : c.strs[offset + r];
    const x = c.xs[offset + r];
    // A number-stored value is its own numeric value (typed.ts: INT and FLOAT store x).
    sink.putTyped(i, base + r * columns + i, tok, text ?? (tok === MISSING ? null : x), x, firstRow + r + 1);
  }
}

/** Integer-typed columns (INT32/INT64 without a decimal scale): their whole numbers are integers, not floats. */
function isIntegral(e: SchemaElement): boolean | undefined {
  if (e.type !== 'INT32' && e.type !== 'INT64') return e.type === 'FLOAT' || e.type === 'DOUBLE' ? false : undefined;
  return !(e.logical_type?.type === 'DECIMAL' || e.converted_type === 'DECIMAL');
}
