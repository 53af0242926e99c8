// The insert thread takes 70–110 ms to start (a Node environment, the driver, the workspace). The import
// does not wait for it: the first chunks are held here and handed to the thread once it is ready, so
// parsing starts at once. If the thread cannot start, the held chunks go to the calling thread instead
// (DirectTarget) and so does the rest of the import.
import type { PackedChunk } from './chunks';
import type { DatasetQueries } from '../workspace/queries/datasets';
import { ChunkBuffer, DirectTarget, WorkerTarget, type ChunkTarget } from './insert-pipe';

/** Chunks held while the thread starts (≈ 0.3 MB each); past this, the import waits for it. */
const MAX_HELD = 64;

type Held =
  | { type: 'prepare'; staging: string; columns: number }
  | { type: 'hash'; bytes: Uint8Array }
  | { type: 'send'; buffer: string; chunk: ChunkBuffer; rows: number; packed: PackedChunk[] };

export class StartingTarget implements ChunkTarget {
  private inner: ChunkTarget | null = null;
  private held: Held[] = [];
  private recycler: ((vals: Float64Array[]) => void) | null = null;
  /** Resolves once the held chunks are with the thread, or with the calling thread when it could not start. */
  private readonly started: Promise<ChunkTarget>;

  constructor(
    private thread: WorkerTarget,
    fallback: () => DirectTarget,
  ) {
    this.started = thread.ready.then(
      () => this.handTo(thread),
      async () => {
        await thread.abort().catch(() => {});
        return this.handTo(fallback());
      },
    );
    // A failed hand-over is reported by the next call that waits for it (send, drain, finish), not
    // as an unhandled rejection while the import is still parsing.
    this.started.catch(() => {});
  }

  /** The target the rows go to: the insert thread, or the calling thread where it could not start. */
  using(): Promise<ChunkTarget> {
    return this.started;
  }

  get recycle(): ((vals: Float64Array[]) => void) | null {
    return this.recycler;
  }
  set recycle(f: ((vals: Float64Array[]) => void) | null) {
    this.recycler = f;
    if (this.inner) this.inner.recycle = f;
  }

  prepare(staging: string, columns: number): void {
    if (this.inner) this.inner.prepare(staging, columns);
    else this.held.push({ type: 'prepare', staging, columns });
  }

  async send(buffer: string, chunk: ChunkBuffer, rows: number, packed: PackedChunk[]): Promise<void> {
    if (!this.inner && this.held.length < MAX_HELD) {
      // The sink fills its buffer again once this returns: the held chunk is a copy.
      this.held.push({ type: 'send', buffer, chunk: copyOf(chunk), rows, packed });
      return;
    }
    return (this.inner ?? (await this.started)).send(buffer, chunk, rows, packed);
  }

  hash(bytes: Uint8Array): void {
    if (this.inner) this.inner.hash(bytes);
    else this.held.push({ type: 'hash', bytes });
  }

  /** After `finish`: the target's (a finished StartingTarget has handed everything over). */
  digest(): string {
    return this.inner!.digest();
  }

  async drain(): Promise<void> {
    return (await this.started).drain();
  }

  async finish(): ReturnType<ChunkTarget['finish']> {
    return (await this.started).finish();
  }

  /** Never fails (an import that failed is being cleaned up): a hand-over that failed stops the thread. */
  async abort(): Promise<void> {
    const target = await this.started.catch(() => null);
    await (target ?? this.thread).abort().catch(() => {});
  }

  private async handTo(target: ChunkTarget): Promise<ChunkTarget> {
    target.recycle = this.recycler;
    // Sends that come while these are handed over are held too, so the order stays the sink's.
    while (this.held.length > 0) {
      const h = this.held.shift()!;
      if (h.type === 'prepare') target.prepare(h.staging, h.columns);
      else if (h.type === 'hash') target.hash(h.bytes);
      else await target.send(h.buffer, h.chunk, h.rows, h.packed);
    }
    this.inner = target;
    return target;
  }
}

/**
 * The insert thread, or the calling thread where threads are switched off or cannot start (e.g. a
 * packaged app without the driver on disk, or a thread that cannot open the workspace).
 */
export function chunkTarget(q: DatasetQueries, workspaceFile: string): ChunkTarget {
  if (process.env.PREFLIGHT_INGEST_THREAD === '0') return new DirectTarget(q);
  try {
    return new StartingTarget(new WorkerTarget(workspaceFile), () => new DirectTarget(q));
  } catch {
    return new DirectTarget(q);
  }
}

function copyOf(c: ChunkBuffer): ChunkBuffer {
  const out = new ChunkBuffer(Math.max(1, c.length));
  out.kinds.set(c.kinds.subarray(0, c.length));
  out.nums.set(c.nums.subarray(0, c.length));
  out.starts.set(c.starts.subarray(0, c.length));
  out.ends.set(c.ends.subarray(0, c.length));
  out.extras = c.extras;
  out.words = c.words;
  out.length = c.length;
  return out;
}
