// Long work as jobs through every host: progress while it runs, the job listed and looked up by id,
// cancelled with nothing half-done kept. The CLI runs one command per process, so its job lives and
// ends with that process: there is nothing to list or look up from outside, and Ctrl-C is its cancel.
import { beforeAll, expect, it } from 'vitest';
import { describeThroughEveryHost, lacksForm, type Host, type Intent } from './hosts';
import { addModel, quickBench, useFiles } from './fixtures';

const files = useFiles();
const ONE_PROCESS = /one command per process: its job lives and ends with it/;
const oneProcess = { none: 'the CLI runs one command per process: its job lives and ends with it' };
const jobsList: Intent = { method: 'jobs/list', args: {}, job: false, cli: oneProcess };
const jobsGet = (jobId: string): Intent => ({ method: 'jobs/get', args: { jobId }, job: false, cli: oneProcess });
const jobsCancel = (jobId: string): Intent => ({
  method: 'jobs/cancel',
  args: { jobId },
  job: false,
  cli: { none: `${oneProcess.none}; Ctrl-C (SIGINT) cancels it`, interrupt: true },
});
const benchList: Intent = { method: 'bench/list', args: {}, job: false, cli: ['bench', '--list'] };
/** A benchmark that would run for a minute: long enough to be caught running. */
const longBench: Intent = {
  method: 'bench/start',
  args: { model: 'risk', eps: ['cpu'], batchSizes: [1], durationSec: 60, warmup: 2, intraOpThreads: 1 },
  job: true,
  cli: ['bench', 'risk', '--ep', 'cpu', '--batch', '1', '--duration', '60', '--warmup', '2', '--threads', '1'],
};

describeThroughEveryHost(
  'jobs',
  (current) => {
    let host: Host;
    beforeAll(() => {
      host = current();
    });

    it('a job reports progress while it runs; once finished it is listed with its result', async () => {
      const out = await host.perform(quickBench('risk'));
      expect(out.error).toBeUndefined();
      expect(out.progress!.length).toBeGreaterThan(0);
      expect(out.progress!.every((m) => typeof m === 'string' && m.length > 0)).toBe(true);
      const listed = await host.perform(jobsList);
      if (lacksForm(listed, ONE_PROCESS)) return;
      const job = listed.result.find((j: { method: string }) => j.method === 'bench/start');
      expect(job).toMatchObject({ state: 'succeeded', result: { runId: out.result.runId } });
      expect((await host.perform(jobsGet(job.jobId))).result).toMatchObject({
        state: 'succeeded',
        finishedAt: expect.any(String),
      });
    });

    it('a running job is listed and looked up with its progress; cancelled, it ends CANCELLED and stores nothing', async () => {
      const before = (await host.perform(benchList)).result.length;
      const { job, follow } = await host.during(longBench, (id) => [jobsList, jobsGet(id), jobsCancel(id)]);
      expect(job.error).toMatchObject({ code: 'CANCELLED', message: 'bench/start was cancelled' });
      expect(job.progress!.length).toBeGreaterThan(0);
      expect((await host.perform(benchList)).result).toHaveLength(before);
      const [listed, got, cancelled] = follow;
      if (lacksForm(listed, ONE_PROCESS) && lacksForm(got, ONE_PROCESS) && lacksForm(cancelled, /Ctrl-C \(SIGINT\)/)) {
        expect(job.exit).toBe(2);
        return;
      }
      const running = listed.result.find((j: { state: string }) => j.state === 'running');
      expect(running).toMatchObject({ method: 'bench/start', finishedAt: null });
      expect(got.result).toMatchObject({
        jobId: running.jobId,
        state: 'running',
        progress: { message: expect.any(String) },
      });
      expect(cancelled.result).toMatchObject({ jobId: running.jobId });
      expect((await host.perform(jobsGet(running.jobId))).result).toMatchObject({
        state: 'cancelled',
        error: { code: 'CANCELLED' },
      });
    });

    it.each([
      [jobsGet('no-such-job'), 'NOT_FOUND', /no job no-such-job/],
      [jobsCancel('no-such-job'), 'NOT_FOUND', /no job no-such-job/],
      [jobsGet(''), 'BAD_ARGUMENTS', /jobs\/get: jobId/],
    ] as [Intent, string, RegExp][])('refuses %#: the error and its code', async (intent, code, message) => {
      const out = await host.perform(intent);
      if (lacksForm(out, ONE_PROCESS)) return;
      expect(out.error).toMatchObject({ code, message: expect.stringMatching(message) });
    });
  },
  [addModel(files.model, 'risk')],
);
