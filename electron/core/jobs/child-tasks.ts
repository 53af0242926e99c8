import { benchChildTasks } from '../bench/child-tasks';
import { bundleChildTasks } from '../bundles/child-tasks';
import { driftChildTasks } from '../drift/child-tasks';
import { loadCheck } from '../models/load-check';

export interface ChildTaskContext {
  signal: AbortSignal;
  progress(fraction: number | null, message: string, data?: Record<string, unknown>): void;
}

export type ChildTask = (payload: any, ctx: ChildTaskContext) => Promise<unknown>;

/** Everything that touches onnxruntime runs through here, in a child process. */
export const CHILD_TASKS: Record<string, ChildTask> = {
  'models/load-check': (payload: { path: string }) => loadCheck(payload.path),
  ...benchChildTasks,
  ...driftChildTasks,
  ...bundleChildTasks,
};
