import type { ChildTask } from '../jobs/child-tasks';

/** Tasks of the bench domain that run in a model child process (they load onnxruntime). */
export const benchChildTasks: Record<string, ChildTask> = {};
