// The preload's end of the window↔core MessagePort: the port client on its own (a real Node
// MessageChannel stands in for the DOM one), then the real preload bundle against a fake 'electron'
// that hands it a port the way main does (ipcRenderer 'preflight:port' with event.ports).
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CoreEvent } from '../../shared/contract/events';
import type { CoreToWindow, WindowToCore } from '../../electron/core/host-protocol';
import { CHANNELS } from '../../electron/preload/channels';
import { createPortClient, type PortLike } from '../../electron/preload/port-client';
import { loadPreload } from './preload-harness';

const open: MessagePort[] = [];
afterEach(() => open.splice(0).forEach((p) => p.close()));

/** A channel whose far end plays the core: `answer` decides each reply (undefined: never answers). */
function coreEnd(answer: (call: WindowToCore) => CoreToWindow | undefined = (c) => reply(c.id, c.method)) {
  const { port1, port2 } = new MessageChannel();
  open.push(port1, port2);
  const calls: WindowToCore[] = [];
  port1.on('message', (call: WindowToCore) => {
    calls.push(call);
    const out = answer(call);
    if (out) port1.postMessage(out);
  });
  const emit = (event: CoreEvent) => port1.postMessage({ type: 'event', event } satisfies CoreToWindow);
  return { window: port2 as unknown as PortLike, core: port1, calls, emit };
}
const reply = (id: number, result: unknown): CoreToWindow => ({ type: 'reply', id, outcome: { ok: true, result } });
const progressed = (i: number): CoreEvent => ({
  type: 'job/progressed',
  jobId: 'j1',
  method: 'bench/start',
  progress: { fraction: i / 10, message: `run ${i}` },
});
const nextEvent = (events: CoreEvent[], n: number) =>
  vi.waitFor(() => {
    if (events.length < n) throw new Error(`waiting for event ${n}`);
  });

describe('port client', () => {
  it('answers null until a port is held, so the preload can fall back to main', () => {
    const client = createPortClient(() => {});
    expect(client.call('models/list', {})).toBeNull();
    client.adopt(coreEnd().window);
    expect(client.call('models/list', {})).not.toBeNull();
    client.adopt(undefined); // revoked: the core died
    expect(client.call('models/list', {})).toBeNull();
  });

  it('matches replies to calls by id even when the core answers out of order, and delivers events in order', async () => {
    const held: WindowToCore[] = [];
    const end = coreEnd((call) => void held.push(call) as undefined);
    const events: CoreEvent[] = [];
    const client = createPortClient((e) => events.push(e));
    client.adopt(end.window);
    const first = client.call('models/list', { n: 1 })!;
    const second = client.call('datasets/list', { n: 2 })!;
    await vi.waitFor(() => expect(held).toHaveLength(2));
    end.core.postMessage(reply(held[1].id, 'second'));
    end.core.postMessage(reply(held[0].id, 'first'));
    await expect(second).resolves.toEqual({ ok: true, result: 'second' });
    await expect(first).resolves.toEqual({ ok: true, result: 'first' });
    expect(held.map((c) => [c.method, c.args])).toEqual([
      ['models/list', { n: 1 }],
      ['datasets/list', { n: 2 }],
    ]);
    for (let i = 1; i <= 10; i++) end.emit(progressed(i));
    await nextEvent(events, 10);
    expect(events.map((e) => (e.type === 'job/progressed' ? e.progress.message : e.type))).toEqual(
      Array.from({ length: 10 }, (_, i) => `run ${i + 1}`),
    );
  });

  it('a call whose arguments cannot be cloned fails as BAD_ARGUMENTS data, not a throw', async () => {
    const client = createPortClient(() => {});
    client.adopt(coreEnd().window);
    await expect(client.call('models/add', { path: () => 'x' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGUMENTS', message: expect.stringContaining('models/add') },
    });
  });

  it('a fresh port (or a revoked one) fails the calls still waiting on the old port, and the old port goes quiet', async () => {
    const silent = coreEnd(() => undefined);
    const events: CoreEvent[] = [];
    const client = createPortClient((e) => events.push(e));
    client.adopt(silent.window);
    const waiting = client.call('models/list', {})!;
    const fresh = coreEnd();
    client.adopt(fresh.window);
    await expect(waiting).resolves.toMatchObject({ ok: false, error: { code: 'CHILD_CRASHED' } });
    await expect(client.call('models/list', {})).resolves.toEqual({ ok: true, result: 'models/list' });
    silent.emit(progressed(1)); // the old port was closed: nothing arrives from it
    fresh.emit(progressed(2));
    await nextEvent(events, 1);
    expect(events).toEqual([progressed(2)]);
  });
});

describe('preload bundle with a port', () => {
  it('calls and events go over the port once main hands one; before that and after a revoke, over IPC', async () => {
    const { bridge, invoke, handPort } = await loadPreload();
    const events: CoreEvent[] = [];
    bridge.subscribe((e) => events.push(e));
    await expect(bridge.call('models/list', {})).resolves.toEqual({
      ok: true,
      result: [CHANNELS.call, 'models/list', {}],
    });
    expect(invoke).toHaveBeenCalledTimes(1);

    const end = coreEnd();
    handPort([end.window]);
    await expect(bridge.call('datasets/list', { a: 1 })).resolves.toEqual({ ok: true, result: 'datasets/list' });
    expect(end.calls).toEqual([{ type: 'call', id: 1, method: 'datasets/list', args: { a: 1 } }]);
    end.emit(progressed(3));
    await nextEvent(events, 1);
    expect(events).toEqual([progressed(3)]);
    expect(invoke).toHaveBeenCalledTimes(1); // nothing more went through main

    handPort([]); // the core died: main revokes the port
    await bridge.call('models/list', {});
    expect(invoke).toHaveBeenCalledTimes(2);
  });
});
