import { PreflightError, type ErrorData } from '../../shared/contract/errors';
import type { CoreEvent } from '../../shared/contract/events';
import { isMethodName, methods, type MethodName } from '../../shared/contract/methods';
import { makeQueries, type CoreContext } from './context';
import { dropLeftovers } from './datasets/leftovers';
import { toErrorData } from './errors';
import { handlers } from './handlers';
import { nodeLauncher, type Launcher } from './jobs/launcher';
import { JobManager, type JobContext } from './jobs/manager';
import { openWorkspace } from './workspace/open';
import { markDamaged, refuseIfDamaged } from './workspace/doctor';
import { APP_VERSION } from './version';

export interface CoreOptions {
  workspaceDir: string;
  launcher?: Launcher;
}

export type DispatchOutcome = { ok: true; result: unknown } | { ok: false; error: ErrorData };

export interface Core {
  /** Validates `args` against the contract and runs the method. Job methods answer `{ jobId }` at once. */
  dispatch(method: string, args: unknown): Promise<DispatchOutcome>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
  close(): Promise<void>;
  readonly workspaceDir: string;
}

/** What an audit entry says about a result: which thing (name@version, id) and the hashes involved. */
export function describeResult(result: unknown): { detail?: string; hashes?: Record<string, string> } {
  if (typeof result !== 'object' || result === null) return {};
  const r = result as Record<string, unknown>;
  const hashes: Record<string, string> = {};
  const isHash = (k: string, v: unknown): v is string =>
    /sha256|digest/i.test(k) && typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
  for (const [k, v] of Object.entries(r)) {
    if (isHash(k, v)) hashes[k] = v;
    // One level down: a benchmark's or a drift report's model ({ model: { name, version, sha256 } }).
    else if (typeof v === 'object' && v !== null && !Array.isArray(v))
      for (const [k2, v2] of Object.entries(v)) if (isHash(k2, v2)) hashes[`${k}.${k2}`] = v2;
  }
  const name = typeof r.name === 'string' ? r.name : typeof r.removed === 'string' ? r.removed : undefined;
  const which =
    name !== undefined
      ? `${name}${typeof r.version === 'number' ? `@${r.version}` : ''}`
      : r.id !== undefined
        ? `#${String(r.id)}`
        : undefined;
  return { detail: which, hashes };
}

/** Methods that only read: not audited, and allowed on a workspace marked damaged. */
function readOnly(method: string): boolean {
  return (
    method.endsWith('/list') ||
    method.endsWith('/get') ||
    method.endsWith('/show') ||
    method === 'workspace/info' ||
    method === 'workspace/doctor'
  );
}

/** The single entry point every host calls. Never throws for a user's mistake: errors are data. */
export function createCore(options: CoreOptions): Core {
  const listeners = new Set<(event: CoreEvent) => void>();
  const emit = (event: CoreEvent) => listeners.forEach((l) => l(event));
  const workspace = openWorkspace(options.workspaceDir);
  const jobs = new JobManager(emit);
  const run = (method: MethodName, rawArgs: unknown, job: JobContext) => {
    const parsed = parseArgs(method, rawArgs);
    const handler = handlers[method] as (c: CoreContext, a: unknown, j: JobContext) => unknown;
    return Promise.resolve(handler(ctx, parsed, job));
  };
  const ctx: CoreContext = {
    workspace,
    queries: makeQueries(workspace),
    jobs,
    launcher: options.launcher ?? nodeLauncher(),
    appVersion: APP_VERSION,
    invoke: async (method, args, job) => {
      job.throwIfCancelled();
      try {
        const result = await run(method, args, job);
        audit(method, 'ok', undefined, result);
        return result as never;
      } catch (err) {
        const error = toErrorData(err);
        audit(method, error.code, error.message);
        throw err;
      }
    },
  };
  try {
    dropLeftovers(ctx); // a killed import's rows go at the next open, not only at the next import
  } catch {
    /* best effort: a busy workspace keeps them until the next import */
  }
  const noJob: JobContext = { signal: new AbortController().signal, progress: () => {}, throwIfCancelled: () => {} };

  const audit = (method: string, outcome: string, detail?: string, result?: unknown) => {
    if (readOnly(method)) return;
    try {
      const described = result === undefined ? { detail, hashes: undefined } : describeResult(result);
      ctx.queries.audit.record(method, outcome, detail ?? described.detail, described.hashes);
    } catch {
      /* the audit trail must never turn a success into a failure */
    }
  };
  // Job outcomes join the audit trail when they end, not when they start.
  listeners.add((event) => {
    if (event.type === 'job/finished') audit(event.method, 'ok', undefined, event.result);
    if (event.type === 'job/failed') audit(event.method, event.error.code, event.error.message);
    if (event.type === 'job/failed' && event.error.details?.damaged === true)
      markDamaged(workspace.dir, event.error.message);
  });

  return {
    workspaceDir: workspace.dir,
    async dispatch(method, rawArgs) {
      try {
        if (!isMethodName(method)) throw new PreflightError('UNKNOWN_METHOD', `unknown method ${method}`);
        if (!readOnly(method) && !method.startsWith('jobs/')) refuseIfDamaged(workspace.dir, method);
        if (methods[method].job) {
          parseArgs(method, rawArgs); // a bad call is refused at once, not as a failed job
          const jobId = jobs.start(method, (job) => run(method, rawArgs, job));
          return { ok: true, result: { jobId } };
        }
        const result = await run(method, rawArgs, noJob);
        audit(method, 'ok', undefined, result);
        return { ok: true, result };
      } catch (err) {
        const error = toErrorData(err);
        if (error.details?.damaged === true && method !== 'workspace/doctor') markDamaged(workspace.dir, error.message);
        audit(method, error.code, error.message);
        return { ok: false, error };
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await jobs.closeAll();
      workspace.close();
    },
  };
}

/** Validates a call's arguments against the contract: the one place every host's input is checked. */
function parseArgs(method: MethodName, rawArgs: unknown): unknown {
  const parsed = methods[method].args.safeParse(rawArgs ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new PreflightError('BAD_ARGUMENTS', `${method}: ${where}${issue?.message ?? 'invalid arguments'}`, {
    issues: parsed.error.issues as unknown as Record<string, unknown>,
  });
}
