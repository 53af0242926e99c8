// How an intent is carried out: over a transport (the in-process core, the HTTP server) or by the real
// `preflight` bin, and how a running job is worked on from outside (jobs/list, jobs/get, jobs/cancel,
// or Ctrl-C for the CLI).
import { spawn } from 'node:child_process';
import { createClient, type Transport } from '../../shared/client';
import type { CoreEvent } from '../../shared/contract/events';
import type { CliResult } from '../helpers/cli';
import { CLI, ROOT } from '../helpers/workspace';
import type { Intent, Outcome } from './intent';

/** The CLI's non-TTY progress lines: "[####----…]  40% message". */
const PROGRESS_LINE = /^\[[#\-·]{20}\] (?:\s*\d+% )?(.*)$/;

export function cliOutcome(r: CliResult): Outcome {
  const progress = r.stderr
    .split('\n')
    .map((l) => PROGRESS_LINE.exec(l)?.[1])
    .filter((m): m is string => m !== undefined);
  if (r.json && typeof r.json === 'object' && 'error' in r.json)
    return { ok: false, error: r.json.error, exit: r.code, progress };
  // A check command (ready, verify, validate, doctor) answers its result with exit 1 when the check fails.
  if (r.json !== null && (r.code === 0 || r.code === 1)) return { ok: true, result: r.json, exit: r.code, progress };
  return { ok: false, error: { code: 'EXIT_' + r.code, message: r.stderr }, exit: r.code, progress };
}

export async function viaTransport(transport: Transport, intent: Intent): Promise<Outcome> {
  if (!intent.job) return transport.call(intent.method, intent.args);
  const progress: string[] = [];
  try {
    const result = await createClient(transport).run(intent.method as never, intent.args as never, {
      onProgress: (p) => progress.push(p.message),
    });
    return { ok: true, result, progress };
  } catch (err) {
    const e = err as { code: string; message: string };
    return { ok: false, error: { code: e.code, message: e.message }, progress };
  }
}

export async function duringViaTransport(
  transport: Transport,
  job: Intent,
  follow: (jobId: string) => Intent[],
): Promise<{ job: Outcome; follow: Outcome[] }> {
  const events: CoreEvent[] = [];
  let wake = () => {};
  const unsubscribe = transport.subscribe((e) => {
    events.push(e);
    wake();
  });
  const until = async (pred: (e: CoreEvent) => boolean) => {
    while (!events.some(pred)) await new Promise<void>((resolve) => (wake = resolve));
    return events.find(pred)!;
  };
  try {
    const started = await transport.call(job.method, job.args);
    if (!started.ok) return { job: started, follow: [] };
    const jobId = (started.result as { jobId: string }).jobId;
    const ends = (e: CoreEvent) => e.jobId === jobId && (e.type === 'job/finished' || e.type === 'job/failed');
    await until((e) => e.jobId === jobId && (e.type === 'job/progressed' || ends(e)));
    const outcomes: Outcome[] = [];
    for (const intent of follow(jobId)) outcomes.push(await viaTransport(transport, intent));
    const end = await until(ends);
    const progress = events.flatMap((e) =>
      e.jobId === jobId && e.type === 'job/progressed' ? [e.progress.message] : [],
    );
    return {
      job:
        end.type === 'job/failed'
          ? { ok: false, error: end.error, progress }
          : { ok: true, result: (end as { result: unknown }).result, progress },
      follow: outcomes,
    };
  } finally {
    unsubscribe();
  }
}

/**
 * The CLI runs one command per process: the job lives and ends with it. Follow-ups with no CLI form
 * answer their reason; one whose form is Ctrl-C sends SIGINT to the running command.
 */
export function duringViaCli(
  workspace: string,
  job: Intent,
  follow: (jobId: string) => Intent[],
): Promise<{ job: Outcome; follow: Outcome[] }> {
  if (!Array.isArray(job.cli)) throw new Error(`${job.method} has no CLI form to run`);
  const child = spawn(process.execPath, [CLI, ...job.cli, '--workspace', workspace, '--json'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const outcomes: Outcome[] = [];
  let followed = false;
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => {
    stderr += d;
    if (followed || !stderr.split('\n').some((l) => PROGRESS_LINE.test(l))) return;
    followed = true;
    for (const intent of follow('(no job id: the CLI runs the job itself)')) {
      const form = intent.cli;
      if (Array.isArray(form)) throw new Error(`${intent.method}: give its CLI form as a NoCliForm here`);
      if (form.interrupt) child.kill('SIGINT');
      outcomes.push({ ok: false, unavailable: form.none });
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      let json: unknown = null;
      try {
        json = stdout.trim() ? JSON.parse(stdout) : null;
      } catch {
        /* not JSON: reported as an exit code */
      }
      resolve({ job: cliOutcome({ code: code ?? -1, stdout, stderr, json }), follow: outcomes });
    });
  });
}
