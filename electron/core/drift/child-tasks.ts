import type { ChildTask } from '../jobs/child-task';
import { predict } from './predict-child';
import { compareNumericInChild } from './numeric-task';
import { readNumericInChild } from './read-child';

/** Tasks of the drift domain that run in a child process (model scoring; parallel column reads). */
export const driftChildTasks: Record<string, ChildTask> = {
  'drift/predict': (payload, ctx) => predict(payload, ctx),
  'drift/read-numeric': (payload) => readNumericInChild(payload),
  'drift/compare-numeric': (payload, ctx) => compareNumericInChild(payload, (f, m) => ctx.progress(f, m)),
};
