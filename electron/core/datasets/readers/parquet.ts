import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type FileMetaData, type SchemaElement } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { PreflightError } from '../../../../shared/contract/errors';
import { normalizeNames } from '../names';
import type { DatasetSink } from '../sink';
import { cell, typedCell } from './typed';
import type { ReadOptions, ReadResult } from './types';

/** Rows decoded at a time inside a huge row group (memory bound); groups up to twice this are read whole. */
const SLICE_ROWS = 1_000_000;

/**
 * Parquet via hyparquet (Snappy, ZSTD, gzip, Brotli, LZ4 through hyparquet-compressors), one row
 * group — or a 1M-row slice of a huge one — at a time, decoded by column. INT64 arrives as BigInt: exact INTEGER within ±2^53,
 * exact text beyond. Nested columns (lists, structs) are stored as JSON text.
 */
export async function readParquet(file: string, sink: DatasetSink, options: ReadOptions): Promise<ReadResult> {
  const buffer = await asyncBufferFromFile(file);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (err) {
    throw new PreflightError('INVALID_INPUT', `not a valid Parquet file: ${(err as Error).message}`);
  }
  const top = parquetSchema(metadata).children;
  const { names, notes } = normalizeNames(top.map((c) => c.element.name));
  const target = await options.chunkTarget();
  sink.useChunks(target);
  try {
    sink.addColumns(names, notes);
    sink.checkTypeNames();
    await readRowGroups(buffer, metadata, sink, options, top.map((c) => c.element.name), top.map((c) => isIntegral(c.element)));
    await sink.finishChunks();
  } catch (err) {
    await target.abort();
    throw err;
  }
  return { notes: [`${metadata.row_groups.length} row group(s), created by ${metadata.created_by ?? 'an unknown writer'}`] };
}

/** Rows handed to the insert thread at a time (bounds the memory of chunks in flight). */
const CHUNK_ROWS = 16_384;

/**
 * Row groups are decoded column by column (onChunk: typed arrays for numbers, far smaller than row
 * objects), then copied into the sink column by column, a block of rows at a time.
 */
async function readRowGroups(buffer: AsyncBuffer, metadata: FileMetaData, sink: DatasetSink, options: ReadOptions, names: string[], integral: (boolean | undefined)[]): Promise<void> {
  const columns = names.length;
  const index = new Map(names.map((n, i) => [n, i]));
  let rowStart = 0;
  let bytesDone = 0;
  for (const group of metadata.row_groups) {
    const groupRows = Number(group.num_rows);
    const groupBytes = Number(group.total_compressed_size ?? group.total_byte_size ?? 0);
    // Slicing a row group re-decodes its pages for every slice; only worth it for huge groups.
    const step = groupRows > 2 * SLICE_ROWS ? SLICE_ROWS : groupRows;
    for (let start = 0; start < groupRows; start += step) {
      if (options.signal.aborted) throw new PreflightError('CANCELLED', 'datasets/add was cancelled');
      const from = rowStart + start;
      const to = rowStart + Math.min(groupRows, start + step);
      const segments: Segment[][] = names.map(() => []);
      try {
        await parquetRead({
          file: buffer,
          metadata,
          compressors,
          rowStart: from,
          rowEnd: to,
          onChunk: (chunk) => {
            const i = index.get(chunk.columnName);
            if (i !== undefined) segments[i].push({ data: chunk.columnData as ArrayLike<unknown>, start: chunk.rowStart, end: chunk.rowEnd });
          },
        });
      } catch (err) {
        throw new PreflightError('INVALID_INPUT', `rows ${from + 1}–${to}: cannot decode (${(err as Error).message})`);
      }
      segments.forEach((list) => list.sort((a, b) => a.start - b.start));
      const cursor = new Int32Array(columns);
      for (let block = from; block < to; block += CHUNK_ROWS) {
        const m = Math.min(CHUNK_ROWS, to - block);
        const base = sink.beginBlock(m);
        for (let i = 0; i < columns; i++) cursor[i] = copyColumn(sink, segments[i], cursor[i], i, columns, base, block, m, integral[i]);
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

/** Rows [block, block + m) of column i into the sink; returns the segment cursor for the next block. */
function copyColumn(sink: DatasetSink, list: Segment[], s: number, i: number, columns: number, base: number, block: number, m: number, integral: boolean | undefined): number {
  let seg = list[s];
  for (let r = 0; r < m; r++) {
    const row = block + r;
    while (seg !== undefined && row >= seg.end) seg = list[++s];
    typedCell(seg !== undefined && row >= seg.start ? seg.data[row - seg.start] : undefined, integral);
    sink.putTyped(i, base + r * columns + i, cell.tok, cell.stored, cell.x, row + 1);
  }
  return s;
}

/** Integer-typed columns (INT32/INT64 without a decimal scale): their whole numbers are integers, not floats. */
function isIntegral(e: SchemaElement): boolean | undefined {
  if (e.type !== 'INT32' && e.type !== 'INT64') return e.type === 'FLOAT' || e.type === 'DOUBLE' ? false : undefined;
  return !(e.logical_type?.type === 'DECIMAL' || e.converted_type === 'DECIMAL');
}
