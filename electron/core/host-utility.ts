// Entry point of the core inside Electron's utilityProcess: the UI process never runs SQLite or
// onnxruntime, and a crash here does not take the window down.
import { createCore, type Core } from './api';
import { toErrorData } from './errors';
import type { CoreToMain, MainToCore } from './host-protocol';
import type { ChildPort, Launcher } from './jobs/launcher';

interface ParentPort {
  postMessage(message: CoreToMain): void;
  on(event: 'message', listener: (e: { data: MainToCore }) => void): void;
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

parent.on('message', async ({ data }) => {
  if (data.type === 'init') {
    try {
      core = createCore({ workspaceDir: data.workspaceDir, launcher: electronLauncher });
      core.onEvent((event) => parent.postMessage({ type: 'event', event }));
      parent.postMessage({ type: 'ready' });
    } catch (err) {
      parent.postMessage({ type: 'init-failed', message: toErrorData(err).message });
    }
  } else if (data.type === 'call') {
    const outcome = core
      ? await core.dispatch(data.method, data.args)
      : { ok: false as const, error: { code: 'WORKSPACE_ERROR' as const, message: 'the workspace is not open' } };
    parent.postMessage({ type: 'reply', id: data.id, outcome });
  } else if (data.type === 'child-message') {
    children.get(data.childId)?.onMessage.forEach((l) => l(data.message));
  } else if (data.type === 'child-exit') {
    children.get(data.childId)?.onExit.forEach((l) => l(data.code, null));
    children.delete(data.childId);
  }
});
