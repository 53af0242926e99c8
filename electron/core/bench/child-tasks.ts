import type { ChildTask } from '../jobs/child-task';
import { measure } from './child/measure';
import { probeProvider } from './child/probe';

/** Tasks of the bench domain that run in a model child process (they load onnxruntime). */
export const benchChildTasks: Record<string, ChildTask> = {
  'bench/probe': (payload) => probeProvider(payload),
  'bench/measure': (payload, ctx) => measure(payload, ctx),
};
