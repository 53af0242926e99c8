import type { ChildTask } from '../jobs/child-tasks';
import { replayGolden } from './replay-child';

/** Tasks of the bundles domain that run in a child process (they load onnxruntime). */
export const bundleChildTasks: Record<string, ChildTask> = {
  'bundles/replay': (payload) => replayGolden(payload),
};
