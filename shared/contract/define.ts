import type { z } from 'zod';

/**
 * One method of the contract. `args` is validated once, in the core; `R` is the result type, carried
 * only at the type level. `job: true` methods return `{ jobId }` at once and deliver their result
 * through `job/finished` (or `job/failed`) events.
 */
export interface MethodDef<A extends z.ZodType, R, J extends boolean = boolean> {
  args: A;
  job: J;
  summary: string;
  /** Phantom field: never set at run time. */
  readonly __result?: R;
}

/** Curried so the result type is explicit while the argument schema is inferred. */
export function method<R>() {
  return <A extends z.ZodType, J extends boolean>(def: { args: A; job: J; summary: string }): MethodDef<A, R, J> => def;
}
