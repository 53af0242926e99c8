// Runs the core in a utilityProcess, hands it the windows' MessagePorts (calls and events then flow
// between window and core without main), and relays the model children it asks for. The core can't start
// processes itself (utilityProcess.fork is main-only, and runAsNode is fused off so child_process.fork
// of the Electron binary is impossible), so main forks dist/node/child.mjs for each 'child-spawn' and
// relays messages both ways. `fork` is injected: tests drive this with fake or Node-backed processes.
import type { ErrorData } from '../../shared/contract/errors';
import type { CoreEvent } from '../../shared/contract/events';
import type { DispatchOutcome } from '../core/api';
import type { CoreToMain, MainToCore } from '../core/host-protocol';
import { childTempDir } from '../core/jobs/child-temp';

/** The part of Electron's UtilityProcess used here. */
export interface UtilityProcessLike {
  /** `transfer`: MessagePortMains that move to the utility process with the message. */
  postMessage(message: unknown, transfer?: unknown[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'error', listener: (type: string, location: string, report: string) => void): unknown;
  kill(): boolean;
}

export type ForkUtility = (
  modulePath: string,
  args: string[],
  options: { serviceName: string; env?: NodeJS.ProcessEnv },
) => UtilityProcessLike;

export type CoreFailure = { kind: 'init-failed'; message: string } | { kind: 'exited'; code: number };

export interface CoreHostOptions {
  fork: ForkUtility;
  coreEntry: string;
  childEntry: string;
  workspaceDir: string;
  onEvent(event: CoreEvent): void;
  /** The core could not open the workspace, or its process ended without being asked to. */
  onFailure(failure: CoreFailure): void;
}

export interface CoreHost {
  /** Main's relay: the fallback used while a window holds no port, and by main's own calls (save-file). */
  call(method: string, args: unknown): Promise<DispatchOutcome>;
  /**
   * Gives the core one end of a window's channel (a MessagePortMain); the window gets the other.
   * A later port for the same window replaces the earlier one. False when the core is gone.
   */
  connectWindow(port: unknown, windowId: number): boolean;
  /** Resolves once the workspace is open; resolves false when the core failed to start. */
  readonly ready: Promise<boolean>;
  stop(): void;
}

const CRASHED: ErrorData = {
  code: 'CHILD_CRASHED',
  message: 'the Preflight core stopped unexpectedly; restart it to continue',
};

export function startCoreHost(options: CoreHostOptions): CoreHost {
  const core = options.fork(options.coreEntry, [], { serviceName: 'Preflight core' });
  const pending = new Map<number, (outcome: DispatchOutcome) => void>();
  const children = new Map<number, UtilityProcessLike>();
  let nextCallId = 1;
  let stopped = false;
  let exited = false;
  let settleReady: (ok: boolean) => void = () => {};
  const ready = new Promise<boolean>((resolve) => (settleReady = resolve));
  const send = (message: MainToCore, transfer?: unknown[]) => {
    if (exited) return;
    if (transfer) core.postMessage(message, transfer);
    else core.postMessage(message);
  };

  function spawnChild(childId: number): void {
    // Native scratch files (onnxruntime's mat-debug logs) go to a folder removed when the child exits.
    const temp = childTempDir();
    const child = options.fork(options.childEntry, [], { serviceName: 'Preflight model runner', env: temp.env });
    children.set(childId, child);
    child.on('message', (message) => send({ type: 'child-message', childId, message }));
    child.on('exit', (code) => {
      temp.remove();
      children.delete(childId);
      send({ type: 'child-exit', childId, code });
    });
    // A FatalError is followed by 'exit'; the listener only keeps EventEmitter from throwing in main.
    child.on('error', (type, location) => console.error(`preflight: model runner ${childId} ${type} at ${location}`));
  }

  core.on('message', (raw) => {
    const message = raw as CoreToMain;
    switch (message.type) {
      case 'ready':
        return settleReady(true);
      case 'init-failed':
        settleReady(false);
        return options.onFailure({ kind: 'init-failed', message: message.message });
      case 'reply':
        pending.get(message.id)?.(message.outcome);
        return void pending.delete(message.id);
      case 'event':
        return options.onEvent(message.event);
      case 'child-spawn':
        return spawnChild(message.childId);
      case 'child-send':
        return children.get(message.childId)?.postMessage(message.message);
      case 'child-kill':
        return void children.get(message.childId)?.kill();
    }
  });

  core.on('exit', (code) => {
    exited = true;
    settleReady(false);
    for (const resolve of pending.values()) resolve({ ok: false, error: CRASHED });
    pending.clear();
    // The children belong to the dead core: nobody is left to read their results.
    for (const child of children.values()) child.kill();
    children.clear();
    if (!stopped) options.onFailure({ kind: 'exited', code });
  });
  core.on('error', (type, location) => console.error(`preflight: core ${type} at ${location}`));

  send({ type: 'init', workspaceDir: options.workspaceDir });

  return {
    ready,
    call(method, args) {
      if (exited) return Promise.resolve({ ok: false, error: CRASHED });
      const id = nextCallId++;
      return new Promise<DispatchOutcome>((resolve) => {
        pending.set(id, resolve);
        send({ type: 'call', id, method, args });
      });
    },
    connectWindow(port, windowId) {
      if (exited) return false;
      send({ type: 'renderer-port', windowId }, [port]);
      return true;
    },
    stop() {
      stopped = true;
      for (const child of children.values()) child.kill();
      children.clear();
      if (!exited) core.kill();
    },
  };
}

/** The words of the dialog shown when the core fails; names the fix for the common native-module mismatch. */
export function describeFailure(failure: CoreFailure): { message: string; detail: string } {
  if (failure.kind === 'exited') {
    return {
      message: 'The Preflight core stopped unexpectedly',
      detail: `Its process exited with code ${failure.code}. Jobs that were running are lost; the workspace on disk is intact. Restart the core to continue.`,
    };
  }
  const abi = /NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(failure.message);
  return {
    message: 'Preflight could not open its workspace',
    detail: abi
      ? `${failure.message}\n\nThe native modules were built for Node.js, not for Electron. Run "npx electron-builder install-app-deps" and start again.`
      : failure.message,
  };
}
