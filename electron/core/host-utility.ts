// Entry point of the core inside Electron's utilityProcess: the UI process never runs SQLite or
// onnxruntime, and a crash here does not take the window down. Windows talk to it directly over a
// MessagePort main hands out ('renderer-port'): calls, replies and events skip main entirely. Main's
// relay ('call'/'reply'/'event' on parentPort) is only the fallback while no window holds a port.
import type { CoreEvent } from '../../shared/contract/events';
import { createCore, type Core, type DispatchOutcome } from './api';
import { toErrorData } from './errors';
import { isWindowCall, type CoreToMain, type CoreToWindow, type MainToCore } from './host-protocol';
import type { ChildPort, Launcher } from './jobs/launcher';

/** The part of Electron's MessagePortMain used here. */
interface PortMain {
  postMessage(message: CoreToWindow): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  start(): void;
  close(): void;
}
interface ParentPort {
  postMessage(message: CoreToMain): void;
  on(event: 'message', listener: (e: { data: MainToCore; ports?: PortMain[] }) => void): void;
}
const parent = (process as unknown as { parentPort: ParentPort }).parentPort;

const children = new Map<
  number,
  { onMessage: ((m: unknown) => void)[]; onExit: ((code: number | null, signal: string | null) => void)[] }
>();
let nextChild = 1;

const electronLauncher: Launcher = (): ChildPort => {
  const childId = nextChild++;
  const entry = {
    onMessage: [] as ((m: unknown) => void)[],
    onExit: [] as ((c: number | null, s: string | null) => void)[],
  };
  children.set(childId, entry);
  parent.postMessage({ type: 'child-spawn', childId });
  return {
    send: (message) => parent.postMessage({ type: 'child-send', childId, message }),
    onMessage: (l) => void entry.onMessage.push(l),
    onExit: (l) => void entry.onExit.push(l),
    kill: () => parent.postMessage({ type: 'child-kill', childId }),
  };
};

let core: Core | null = null;
/** One port per window; a reloaded window gets a fresh one, which replaces (and closes) the old. */
const windows = new Map<number, PortMain>();

const NOT_OPEN: DispatchOutcome = {
  ok: false,
  error: { code: 'WORKSPACE_ERROR', message: 'the workspace is not open' },
};
const dispatch = (method: string, args: unknown) => (core ? core.dispatch(method, args) : Promise.resolve(NOT_OPEN));

function broadcast(event: CoreEvent): void {
  if (windows.size === 0) return parent.postMessage({ type: 'event', event });
  for (const port of windows.values()) port.postMessage({ type: 'event', event });
}

function adoptWindowPort(windowId: number, port: PortMain | undefined): void {
  if (!port) return;
  windows.get(windowId)?.close();
  windows.set(windowId, port);
  port.on('message', async ({ data }) => {
    // The page is untrusted content: a malformed message is dropped; the method and its arguments
    // are checked by dispatch against the contract, as for every host.
    if (!isWindowCall(data)) return;
    port.postMessage({ type: 'reply', id: data.id, outcome: await dispatch(data.method, data.args) });
  });
  port.on('close', () => {
    if (windows.get(windowId) === port) windows.delete(windowId);
  });
  port.start();
}

parent.on('message', async ({ data, ports }) => {
  if (data.type === 'init') {
    try {
      core = createCore({ workspaceDir: data.workspaceDir, launcher: electronLauncher });
      core.onEvent(broadcast);
      parent.postMessage({ type: 'ready' });
    } catch (err) {
      parent.postMessage({ type: 'init-failed', message: toErrorData(err).message });
    }
  } else if (data.type === 'renderer-port') {
    adoptWindowPort(data.windowId, ports?.[0]);
  } else if (data.type === 'call') {
    parent.postMessage({ type: 'reply', id: data.id, outcome: await dispatch(data.method, data.args) });
  } else if (data.type === 'child-message') {
    children.get(data.childId)?.onMessage.forEach((l) => l(data.message));
  } else if (data.type === 'child-exit') {
    children.get(data.childId)?.onExit.forEach((l) => l(data.code, null));
    children.delete(data.childId);
  }
});
