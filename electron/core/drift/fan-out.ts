// The one way drift splits work over child processes: items dealt round-robin to up to `maxChildren`
// children (each opens the workspace read-only, so only small results come back), results put back
// in the callers' order. Small work runs here — a process start costs more — and so does everything
// when no child can be started. PREFLIGHT_DRIFT_IN_PROCESS=1 keeps it here (profiling, hosts without children).

import os from 'node:os';
import { PreflightError } from '../../../shared/contract/errors';
import type { CoreContext } from '../context';
import { runInChild } from '../jobs/run-in-child';

/** Below this many values (rows × items) the work runs in this process. */
export const FAN_OUT_MIN_VALUES = 2_000_000;

export interface FanOut<J, O> {
  items: J[];
  /** Values the work touches: rows × items. */
  values: number;
  /** At most this many children (also capped by the cores and the items). */
  maxChildren: number;
  /** The child task (registered in child-tasks.ts) and its payload for one group of items. */
  task: string;
  payload: (group: J[]) => unknown;
  /** The same work in this process, for all items at once. */
  here: (items: J[]) => O;
  /** A group's results, one per item in the group's order. */
  results: (outcome: O) => unknown[];
  signal: AbortSignal;
  /** Progress of the whole: the mean of the children's fractions. */
  progress?: (fraction: number, message: string) => void;
}

export async function fanOut<J, O>(core: CoreContext, f: FanOut<J, O>): Promise<{ results: unknown[]; outcomes: O[] }> {
  const inProcess = () => {
    const o = f.here(f.items);
    return { results: f.results(o), outcomes: [o] };
  };
  if (f.items.length === 0 || f.values < FAN_OUT_MIN_VALUES || process.env.PREFLIGHT_DRIFT_IN_PROCESS === '1')
    return inProcess();
  const k = Math.max(1, Math.min(f.maxChildren, f.items.length, os.availableParallelism()));
  const groups = Array.from({ length: k }, (_, g) => f.items.filter((_, i) => i % k === g));
  const fractions = new Array<number>(k).fill(0);
  const onProgress = (g: number) => (fraction: number | null, message: string) => {
    fractions[g] = fraction ?? fractions[g];
    f.progress?.(fractions.reduce((a, b) => a + b, 0) / k, `${message} (${k} worker${k > 1 ? 's' : ''})`);
  };
  let outcomes: O[];
  try {
    outcomes = await Promise.all(
      groups.map((g, i) =>
        runInChild<O>(core.launcher, f.task, f.payload(g), { signal: f.signal, onProgress: onProgress(i) }),
      ),
    );
  } catch (err) {
    if (err instanceof PreflightError && err.code === 'CANCELLED') throw err;
    return inProcess();
  }
  const parts = outcomes.map(f.results);
  return { results: f.items.map((_, i) => parts[i % k][Math.floor(i / k)]), outcomes };
}
