// The benchmark worker: one onnxruntime session issuing requests back to back on its own thread.
// It is started with `new Worker(source, { eval: true })` so the bundle needs no extra entry point;
// `benchWorkerMain` must therefore be self-contained (no imports, no outer references).

export interface WorkerInit {
  ortPath: string;
  modelPath: string;
  sessionOptions: Record<string, unknown>;
  /** One or more input sets; several (dataset rows) are cycled, one per iteration. */
  feedSets: { name: string; type: string; dims: number[]; data: unknown }[][];
  outputNames: string[];
}

export type ToWorker =
  { type: 'run'; count: number | null; untilEpochMs: number | null; record: boolean } | { type: 'stop' };

export type FromWorker =
  | { type: 'ready'; createMs: number; firstRunMs: number }
  | { type: 'error'; stage: 'create' | 'first-run' | 'run'; message: string }
  | { type: 'chunk'; latencies: Float64Array }
  | { type: 'done'; count: number; startMs: number; endMs: number };

/* eslint-disable @typescript-eslint/no-explicit-any */
export function benchWorkerMain(wt: any, ort: any): void {
  const { parentPort, workerData } = wt;
  const init = workerData as WorkerInit;
  const post = (m: FromWorker) => parentPort.postMessage(m);
  const now = () => performance.timeOrigin + performance.now();
  let session: any = null;
  let feeds: Record<string, unknown> = {};
  let sets: Record<string, unknown>[] = [];
  // Naming the outputs costs a little per call: only do it when some must be left out (non-tensors).
  let fetches: string[] | undefined;
  let stop = false;

  // Only the session.run call is inside the timed region; chunks are posted outside it.
  async function run(cmd: { count: number | null; untilEpochMs: number | null; record: boolean }) {
    const buf = new Float64Array(256);
    let k = 0;
    let done = 0;
    let lastPost = performance.now();
    const startMs = now();
    try {
      while (
        !stop &&
        (cmd.count === null || done < cmd.count) &&
        (cmd.untilEpochMs === null || Date.now() < cmd.untilEpochMs)
      ) {
        if (sets.length > 1) feeds = sets[done % sets.length];
        const t0 = performance.now();
        await session.run(feeds, fetches);
        const dt = performance.now() - t0;
        done++;
        if (!cmd.record) continue;
        buf[k++] = dt;
        if (k === buf.length || performance.now() - lastPost > 100) {
          post({ type: 'chunk', latencies: buf.slice(0, k) });
          k = 0;
          lastPost = performance.now();
        }
      }
    } catch (err) {
      post({ type: 'error', stage: 'run', message: String((err as Error)?.message ?? err) });
      return;
    }
    if (k > 0) post({ type: 'chunk', latencies: buf.slice(0, k) });
    post({ type: 'done', count: done, startMs, endMs: now() });
  }

  parentPort.on('message', (msg: ToWorker) => {
    if (msg.type === 'stop') stop = true;
    else if (msg.type === 'run') {
      stop = false;
      void run(msg);
    }
  });

  void (async () => {
    let stage: 'create' | 'first-run' = 'create';
    try {
      const t0 = performance.now();
      session = await ort.InferenceSession.create(init.modelPath, init.sessionOptions);
      const createMs = performance.now() - t0;
      sets = init.feedSets.map((set) => {
        const tensors: Record<string, unknown> = {};
        for (const f of set) tensors[f.name] = new ort.Tensor(f.type, f.data, f.dims);
        return tensors;
      });
      feeds = sets[0];
      fetches = init.outputNames.length === session.outputNames.length ? undefined : init.outputNames;
      stage = 'first-run';
      const t1 = performance.now();
      await session.run(feeds, fetches);
      post({ type: 'ready', createMs, firstRunMs: performance.now() - t1 });
    } catch (err) {
      post({ type: 'error', stage, message: String((err as Error)?.message ?? err) });
    }
  })();
}

/** CommonJS source for an eval'd worker: loads onnxruntime-node from the path the parent resolved. */
export function workerSource(): string {
  return `const wt = require('node:worker_threads');\nconst ort = require(wt.workerData.ortPath);\n(${benchWorkerMain.toString()})(wt, ort);\n`;
}
