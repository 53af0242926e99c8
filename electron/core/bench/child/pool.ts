import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { workerSource, type FromWorker, type ToWorker, type WorkerInit } from './worker-source';

/** What one `run` across all workers of an arm produced. */
export interface PhaseResult {
  latencies: number[];
  count: number;
  /** First start to last end over the workers (ms), for throughput. */
  wallMs: number;
}

/**
 * N workers of one arm (a model + EP + settings), each with its own session. Worker 0 is created
 * alone so its session-creation and first-inference times are a clean cold start; the others follow.
 */
export class ArmPool {
  private workers: Worker[] = [];
  createMs: number | null = null;
  firstRunMs: number | null = null;

  private constructor(private init: WorkerInit) {}

  static async open(init: Omit<WorkerInit, 'ortPath'>, concurrency: number): Promise<ArmPool> {
    const ortPath = createRequire(import.meta.url).resolve('onnxruntime-node');
    const pool = new ArmPool({ ...init, ortPath });
    try {
      const first = await pool.spawn();
      pool.createMs = first.createMs;
      pool.firstRunMs = first.firstRunMs;
      await Promise.all(Array.from({ length: concurrency - 1 }, () => pool.spawn()));
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  private spawn(): Promise<{ createMs: number; firstRunMs: number }> {
    const worker = new Worker(workerSource(), { eval: true, workerData: this.init });
    this.workers.push(worker);
    return new Promise((resolve, reject) => {
      const onMessage = (m: FromWorker) => {
        if (m.type === 'ready') resolve(m);
        else if (m.type === 'error') reject(new ArmError(m.stage, m.message));
        else return;
        worker.off('message', onMessage);
      };
      worker.on('message', onMessage);
      worker.once('error', (err) => reject(new ArmError('create', err.message)));
    });
  }

  /** Every worker runs `count` iterations (or until the deadline) back to back; chunks stream to onChunk. */
  run(
    counts: (number | null)[],
    untilEpochMs: number | null,
    record: boolean,
    onChunk?: (latencies: Float64Array) => void,
  ): Promise<PhaseResult> {
    const latencies: number[] = [];
    return new Promise((resolve, reject) => {
      let pending = this.workers.length;
      let count = 0;
      let start = Infinity;
      let end = -Infinity;
      const cleanups: (() => void)[] = [];
      const finish = (fn: () => void) => {
        cleanups.forEach((c) => c());
        fn();
      };
      this.workers.forEach((worker, i) => {
        const onMessage = (m: FromWorker) => {
          if (m.type === 'chunk') {
            for (const v of m.latencies) latencies.push(v);
            onChunk?.(m.latencies);
          } else if (m.type === 'error') {
            this.stopAll();
            finish(() => reject(new ArmError(m.stage, m.message)));
          } else if (m.type === 'done') {
            count += m.count;
            start = Math.min(start, m.startMs);
            end = Math.max(end, m.endMs);
            if (--pending === 0) finish(() => resolve({ latencies, count, wallMs: end - start }));
          }
        };
        worker.on('message', onMessage);
        cleanups.push(() => worker.off('message', onMessage));
        worker.postMessage({ type: 'run', count: counts[i] ?? null, untilEpochMs, record } satisfies ToWorker);
      });
    });
  }

  get size(): number {
    return this.workers.length;
  }

  stopAll(): void {
    for (const w of this.workers) w.postMessage({ type: 'stop' } satisfies ToWorker);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers = [];
  }
}

export class ArmError extends Error {
  constructor(
    readonly stage: 'create' | 'first-run' | 'run',
    message: string,
  ) {
    super(message);
  }
}

/** Splits n iterations over k workers as evenly as possible. */
export function splitCount(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));
}
