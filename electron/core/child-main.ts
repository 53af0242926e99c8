// Entry point of a model child process. Everything that touches onnxruntime runs through here: each
// domain contributes its tasks, and jobs/child-host.ts runs the one the parent asks for.
import { benchChildTasks } from './bench/child-tasks';
import { bundleChildTasks } from './bundles/child-tasks';
import { datasetChildTasks } from './datasets/child-tasks';
import { driftChildTasks } from './drift/child-tasks';
import { serveChildTasks } from './jobs/child-host';
import { modelChildTasks } from './models/child-tasks';

serveChildTasks({
  ...modelChildTasks,
  ...benchChildTasks,
  ...driftChildTasks,
  ...bundleChildTasks,
  ...datasetChildTasks,
});
