import type { ChildTask } from '../jobs/child-tasks';
import { predict } from './predict-child';

/** Tasks of the drift domain that run in a model child process (they load onnxruntime). */
export const driftChildTasks: Record<string, ChildTask> = {
  'drift/predict': (payload, ctx) => predict(payload, ctx),
};
