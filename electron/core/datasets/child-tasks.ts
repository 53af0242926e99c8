import type { ChildTask } from '../jobs/child-task';
import { importPartInChild } from './part-child';

/** Tasks of the datasets domain that run in a child process (the parts of a folder import, in parallel). */
export const datasetChildTasks: Record<string, ChildTask> = {
  'datasets/import-part': (payload, ctx) => importPartInChild(payload, ctx),
};
