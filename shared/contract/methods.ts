import type { z } from 'zod';
import { benchMethods } from './methods/bench';
import { bundleMethods } from './methods/bundles';
import { datasetMethods } from './methods/datasets';
import { demoMethods } from './methods/demo';
import { driftMethods } from './methods/drift';
import { jobMethods } from './methods/jobs';
import { modelMethods } from './methods/models';
import { readinessMethods } from './methods/readiness';
import { workspaceMethods } from './methods/workspace';
import { removalMethods } from './methods/removal';
import { reportMethods } from './methods/reports';

// The whole API, defined once, one file per domain in ./methods. Adding a capability = one entry there
// + one handler in the core; the CLI, the web server, Electron and the renderer's client all get it.
export const methods = {
  ...modelMethods,
  ...jobMethods,
  ...datasetMethods,
  ...benchMethods,
  ...driftMethods,
  ...demoMethods,
  ...bundleMethods,
  ...readinessMethods,
  ...workspaceMethods,
  ...reportMethods,
  ...removalMethods,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type ArgsOf<M extends MethodName> = z.input<Methods[M]['args']>;
export type ParsedArgsOf<M extends MethodName> = z.output<Methods[M]['args']>;
export type ResultOf<M extends MethodName> = NonNullable<Methods[M]['__result']>;
export type JobMethodName = { [M in MethodName]: Methods[M]['job'] extends true ? M : never }[MethodName];
export type CallMethodName = Exclude<MethodName, JobMethodName>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
