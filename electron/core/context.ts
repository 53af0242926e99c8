import type { ArgsOf, MethodName, ResultOf } from '../../shared/contract/methods';
import type { Launcher } from './jobs/launcher';
import type { JobContext, JobManager } from './jobs/manager';
import type { Workspace } from './workspace/open';
import { auditQueries } from './workspace/queries/audit';
import { doctorQueries } from './workspace/queries/doctor';
import { modelQueries } from './workspace/queries/models';
import { domainQueries } from './workspace/queries/index';

/** What every handler receives: the open workspace, its queries, the job manager and how to start model children. */
export interface CoreContext {
  workspace: Workspace;
  queries: ReturnType<typeof makeQueries>;
  jobs: JobManager;
  launcher: Launcher;
  appVersion: string;
  /**
   * Calls another capability through the contract — its arguments validated, its progress and
   * cancellation carried by `job` — so one domain composes others without importing their handlers.
   */
  invoke<M extends MethodName>(method: M, args: ArgsOf<M>, job: JobContext): Promise<ResultOf<M>>;
}

export function makeQueries(workspace: Workspace) {
  return {
    models: modelQueries(workspace.db),
    audit: auditQueries(workspace.db),
    doctor: doctorQueries(workspace.db),
    ...domainQueries(workspace),
  };
}
