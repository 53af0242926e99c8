// The whole desktop transport without Electron: the real preload bundle (fake 'electron') and the real
// bundled core host talk over one real MessageChannel, handed out through startCoreHost as main.ts does.
// The core runs in a worker thread (a worker can receive a MessagePort; worker-port-shim.mjs gives it
// Electron's parentPort API) and model children in Node processes (parent-port-shim.mjs).
import { fork as nodeFork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CoreEvent } from '../../shared/contract/events';
import { startCoreHost, type ForkUtility, type UtilityProcessLike } from '../../electron/main/core-host';
import { CHANNELS } from '../../electron/preload/channels';
import { MODELS, ROOT, requireBuild, tempDir } from '../helpers/workspace';
import { loadPreload } from './preload-harness';

type Listener = (...args: any[]) => void;
/** A model load check in a child process, on a loaded machine. */
const WAIT = { timeout: 30_000, interval: 20 };
const processShim = pathToFileURL(path.join(ROOT, 'test/electron/parent-port-shim.mjs')).href;
const workerShim = path.join(ROOT, 'test/electron/worker-port-shim.mjs');
const live: { kill(): void }[] = [];
afterEach(() => live.splice(0).forEach((p) => p.kill()));

/** The core in a worker thread (ports travel with its messages), model children in Node processes. */
const fork: ForkUtility = (modulePath) => {
  if (path.basename(modulePath) === 'core-host.cjs') {
    const worker = new Worker(workerShim, { workerData: { entry: modulePath } });
    live.push({ kill: () => void worker.terminate() });
    return {
      postMessage: (data: unknown, transfer: unknown[] = []) =>
        worker.postMessage({ data, ports: transfer }, transfer as MessagePort[]),
      on: (event: string, listener: Listener) =>
        event === 'error' ? worker.on('error', (err) => listener(String(err), '')) : worker.on(event, listener),
      kill: () => (void worker.terminate(), true),
    } as UtilityProcessLike;
  }
  const cp: ChildProcess = nodeFork(modulePath, [], {
    execArgv: ['--import', processShim],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  live.push({ kill: () => cp.kill('SIGKILL') });
  return {
    postMessage: (message: unknown) => void (cp.connected && cp.send(message as never)),
    on: (event: string, listener: Listener) =>
      event === 'exit' ? cp.on('exit', (code) => listener(code ?? -1)) : cp.on(event, listener),
    kill: () => cp.kill('SIGKILL'),
  } as UtilityProcessLike;
};

function startDesktop(workspaceDir: string) {
  const relayedEvents: CoreEvent[] = [];
  const host = startCoreHost({
    fork,
    coreEntry: path.join(ROOT, 'dist/electron/core-host.cjs'),
    childEntry: path.join(ROOT, 'dist/electron/child.cjs'),
    workspaceDir,
    onEvent: (e) => relayedEvents.push(e),
    onFailure: () => {},
  });
  /** A page load: a fresh preload whose IPC relay is main's (host.call), and a fresh port to the core. */
  async function loadWindow(windowId: number) {
    const page = await loadPreload(async (channel, method, args) => {
      if (channel !== CHANNELS.call) throw new Error(`unexpected channel ${channel}`);
      return host.call(method as string, args);
    });
    const events: CoreEvent[] = [];
    page.bridge.subscribe((e) => events.push(e));
    const { port1, port2 } = new MessageChannel();
    expect(host.connectWindow(port1, windowId)).toBe(true);
    page.handPort([port2]);
    const finished = (jobId: string) =>
      vi.waitFor(() => {
        const end = events.find((e) => e.jobId === jobId && (e.type === 'job/finished' || e.type === 'job/failed'));
        if (!end) throw new Error(`job ${jobId} has not ended; events: ${JSON.stringify(events)}`);
        return end;
      }, WAIT);
    return { ...page, events, port: port2, finished };
  }
  return { host, relayedEvents, loadWindow };
}

describe('window ↔ core over a MessagePort (real preload and core bundles)', () => {
  it('registers a model with calls and job events skipping main; a reload gets a fresh port to the same core', async () => {
    requireBuild();
    const ws = tempDir();
    try {
      const desktop = startDesktop(ws.dir);
      expect(await desktop.host.ready).toBe(true);
      const win = await desktop.loadWindow(1);
      const started = await win.bridge.call('models/add', { path: path.join(MODELS, 'tiny_mlp.onnx'), name: 'tiny' });
      expect(started).toMatchObject({ ok: true, result: { jobId: expect.any(String) } });
      const jobId = (started as { result: { jobId: string } }).result.jobId;
      expect(await win.finished(jobId)).toMatchObject({
        type: 'job/finished',
        result: { name: 'tiny', created: true },
      });
      expect(win.events.map((e) => e.type)[0]).toBe('job/started');
      // Main carried nothing: no relayed call, no relayed event.
      expect(win.invoke).not.toHaveBeenCalled();
      expect(desktop.relayedEvents).toEqual([]);
      // Malformed messages on the port are dropped by the core; the next call on it is still answered.
      for (const junk of [
        null,
        'call',
        { type: 'call', id: 'x', method: 42 },
        { type: 'call', id: 9, method: 'x'.repeat(500) },
      ])
        win.port.postMessage(junk);
      await expect(win.bridge.call('models/list', {})).resolves.toMatchObject({ ok: true, result: [{ name: 'tiny' }] });

      const reloaded = await desktop.loadWindow(1);
      await expect(reloaded.bridge.call('models/list', {})).resolves.toMatchObject({
        ok: true,
        result: [expect.objectContaining({ name: 'tiny' })],
      });
      await expect(reloaded.bridge.call('models/drop-table', {})).resolves.toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_METHOD' },
      });
      expect(reloaded.invoke).not.toHaveBeenCalled();
      desktop.host.stop();
    } finally {
      ws.cleanup();
    }
  });

  it('events go back to main’s relay when the only window closes its port, a call on a dying core fails as data, and a restarted core gets a fresh port', async () => {
    requireBuild();
    const ws = tempDir();
    try {
      const desktop = startDesktop(ws.dir);
      expect(await desktop.host.ready).toBe(true);
      const win = await desktop.loadWindow(1);
      // The window went away: the core's end sees 'close' long before the job below ends.
      win.port.close();
      const started = await desktop.host.call('models/add', { path: path.join(MODELS, 'tiny_mlp.onnx'), name: 't2' });
      const jobId = (started as { result: { jobId: string } }).result.jobId;
      await vi.waitFor(() => {
        if (!desktop.relayedEvents.some((e) => e.jobId === jobId && e.type === 'job/finished'))
          throw new Error(`main has not relayed job/finished: ${JSON.stringify(desktop.relayedEvents)}`);
      }, WAIT);

      const next = await desktop.loadWindow(2);
      const pending = next.bridge.call('models/list', {});
      live[0].kill(); // the core's worker dies before it can answer ...
      next.handPort([]); // ... and main revokes the port (main-wiring.test.ts): the call fails instead of hanging
      await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'CHILD_CRASHED' } });

      // Restart: a fresh core on the same workspace, and the reloaded page gets a port to it.
      const restarted = startDesktop(ws.dir);
      expect(await restarted.host.ready).toBe(true);
      const reloaded = await restarted.loadWindow(2);
      await expect(reloaded.bridge.call('models/list', {})).resolves.toMatchObject({
        ok: true,
        result: [expect.objectContaining({ name: 't2' })],
      });
      expect(reloaded.invoke).not.toHaveBeenCalled();
      restarted.host.stop();
    } finally {
      ws.cleanup();
    }
  });
});
