import { methods, type MethodName } from '../../shared/contract/methods';
import type { Handler, Handlers, MethodsStartingWith } from './handler-types';
import { doctor } from './workspace/doctor';

/**
 * A domain's handlers, loaded the first time one of its methods is called: a command parses the code
 * it runs, not every domain's (Parquet, zip, YAML and schema code took 0.13 s of each start).
 */
function lazy<K extends MethodName>(names: readonly K[], load: () => Promise<Handlers<K>>): Handlers<K> {
  let loading: Promise<Handlers<K>> | null = null;
  const out = {} as Record<K, unknown>;
  for (const name of names)
    out[name] = async (...call: Parameters<Handler<K>>) => {
      const domain = await (loading ??= load());
      return (domain[name] as unknown as (...a: Parameters<Handler<K>>) => unknown)(...call);
    };
  return out as Handlers<K>;
}

/** The contract's methods whose names start with `prefix`. */
function named<P extends string>(prefix: P): MethodsStartingWith<P>[] {
  return (Object.keys(methods) as MethodName[]).filter((m): m is MethodsStartingWith<P> => m.startsWith(prefix));
}

/** One handler per contract method, one file per domain. The mapped type makes a missing or mistyped handler a compile error. */
export const handlers: Handlers<MethodName> = {
  ...lazy(['workspace/info', 'models/add', 'models/list', 'models/show'], () =>
    import('./models/handlers').then((m) => m.modelHandlers),
  ),
  ...lazy(named('datasets/'), () => import('./datasets/handlers').then((m) => m.datasetHandlers)),
  ...lazy(named('bench/'), () => import('./bench/handlers').then((m) => m.benchHandlers)),
  ...lazy(named('drift/'), () => import('./drift/handlers').then((m) => m.driftHandlers)),
  ...lazy(['demo/create'], () => import('./demo/handlers').then((m) => m.demoHandlers)),
  ...lazy(
    [
      'bundles/preview',
      'bundles/export',
      'bundles/list',
      'bundles/verify',
      'bundles/validate',
      'keys/generate',
      'files/info',
    ],
    () => import('./bundles/handlers').then((m) => m.bundleHandlers),
  ),
  ...lazy(named('ready/'), () => import('./readiness/handlers').then((m) => m.readinessHandlers)),
  'workspace/doctor': (core, args) => doctor(core, args.clean ?? false),
  'audit/list': (core, args) => core.queries.audit.list(args),
  'settings/get': (core) => core.queries.settings.get(),
  'settings/set': (core, args) => core.queries.settings.set(args),
  ...lazy(['reports/drift', 'reports/bench', 'reports/bench-compare'], () =>
    import('./reports/handlers').then((m) => m.reportHandlers),
  ),
  ...lazy(['models/remove'], () => import('./removal/handlers').then((m) => m.removalHandlers)),
  'jobs/get': (core, args) => core.jobs.get(args.jobId),
  'jobs/list': (core) => core.jobs.list(),
  'jobs/cancel': (core, args) => core.jobs.cancel(args.jobId),
};
