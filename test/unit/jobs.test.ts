import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../shared/contract/events';
import { nodeLauncher } from '../../electron/core/jobs/launcher';
import { JobManager } from '../../electron/core/jobs/manager';
import { runInChild } from '../../electron/core/jobs/run-in-child';
import { isAlive } from '../../electron/core/jobs/pid';
import { PreflightError } from '../../shared/contract/errors';
import { requireBuild, tempDir } from '../helpers/workspace';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function finished(events: CoreEvent[], jobId: string): Promise<CoreEvent> {
  return new Promise((resolve) => {
    const check = () => {
      const e = events.find((x) => x.jobId === jobId && (x.type === 'job/finished' || x.type === 'job/failed'));
      if (e) resolve(e);
      else setImmediate(check);
    };
    check();
  });
}

describe('jobs', () => {
  it('report progress, then exactly one finished event with the result', async () => {
    const events: CoreEvent[] = [];
    const jobs = new JobManager((e) => events.push(e));
    const id = jobs.start('test/work', async (ctx) => {
      ctx.progress(0.5, 'half');
      ctx.progress(1, 'done');
      return { answer: 42 };
    });
    const end = await finished(events, id);
    expect(end).toMatchObject({ type: 'job/finished', result: { answer: 42 } });
    expect(
      events
        .filter((e) => e.type === 'job/progressed')
        .map((e) => (e as { progress: { message: string } }).progress.message),
    ).toContain('done');
    expect(jobs.get(id).state).toBe('succeeded');
  });

  it('cancel stops a running job with CANCELLED', async () => {
    const events: CoreEvent[] = [];
    const jobs = new JobManager((e) => events.push(e));
    const id = jobs.start(
      'test/long',
      (ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('stopped')))),
    );
    expect(jobs.get(id).state).toBe('running');
    jobs.cancel(id);
    const end = await finished(events, id);
    expect(end).toMatchObject({ type: 'job/failed', error: { code: 'CANCELLED' } });
    expect(jobs.get(id).state).toBe('cancelled');
  });

  it('forgets the oldest finished jobs beyond 200, never a running one', async () => {
    const events: CoreEvent[] = [];
    const jobs = new JobManager((e) => events.push(e));
    const running = jobs.start(
      'test/long',
      (ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('stopped')))),
    );
    const ids: string[] = [];
    for (let i = 0; i < 205; i++) {
      const id = jobs.start('test/quick', async () => i);
      await finished(events, id);
      ids.push(id);
    }
    jobs.start('test/quick', async () => 'last');
    expect(() => jobs.get(ids[0])).toThrow(/no job/);
    expect(jobs.get(ids[204]).state).toBe('succeeded');
    expect(jobs.get(running).state).toBe('running');
    expect(jobs.list().length).toBeLessThanOrEqual(202);
    jobs.cancel(running);
  });

  it('an unknown job id is NOT_FOUND', () => {
    const jobs = new JobManager(() => {});
    expect(() => jobs.get('nope')).toThrow(/no job nope/);
  });
});

describe('isolated child processes', () => {
  it('a native crash in the child is reported, not fatal', async () => {
    const script = path.join(tmp.dir, 'crash.mjs');
    fs.writeFileSync(
      script,
      "process.on('message', () => { process.stderr.write('native: out of cheese\\n'); process.kill(process.pid, 'SIGSEGV'); });",
    );
    const err = await runInChild<never>(nodeLauncher(script), 'models/load-check', {}).catch((e: PreflightError) => e);
    expect(err).toBeInstanceOf(PreflightError);
    expect(err.code).toBe('CHILD_CRASHED');
    expect(err.message).toMatch(/SIGSEGV.*workspace is unchanged; its last words: native: out of cheese/);
  });

  it('cancelling kills the child and rejects with CANCELLED', async () => {
    const script = path.join(tmp.dir, 'hang.mjs');
    fs.writeFileSync(
      script,
      "process.on('message', () => process.send({ type: 'progress', fraction: 0, message: 'working' })); setInterval(() => {}, 1000);",
    );
    const controller = new AbortController();
    const err = await runInChild<never>(
      nodeLauncher(script),
      'x',
      {},
      { signal: controller.signal, onProgress: () => controller.abort() },
    ).catch((e: PreflightError) => e);
    expect(err.code).toBe('CANCELLED');
  });

  it('a child that writes to the workspace (untilExit) is gone when its cancel settles', async () => {
    const script = path.join(tmp.dir, 'writer.mjs');
    fs.writeFileSync(
      script,
      "process.on('message', () => process.send({ type: 'progress', fraction: 0, message: 'writing', data: { pid: process.pid } })); setInterval(() => {}, 1000);",
    );
    for (const untilExit of [false, true]) {
      const controller = new AbortController();
      let pid = 0;
      const err = await runInChild<never>(
        nodeLauncher(script),
        'x',
        {},
        {
          signal: controller.signal,
          untilExit,
          onProgress: (_f, _m, data) => {
            pid = data!.pid as number;
            controller.abort();
          },
        },
      ).catch((e: PreflightError) => e);
      expect(err.code).toBe('CANCELLED');
      // Without untilExit the cancel settles as the kill is sent: the process is still there (at least
      // unreaped) — which let a folder import drop a part's table while its child could still write.
      expect(isAlive(pid)).toBe(!untilExit);
      await new Promise((r) => setTimeout(r, 200));
      expect(isAlive(pid)).toBe(false);
    }
  });

  it('runs onnxruntime in the built child and keeps its own words on failure', async () => {
    requireBuild();
    const fixture = path.join(tmp.dir, 'garbage.onnx');
    fs.writeFileSync(fixture, Buffer.from('08071200', 'hex'));
    const result = await runInChild<{ loadable: boolean; error: string }>(nodeLauncher(), 'models/load-check', {
      path: fixture,
    });
    expect(result.loadable).toBe(false);
    expect(result.error).toMatch(/\S/);
  });
});
