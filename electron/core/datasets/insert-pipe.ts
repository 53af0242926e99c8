// Delimited-text imports insert on a second thread: parsing, inference and profiling keep the main
// thread busy, SQLite's inserts keep the other one busy, and the import takes the longer of the two
// instead of their sum. Rows travel as the chunk's text plus typed arrays (offsets, numbers, kinds),
// never as millions of small cloned strings. Where a worker thread cannot start, the same chunks are
// inserted on the calling thread (DirectTarget); PREFLIGHT_INGEST_THREAD=0 forces that.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { PreflightError } from '../../../shared/contract/errors';
import { insertSql, type DatasetQueries, type StoredValue } from '../workspace/queries/datasets';
import { datasetFilePath } from '../workspace/queries/dataset-files';
import type { PackedChunk } from './chunks';
import { INSERT_THREAD_LIMITS } from './heap';
import { HLL } from './hll';
import { WORKER_SOURCE } from './insert-worker';
import { rowWriterPath } from './native';
import { asStored } from './values';

export const NULL_VALUE = 0;
export const NUMBER_VALUE = 1;
export const SLICE_VALUE = 2; // buffer.slice(starts[k], ends[k])
export const EXTRA_VALUE = 3; // next string of `extras`
export const WORD_VALUE = 4; // word number nums[k] of the import's dictionary (words.ts)

/** One chunk's values, row by row: kind, and the number or the offsets or the string. */
export class ChunkBuffer {
  kinds: Uint8Array;
  nums: Float64Array;
  starts: Int32Array;
  ends: Int32Array;
  extras: string[] = [];
  /** Words first used in this chunk, numbered on from the words sent before (words.ts). */
  words: string[] = [];
  length = 0;
  constructor(capacity = 1 << 16) {
    this.kinds = new Uint8Array(capacity);
    this.nums = new Float64Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }
  /** Makes room for `n` more values. */
  reserve(n: number): void {
    if (this.length + n <= this.kinds.length) return;
    const size = Math.max(this.kinds.length * 2, this.length + n);
    const grow = <T extends Uint8Array | Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a.subarray(0, this.length) as never);
      return b;
    };
    this.kinds = grow(this.kinds, (m) => new Uint8Array(m));
    this.nums = grow(this.nums, (m) => new Float64Array(m));
    this.starts = grow(this.starts, (m) => new Int32Array(m));
    this.ends = grow(this.ends, (m) => new Int32Array(m));
  }
}

export interface ChunkTarget {
  prepare(staging: string, columns: number): void;
  /**
   * Inserts `rows` rows and, in the same transaction, the column chunks those rows complete; may
   * resolve before they are written (the thread has them).
   */
  send(buffer: string, chunk: ChunkBuffer, rows: number, packed: PackedChunk[]): Promise<void>;
  /** Resolves once every chunk sent so far is written (before the table's columns change). */
  drain(): Promise<void>;
  /** Everything sent is committed; returns each column's distinct-value sketch (HyperLogLog registers). */
  finish(): Promise<Uint8Array[]>;
  /** Stops after what is in flight; nothing more is written. */
  abort(): Promise<void>;
  /** Bytes of the source file, in order: their SHA-256 is made where there is time for it (the insert thread). */
  hash(bytes: Uint8Array): void;
  /** The SHA-256 (hex) of every byte given to `hash`, once `finish` has resolved. */
  digest(): string;
  /** Given the values arrays of packed chunks once they are written (the sink's chunker uses them again). */
  recycle: ((vals: Float64Array[]) => void) | null;
}

/**
 * Rebuilds each row from a chunk, sketches its values (distinct counts) and runs the multi-row INSERT
 * (insert-worker.ts mirrors it).
 */
function insertChunk(
  buffer: string,
  c: ChunkBuffer,
  rows: number,
  columns: number,
  per: number,
  batch: Bound[],
  regs: Uint8Array[],
  dict: Dictionary,
  multi: (b: Bound[]) => void,
  single: (b: Bound[]) => void,
): void {
  for (const w of c.words) {
    dict.words.push(w);
    dict.hashes.push(HLL.hashKey(w));
  }
  let k = 0;
  let e = 0;
  let filled = 0;
  for (let r = 0; r < rows; r++) {
    const base = filled * columns;
    for (let i = 0; i < columns; i++, k++) {
      const kind = c.kinds[k];
      let v: Bound;
      if (kind === WORD_VALUE) {
        v = dict.words[c.nums[k]];
        HLL.addHash(regs[i], dict.hashes[c.nums[k]]);
      } else {
        v =
          kind === NUMBER_VALUE
            ? c.nums[k]
            : kind === SLICE_VALUE
              ? buffer.slice(c.starts[k], c.ends[k])
              : kind === EXTRA_VALUE
                ? c.extras[e++]
                : null;
        if (v !== null) HLL.add(regs[i], v);
        if (kind === NUMBER_VALUE) v = asStored(v as number);
      }
      batch[base + i] = v;
    }
    if (++filled === per) {
      multi(batch);
      filled = 0;
    }
  }
  for (let r = 0; r < filled; r++) single(batch.slice(r * columns, r * columns + columns));
}

/** A value as it is bound: a row value, or an integer as a BigInt (values.ts#asStored). */
type Bound = StoredValue | bigint;

/** The import's words as the inserting side holds them, with their sketch hashes. */
interface Dictionary {
  words: string[];
  hashes: number[];
}

export class DirectTarget implements ChunkTarget {
  private ins: ReturnType<DatasetQueries['inserter']> | null = null;
  private columns = 0;
  private batch: Bound[] = [];
  private regs: Uint8Array[] = [];
  private staging = '';
  private dict: Dictionary = { words: [], hashes: [] };
  private sha = createHash('sha256');
  private sha256: string | null = null;
  recycle: ((vals: Float64Array[]) => void) | null = null;
  constructor(private q: DatasetQueries) {}
  hash(bytes: Uint8Array): void {
    this.sha.update(bytes);
  }
  digest(): string {
    return (this.sha256 ??= this.sha.digest('hex'));
  }
  prepare(staging: string, columns: number): void {
    this.staging = staging;
    this.ins = this.q.inserter(staging, columns);
    this.columns = columns;
    this.batch = new Array(this.ins.rowsPerStatement * columns).fill(null);
    // Columns can be added later (JSON Lines): earlier sketches are kept.
    while (this.regs.length < columns) this.regs.push(new Uint8Array(HLL.M));
  }
  async drain(): Promise<void> {}
  async send(buffer: string, chunk: ChunkBuffer, rows: number, packed: PackedChunk[]): Promise<void> {
    const ins = this.ins!;
    this.q.bulk(() => {
      for (const p of packed) this.q.insertColumnChunk(this.staging, p);
      insertChunk(
        buffer,
        chunk,
        rows,
        this.columns,
        ins.rowsPerStatement,
        this.batch,
        this.regs,
        this.dict,
        this.batch.length <= SPREAD_ARGS ? (b) => ins.multi.run(...b) : (b) => ins.multi.run(b),
        (b) => ins.single.run(b),
      );
    });
    this.recycle?.(packed.map((p) => p.vals));
  }
  async finish(): Promise<Uint8Array[]> {
    return this.regs;
  }
  async abort(): Promise<void> {}
}

/** A character above U+00FF (V8 answers at once for a string stored one byte per character). */
const TWO_BYTE = /[\u0100-\uffff]/;

/** Whether a chunk's text, extras and new words all fit one byte per character (Latin-1). */
function oneByte(buffer: string, c: ChunkBuffer): boolean {
  if (TWO_BYTE.test(buffer)) return false;
  for (const x of c.extras) if (TWO_BYTE.test(x)) return false;
  for (const w of c.words) if (TWO_BYTE.test(w)) return false;
  return true;
}

/** `text` one byte per character, in memory of its own (so it can move to the insert thread). */
function latin1Bytes(text: string): Uint8Array {
  const bytes = Buffer.allocUnsafeSlow(text.length);
  bytes.write(text, 0, 'latin1');
  return bytes;
}

/** A chunk's kinds, numbers and text offsets, as they travel to the insert thread and back. */
type Arrays = [Uint8Array, Float64Array, Int32Array, Int32Array];
interface Reply {
  type: string;
  writer?: 'native' | 'javascript';
  why?: string;
  message?: string;
  registers?: Uint8Array[];
  sha256?: string;
  arrays?: Arrays;
  vals?: Float64Array[];
}

/**
 * At most this many chunks (a 64 KiB read each, ≈ 0.3 MB with its arrays) wait for the insert thread:
 * memory stays bounded. The thread works in bursts (a commit writes its pages for ~60 ms, a checkpoint
 * waits on the disk): with 16, the main thread waited 0.6 s of a 1M-row import for room; with 48,
 * 0.2–0.3 s once the CSV scanner had made it faster; with 128 the import takes 0.2–0.3 s less than
 * with 48 (8 interleaved pairs, +10–15 MB peak RSS); 256 was no faster.
 */
const MAX_IN_FLIGHT = 128;
/** …and at most this many values (Parquet sends 16k-row chunks: a dozen of 20 columns, ≈ 70 MB). */
const MAX_IN_FLIGHT_VALUES = 4_000_000;
/**
 * A multi-row INSERT is run with its values as arguments (`run(...batch)`) up to this many: the driver
 * then reads them straight from the call instead of looking each one up in an array, which took a
 * third of the binding's CPU (1M rows × 20: 0.78 s instead of 1.17 s). Wider batches stay an array,
 * so a 2,000-column file cannot overflow the stack.
 */
export const SPREAD_ARGS = 4096;
/** Rows per transaction on the insert thread (a commit per small chunk would write the same pages again and again). */
const COMMIT_ROWS = 32_768;
/** The insert thread commits when no chunk has arrived for this long. */
const IDLE_COMMIT_MS = 3;

export class WorkerTarget implements ChunkTarget {
  private worker: Worker;
  /** Values of each message in flight, oldest first (0 for those that carry none); one 'ok' each. */
  private sizes: number[] = [];
  private inFlightValues = 0;
  private failure: Error | null = null;
  private waiters: (() => void)[] = [];
  private closed: Promise<void>;
  private registers: Uint8Array[] = [];
  private sha256 = '';
  /** Arrays the thread gave back after writing a chunk's rows: a chunk is copied into one of these. */
  private spare: Arrays[] = [];
  recycle: ((vals: Float64Array[]) => void) | null = null;
  /** Who makes the rows on the thread: the native row writer, or JavaScript (and why not native). */
  writer: 'native' | 'javascript' = 'javascript';
  writerWhy = '';
  /** Resolves once the thread has started (and knows which row writer runs); rejects when it cannot start. */
  readonly ready: Promise<void>;

  /** `file`: the workspace file; the import's rows go to its dataset file beside it (dataset-files.ts). */
  constructor(private file: string) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver,
        file,
        extension: rowWriterPath(),
        commitRows: COMMIT_ROWS,
        spreadArgs: SPREAD_ARGS,
        idleCommitMs: IDLE_COMMIT_MS,
      },
      resourceLimits: INSERT_THREAD_LIMITS,
    });
    let markClosed!: () => void;
    let markReady!: () => void;
    let failReady!: (err: Error) => void;
    this.closed = new Promise<void>((resolve) => (markClosed = resolve));
    this.ready = new Promise<void>((resolve, reject) => ((markReady = resolve), (failReady = reject)));
    this.ready.catch(() => {});
    this.worker.on('message', (m: Reply) => {
      if (m.type === 'ready') {
        this.writer = m.writer ?? 'javascript';
        this.writerWhy = m.why ?? '';
        return markReady();
      }
      if (m.arrays && this.spare.length < MAX_IN_FLIGHT) this.spare.push(m.arrays);
      if (m.vals) this.recycle?.(m.vals);
      if (m.type === 'closed') {
        this.registers = m.registers ?? [];
        this.sha256 = m.sha256 ?? '';
        return markClosed();
      }
      if (m.type === 'error' && !this.failure) this.failure = new Error(m.message);
      if (m.type === 'ok' || m.type === 'error') this.inFlightValues -= this.sizes.shift() ?? 0;
      this.waiters.splice(0).forEach((w) => w());
    });
    this.worker.on('error', (err) => {
      this.failure ??= err;
      failReady(err);
      markClosed();
      this.waiters.splice(0).forEach((w) => w());
    });
    this.worker.on('exit', () => {
      failReady(new Error('the insert thread exited'));
      markClosed();
      this.waiters.splice(0).forEach((w) => w());
    });
  }

  prepare(staging: string, columns: number): void {
    const file = datasetFilePath(this.file, staging);
    this.post({ type: 'prepare', file, columns, key: staging, ...insertSql(staging, columns) }, 0);
  }

  /**
   * The thread hashes the bytes; it does not answer. A read that owns its memory (a stream's reads
   * do) moves there instead of being copied.
   */
  hash(bytes: Uint8Array): void {
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const own = whole && !(bytes.buffer instanceof SharedArrayBuffer);
    this.worker.postMessage({ type: 'hash', bytes }, own ? [bytes.buffer as ArrayBuffer] : []);
  }

  digest(): string {
    return this.sha256;
  }

  /** Posts a message the thread answers with 'ok' (or 'error'), counting the values it carries. */
  private post(message: object, values: number, transfer: ArrayBuffer[] = []): void {
    this.sizes.push(values);
    this.inFlightValues += values;
    this.worker.postMessage(message, transfer);
  }

  async send(buffer: string, c: ChunkBuffer, rows: number, packed: PackedChunk[]): Promise<void> {
    while ((this.sizes.length >= MAX_IN_FLIGHT || this.inFlightValues >= MAX_IN_FLIGHT_VALUES) && !this.failure)
      await new Promise<void>((r) => this.waiters.push(r));
    this.check();
    const arrays = this.arraysFor(c.length);
    const [kinds, nums, starts, ends] = arrays;
    kinds.set(c.kinds.subarray(0, c.length));
    nums.set(c.nums.subarray(0, c.length));
    starts.set(c.starts.subarray(0, c.length));
    ends.set(c.ends.subarray(0, c.length));
    // The text as one byte per character when it can be (moved, not copied: ≈ 0.1 CPU-s less per 1M × 20
    // import than a string, which is copied into the message and made UTF-16 there); else as it is.
    const latin1 = oneByte(buffer, c) ? latin1Bytes(buffer) : null;
    const transfer = [
      ...arrays.map((a) => a.buffer as ArrayBuffer),
      ...packed.map((p) => p.vals.buffer as ArrayBuffer),
    ];
    if (latin1) transfer.push(latin1.buffer as ArrayBuffer);
    this.post(
      {
        type: 'chunk',
        buffer: latin1 ? '' : buffer,
        latin1,
        kinds,
        nums,
        starts,
        ends,
        extras: c.extras,
        words: c.words,
        rows,
        packed,
      },
      c.length,
      transfer,
    );
  }

  /** Arrays for `n` values: given back ones when they are big enough, else new (a power of two, so they fit the next chunks too). */
  private arraysFor(n: number): Arrays {
    while (this.spare.length > 0) {
      const a = this.spare.pop()!;
      if (a[0].length >= n) return a;
    }
    const size = Math.max(4096, 2 ** Math.ceil(Math.log2(Math.max(1, n))));
    return [new Uint8Array(size), new Float64Array(size), new Int32Array(size), new Int32Array(size)];
  }

  async drain(): Promise<void> {
    if (!this.failure) this.post({ type: 'flush' }, 0);
    while (this.sizes.length > 0 && !this.failure) await new Promise<void>((r) => this.waiters.push(r));
    this.check();
  }

  async finish(): Promise<Uint8Array[]> {
    await this.drain();
    this.worker.postMessage({ type: 'close', commit: true });
    await this.closed;
    this.check();
    return this.registers;
  }

  async abort(): Promise<void> {
    this.worker.postMessage({ type: 'close' });
    await this.closed;
    await this.worker.terminate();
  }

  private check(): void {
    if (this.failure) throw new PreflightError('INTERNAL', `writing rows failed: ${this.failure.message}`);
  }
}
