// Child-process side of parallel column reads: the reference and the current batch of numerical
// columns are read, parsed and sorted in two processes at once (each opens the workspace read-only),
// and come back as Float64Arrays over the advanced-serialization channel.

import Database from 'better-sqlite3';
import { numericColumnText } from '../workspace/queries/drift';
import { readSortedNumeric, type SortedNumeric } from './fast-read';

export interface ReadNumericPayload {
  file: string;
  table: string;
  ordinals: number[];
  maxRowid: number;
  rows: number;
}

export async function readNumericInChild(p: ReadNumericPayload): Promise<SortedNumeric[]> {
  const db = new Database(p.file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return readSortedNumeric(
      (ords, a, b) => numericColumnText(db, p.table, ords, a, b),
      p.ordinals,
      p.maxRowid,
      p.rows,
    );
  } finally {
    db.close();
  }
}
