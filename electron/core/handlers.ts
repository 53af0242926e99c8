import type { MethodName } from '../../shared/contract/methods';
import type { Handlers } from './handler-types';
import { benchHandlers } from './bench/handlers';
import { bundleHandlers } from './bundles/handlers';
import { datasetHandlers } from './datasets/handlers';
import { demoHandlers } from './demo/handlers';
import { driftHandlers } from './drift/handlers';
import { modelHandlers } from './models/handlers';
import { readinessHandlers } from './readiness/handlers';
import { doctor } from './workspace/doctor';
import { removalHandlers } from './removal/handlers';
import { reportHandlers } from './reports/handlers';

/** One handler per contract method, one file per domain. The mapped type makes a missing or mistyped handler a compile error. */
export const handlers: Handlers<MethodName> = {
  ...modelHandlers,
  ...datasetHandlers,
  ...benchHandlers,
  ...driftHandlers,
  ...demoHandlers,
  ...bundleHandlers,
  ...readinessHandlers,
  'workspace/doctor': (core, args) => doctor(core, args.clean ?? false),
  'audit/list': (core, args) => core.queries.audit.list(args),
  'settings/get': (core) => core.queries.settings.get(),
  'settings/set': (core, args) => core.queries.settings.set(args),
  ...reportHandlers,
  ...removalHandlers,
  'jobs/get': (core, args) => core.jobs.get(args.jobId),
  'jobs/list': (core) => core.jobs.list(),
  'jobs/cancel': (core, args) => core.jobs.cancel(args.jobId),
};
