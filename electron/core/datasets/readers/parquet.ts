import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type FileMetaData, type SchemaElement } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { PreflightError } from '../../../../shared/contract/errors';
import { normalizeNames } from '../names';
import type { DatasetSink } from '../sink';
import { TypedRow } from './typed';
import type { ReadOptions, ReadResult } from './types';

/** Rows decoded at a time inside a big row group (memory bound); small row groups are read whole. */
const SLICE_ROWS = 100_000;

/**
 * Parquet via hyparquet (Snappy, ZSTD, gzip, Brotli, LZ4 through hyparquet-compressors), one row
 * group — or a slice of a large one — at a time. INT64 arrives as BigInt: exact INTEGER within ±2^53,
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
    await readRowGroups(buffer, metadata, sink, options, names.length, top.map((c) => isIntegral(c.element)));
    await target.finish();
  } catch (err) {
    await target.abort();
    throw err;
  }
  return { notes: [`${metadata.row_groups.length} row group(s), created by ${metadata.created_by ?? 'an unknown writer'}`] };
}

/** Rows handed to the insert thread at a time (bounds the memory of chunks in flight). */
const CHUNK_ROWS = 16_384;

async function readRowGroups(buffer: AsyncBuffer, metadata: FileMetaData, sink: DatasetSink, options: ReadOptions, columns: number, integral: (boolean | undefined)[]): Promise<void> {
  const row = new TypedRow(columns);
  let rowStart = 0;
  let bytesDone = 0;
  for (const group of metadata.row_groups) {
    const groupRows = Number(group.num_rows);
    const groupBytes = Number(group.total_compressed_size ?? group.total_byte_size ?? 0);
    // Slicing a row group re-decodes its pages for every slice; only worth it when the group is large.
    const step = groupRows > 4 * SLICE_ROWS ? SLICE_ROWS : groupRows;
    for (let start = 0; start < groupRows; start += step) {
      if (options.signal.aborted) throw new PreflightError('CANCELLED', 'datasets/add was cancelled');
      const from = rowStart + start;
      const to = rowStart + Math.min(groupRows, start + step);
      let rows: unknown[][] = [];
      try {
        await parquetRead({ file: buffer, metadata, compressors, rowStart: from, rowEnd: to, rowFormat: 'array', onComplete: (r) => (rows = r) });
      } catch (err) {
        throw new PreflightError('INVALID_INPUT', `rows ${from + 1}–${to}: cannot decode (${(err as Error).message})`);
      }
      for (let r = 0; r < rows.length; r++) {
        const values = rows[r];
        for (let i = 0; i < columns; i++) row.set(i, values[i], integral[i]);
        sink.pushTypedToChunk(row.toks, row.stored, row.xs, from + r + 1);
        if ((r + 1) % CHUNK_ROWS === 0) await sink.endTypedChunk();
      }
      await sink.endTypedChunk();
      rows = [];
      options.onBytes(bytesDone + (groupBytes * (to - rowStart)) / Math.max(1, groupRows));
    }
    rowStart += groupRows;
    bytesDone += groupBytes;
  }
}

/** Integer-typed columns (INT32/INT64 without a decimal scale): their whole numbers are integers, not floats. */
function isIntegral(e: SchemaElement): boolean | undefined {
  if (e.type !== 'INT32' && e.type !== 'INT64') return e.type === 'FLOAT' || e.type === 'DOUBLE' ? false : undefined;
  return !(e.logical_type?.type === 'DECIMAL' || e.converted_type === 'DECIMAL');
}
