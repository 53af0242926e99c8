// Child-process side of parallel column reads: a group of numerical columns read and sorted in a
// process of its own (each opens the workspace read-only); they come back as Float64Arrays over the
// advanced-serialization channel.

import Database from 'better-sqlite3';
import { readColumnsSorted, type ReadColumns, type TableColumns } from './column-read';

export interface ReadNumericPayload extends TableColumns {
  file: string;
}

export async function readNumericInChild(p: ReadNumericPayload): Promise<ReadColumns> {
  const db = new Database(p.file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return readColumnsSorted(db, p);
  } finally {
    db.close();
  }
}
