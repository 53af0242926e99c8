import type { ChunkTarget } from '../insert-pipe';
import type { DatasetSink } from '../sink';

export interface ReadOptions {
  signal: AbortSignal;
  /** Text files: the encoding the user named (else detected). */
  encoding?: 'utf-8' | 'latin-1';
  /** Bytes of the file consumed so far. */
  onBytes(bytes: number): void;
  /**
   * Text readers: every byte of the file, in order, as it is read (the import hashes them on the way).
   * The reader is done with `chunk` when it calls this: its memory may move to the insert thread.
   */
  onChunk?(chunk: Buffer): void;
  /** Where delimited-text rows are inserted (an insert thread when possible). */
  chunkTarget(): Promise<ChunkTarget>;
}

/** What a reader found out about the file, for the dataset's import details. */
export interface ReadResult {
  encoding?: string;
  delimiter?: string;
  notes: string[];
}

export type Reader = (file: string, sink: DatasetSink, options: ReadOptions) => Promise<ReadResult>;
