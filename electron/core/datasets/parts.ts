// A folder as one dataset: the Parquet part files distributed engines write (Spark, pandas with
// partition_cols off, DuckDB: `part-00000-….snappy.parquet`, `data_0.parquet`…), in name order.
// Marker and checksum files (`_SUCCESS`, `.part-….crc`, hidden files) are skipped.
import fs from 'node:fs';
import path from 'node:path';
import { PreflightError } from '../../../shared/contract/errors';

const PART = /\.(parquet|pq)$/i;

/** The folder's Parquet part files, in name order (numbers compared as numbers), with their total size. */
export function parquetParts(dir: string): { files: string[]; bytes: number } {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => !/^[._]/.test(e.name));
  const files = entries
    .filter((e) => e.isFile() && PART.test(e.name))
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (files.length === 0) {
    const others = entries.filter((e) => e.isFile()).length;
    const subfolders = entries.filter((e) => e.isDirectory()).length;
    throw new PreflightError(
      'INVALID_INPUT',
      `${dir} is a directory with no Parquet part files (*.parquet)${others ? `: it holds ${others} other file(s)` : ''}${subfolders ? `${others ? ' and' : ':'} ${subfolders} folder(s) — partitioned folders (col=value/) are not read; point at one folder of parts` : ''}; to import one data file, give its path`,
      { path: dir },
    );
  }
  const full = files.map((f) => path.join(dir, f));
  const empty = full.find((f) => fs.statSync(f).size === 0);
  if (empty) throw new PreflightError('INVALID_INPUT', `${empty}: the part file is empty`, { path: empty });
  return { files: full, bytes: full.reduce((a, f) => a + fs.statSync(f).size, 0) };
}
