import type { MethodName, ParsedArgsOf, ResultOf } from '../../shared/contract/methods';
import type { CoreContext } from './context';
import type { JobContext } from './jobs/manager';

export type Handler<M extends MethodName> = (
  core: CoreContext,
  args: ParsedArgsOf<M>,
  job: JobContext,
) => Promise<ResultOf<M>> | ResultOf<M>;
export type Handlers<K extends MethodName> = { [M in K]: Handler<M> };
export type MethodsStartingWith<P extends string> = Extract<MethodName, `${P}${string}`>;
