import type { ChildTask } from '../jobs/child-tasks';

/** Tasks of the drift domain that run in a model child process (they load onnxruntime). */
export const driftChildTasks: Record<string, ChildTask> = {};
