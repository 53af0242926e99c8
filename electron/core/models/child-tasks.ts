import type { ChildTask } from '../jobs/child-task';
import { loadCheck } from './load-check';

/** The models domain's child tasks (run in a child process: they touch onnxruntime). */
export const modelChildTasks: Record<string, ChildTask> = {
  'models/load-check': (payload: { path: string }) => loadCheck(payload.path),
};
