// Main's side of the core: the utilityProcess relay (with fakes, then with the real bundled core and
// model children in Node processes that get Electron's parentPort from a shim), and the app:// handler.
import { fork as nodeFork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../shared/contract/events';
import { desktopWorkspaceDir, workspaceFlag } from '../../electron/main/args';
import {
  describeFailure,
  startCoreHost,
  type CoreFailure,
  type ForkUtility,
  type UtilityProcessLike,
} from '../../electron/main/core-host';
import { createRendererHandler } from '../../electron/main/protocol';
import { MODELS, ROOT, requireBuild, tempDir } from '../helpers/workspace';

type Listener = (...args: any[]) => void;
class FakeProcess implements UtilityProcessLike {
  sent: unknown[] = [];
  transferred: unknown[][] = [];
  killed = false;
  private listeners = new Map<string, Listener[]>();
  constructor(readonly modulePath: string) {}
  postMessage(message: unknown, transfer?: unknown[]) {
    this.sent.push(message);
    if (transfer) this.transferred.push(transfer);
  }
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  kill() {
    this.killed = true;
    return true;
  }
  emit(event: string, ...args: unknown[]) {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
}

function fakeHost() {
  const forked: FakeProcess[] = [];
  const failures: CoreFailure[] = [];
  const events: CoreEvent[] = [];
  const fork: ForkUtility = (modulePath) => {
    const p = new FakeProcess(modulePath);
    forked.push(p);
    return p;
  };
  const host = startCoreHost({
    fork,
    coreEntry: 'core-host.mjs',
    childEntry: 'child.mjs',
    workspaceDir: '/ws',
    onEvent: (e) => events.push(e),
    onFailure: (f) => failures.push(f),
  });
  return { host, core: forked[0], forked, failures, events };
}

describe('core host relay (fake processes)', () => {
  it('opens the workspace, answers calls and forwards events', async () => {
    const { host, core, events } = fakeHost();
    expect(core.sent[0]).toEqual({ type: 'init', workspaceDir: '/ws' });
    core.emit('message', { type: 'ready' });
    await expect(host.ready).resolves.toBe(true);
    const reply = host.call('models/list', {});
    expect(core.sent[1]).toEqual({ type: 'call', id: 1, method: 'models/list', args: {} });
    core.emit('message', { type: 'reply', id: 1, outcome: { ok: true, result: [] } });
    await expect(reply).resolves.toEqual({ ok: true, result: [] });
    core.emit('message', { type: 'event', event: { type: 'job/started', jobId: 'j', method: 'models/add' } });
    expect(events).toHaveLength(1);
  });

  it('forks a model child for the core and relays both ways, then reports its exit', () => {
    const { core, forked } = fakeHost();
    core.emit('message', { type: 'child-spawn', childId: 7 });
    const child = forked[1];
    expect(child.modulePath).toBe('child.mjs');
    core.emit('message', { type: 'child-send', childId: 7, message: { task: 'models/load-check' } });
    expect(child.sent).toEqual([{ task: 'models/load-check' }]);
    child.emit('message', { type: 'result', result: 1 });
    child.emit('exit', 0);
    core.emit('message', { type: 'child-kill', childId: 7 }); // after exit: ignored, no throw
    expect(core.sent.slice(1)).toEqual([
      { type: 'child-message', childId: 7, message: { type: 'result', result: 1 } },
      { type: 'child-exit', childId: 7, code: 0 },
    ]);
    expect(child.killed).toBe(false);
  });

  it('a dying core fails pending calls as CHILD_CRASHED, kills its children and reports once', async () => {
    const { host, core, forked, failures } = fakeHost();
    core.emit('message', { type: 'child-spawn', childId: 1 });
    const pending = host.call('models/list', {});
    core.emit('exit', 9);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'CHILD_CRASHED' } });
    await expect(host.call('models/list', {})).resolves.toMatchObject({ ok: false, error: { code: 'CHILD_CRASHED' } });
    expect(forked[1].killed).toBe(true);
    expect(failures).toEqual([{ kind: 'exited', code: 9 }]);
  });

  it("hands the core a window's port with the message that names the window; none once the core is gone", () => {
    const { host, core } = fakeHost();
    const port = { a: 'MessagePortMain' };
    expect(host.connectWindow(port, 3)).toBe(true);
    expect(core.sent[1]).toEqual({ type: 'renderer-port', windowId: 3 });
    expect(core.transferred).toEqual([[port]]);
    core.emit('exit', 1);
    expect(host.connectWindow({}, 3)).toBe(false);
    expect(core.sent).toHaveLength(2);
  });

  it('stop() ends the core without reporting a failure', () => {
    const { host, core, failures } = fakeHost();
    host.stop();
    expect(core.killed).toBe(true);
    core.emit('exit', 0);
    expect(failures).toEqual([]);
  });

  it('explains a native-module ABI mismatch with the command that fixes it', () => {
    const text = describeFailure({
      kind: 'init-failed',
      message: 'better_sqlite3.node was compiled against a different Node.js version using NODE_MODULE_VERSION 127',
    });
    expect(text.detail).toContain('electron-builder install-app-deps');
    expect(describeFailure({ kind: 'exited', code: 3 }).detail).toContain('intact');
  });
});

describe('core host with the real core and model children', () => {
  const shim = pathToFileURL(path.join(ROOT, 'test/electron/parent-port-shim.mjs')).href;
  const live: ChildProcess[] = [];
  afterEach(() => live.splice(0).forEach((cp) => cp.kill('SIGKILL')));
  /** A Node process standing in for a utilityProcess (the shim supplies process.parentPort). */
  const forkNode: ForkUtility = (modulePath) => {
    const cp = nodeFork(modulePath, [], {
      execArgv: ['--import', shim],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    live.push(cp);
    const utility = {
      postMessage: (message: unknown) => void (cp.connected && cp.send(message as never)),
      on: (event: string, listener: Listener) =>
        event === 'exit' ? cp.on('exit', (code) => listener(code ?? -1)) : cp.on(event, listener),
      kill: () => cp.kill('SIGKILL'),
    };
    return utility as UtilityProcessLike;
  };

  function start(workspaceDir: string) {
    const events: CoreEvent[] = [];
    const waiters = new Set<(e: CoreEvent) => void>();
    const failures: CoreFailure[] = [];
    const forked: string[] = [];
    const host = startCoreHost({
      fork: (m, a, o) => (forked.push(path.basename(m)), forkNode(m, a, o)),
      coreEntry: path.join(ROOT, 'dist/electron/core-host.cjs'),
      childEntry: path.join(ROOT, 'dist/electron/child.cjs'),
      workspaceDir,
      onEvent: (e) => (events.push(e), waiters.forEach((w) => w(e))),
      onFailure: (f) => failures.push(f),
    });
    const isEnd = (e: CoreEvent, jobId: string) =>
      e.jobId === jobId && (e.type === 'job/finished' || e.type === 'job/failed');
    const finished = (jobId: string) =>
      new Promise<CoreEvent>((resolve) => {
        const early = events.find((e) => isEnd(e, jobId));
        if (early) return resolve(early);
        const waiter = (e: CoreEvent) => isEnd(e, jobId) && (waiters.delete(waiter), resolve(e));
        waiters.add(waiter);
      });
    return { host, events, failures, forked, finished };
  }

  it('registers a model through a relayed child, survives a core crash, and a fresh core sees the same workspace', async () => {
    requireBuild();
    const ws = tempDir();
    try {
      const first = start(ws.dir);
      expect(await first.host.ready).toBe(true);
      const started = await first.host.call('models/add', { path: path.join(MODELS, 'tiny_mlp.onnx'), name: 'tiny' });
      expect(started).toMatchObject({ ok: true });
      const done = await first.finished((started as { result: { jobId: string } }).result.jobId);
      expect(done).toMatchObject({ type: 'job/finished', result: { name: 'tiny', created: true } });
      expect(first.forked).toEqual(['core-host.cjs', 'child.cjs']); // the load check ran in a model child
      expect(first.events.map((e) => e.type)).toContain('job/started');

      // A native crash of the core: the pending call fails as data, main is told once.
      const crashed = new Promise<void>((resolve) => live[0].once('exit', () => resolve()));
      // SIGKILL is pending on the core as soon as kill() returns: this call can never be answered.
      live[0].kill('SIGKILL');
      const pending = first.host.call('models/list', {});
      await crashed;
      await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'CHILD_CRASHED' } });
      expect(first.failures).toHaveLength(1);

      const second = start(ws.dir);
      expect(await second.host.ready).toBe(true);
      const list = await second.host.call('models/list', {});
      expect(list).toMatchObject({ ok: true, result: [expect.objectContaining({ name: 'tiny' })] });
      second.host.stop();
    } finally {
      ws.cleanup();
    }
  });

  it('reports a workspace that cannot be opened instead of hanging', async () => {
    requireBuild();
    const ws = tempDir();
    try {
      const notADir = path.join(ws.dir, 'file');
      fs.writeFileSync(notADir, 'x');
      const { host, failures } = start(notADir);
      expect(await host.ready).toBe(false);
      expect(failures[0]).toMatchObject({ kind: 'init-failed' });
      await expect(host.call('models/list', {})).resolves.toMatchObject({
        ok: false,
        error: { code: 'WORKSPACE_ERROR' },
      });
      host.stop();
    } finally {
      ws.cleanup();
    }
  });
});

describe('app:// renderer handler', () => {
  it('serves the UI with the CSP header and refuses anything outside dist/renderer', async () => {
    const tmp = tempDir();
    const root = path.join(tmp.dir, 'renderer');
    try {
      fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
      fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
      fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'export {}');
      fs.writeFileSync(path.join(tmp.dir, 'secret.txt'), 'secret');
      const handle = createRendererHandler(root);
      const index = await handle({ url: 'app://preflight/index.html', method: 'GET' });
      expect(index.status).toBe(200);
      expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect((await handle({ url: 'app://preflight/assets/app.js' })).headers.get('content-type')).toMatch(
        /javascript/,
      );
      expect(await (await handle({ url: 'app://preflight/models/tiny' })).text()).toBe('<!doctype html>'); // client-side route
      expect((await handle({ url: 'app://preflight/missing.js' })).status).toBe(404);
      // The URL parser folds "/../" and "/%2e%2e/" into the root itself; encoded slashes and NUL are refused.
      for (const url of [
        'app://preflight/../secret.txt',
        'app://preflight/%2e%2e/secret.txt',
        'app://preflight/..%2fsecret.txt',
        'app://preflight/assets%5c..%5c..%5csecret.txt',
        'app://preflight/a%00.js',
      ]) {
        const res = await handle({ url });
        expect(res.status, url).toBeGreaterThanOrEqual(400);
        expect(await res.text()).not.toContain('secret');
      }
      expect((await handle({ url: 'app://other/index.html' })).status).toBe(400);
      expect((await handle({ url: 'app://preflight/index.html', method: 'POST' })).status).toBe(405);
    } finally {
      tmp.cleanup();
    }
  });

  it('picks the workspace from --workspace, then PREFLIGHT_WORKSPACE, then userData', () => {
    expect(workspaceFlag(['electron', '.', '--workspace', '/w1'])).toBe('/w1');
    expect(workspaceFlag(['app', '--workspace=/w2'])).toBe('/w2');
    expect(workspaceFlag(['app', '--workspace'])).toBeUndefined();
    expect(desktopWorkspaceDir(['app', '--workspace', '/w1'], { PREFLIGHT_WORKSPACE: '/env' }, '/ud')).toBe(
      path.resolve('/w1'),
    );
    expect(desktopWorkspaceDir(['app'], { PREFLIGHT_WORKSPACE: '/env' }, '/ud')).toBe(path.resolve('/env'));
    expect(desktopWorkspaceDir(['app'], {}, '/ud')).toBe(path.resolve('/ud'));
  });
});
