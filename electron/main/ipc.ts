// IPC between the window and main. Takes a structural IpcMainLike (like Bruno's SQLite package), so
// it is tested without Electron. Every call is checked twice before it reaches the core: the sender
// must be the app's own top-level page, and the method must be in the contract. The core then
// validates the arguments against the method's schema.
import type { ErrorData } from '../../shared/contract/errors';
import { isMethodName } from '../../shared/contract/methods';
import type { DispatchOutcome } from '../core/api';
import { CHANNELS, MAX_METHOD_NAME_LENGTH, isOpenFilesKind, type OpenFilesKind } from '../preload/channels';
import { isAppUrl } from './security';

/** The part of an IpcMainInvokeEvent checked here. `parent` is null for a top-level frame. */
export interface IpcInvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcDeps {
  /** Forwards a contract call to the core (utilityProcess). */
  call(method: string, args: unknown): Promise<DispatchOutcome>;
  /** Shows the native open dialog for the window that asked. */
  openFiles(kind: OpenFilesKind, event: IpcInvokeEventLike): Promise<string[]>;
}

const refused = (code: ErrorData['code'], message: string): DispatchOutcome => ({
  ok: false,
  error: { code, message },
});

/**
 * Only the app's own page may call: the top-level frame, on app://preflight/. A frame that navigated
 * elsewhere, an embedded frame or a destroyed frame (senderFrame null) is refused.
 */
export function isTrustedSender(event: IpcInvokeEventLike): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame !== undefined && frame.parent === null && isAppUrl(frame.url);
}

export function registerIpc(ipc: IpcMainLike, deps: IpcDeps): () => void {
  ipc.handle(CHANNELS.call, async (event, method, args) => {
    if (!isTrustedSender(event))
      return refused('FORBIDDEN', 'IPC call refused: it did not come from the Preflight window');
    if (typeof method !== 'string' || method.length > MAX_METHOD_NAME_LENGTH || !isMethodName(method)) {
      return refused(
        'UNKNOWN_METHOD',
        `unknown method ${typeof method === 'string' ? method.slice(0, MAX_METHOD_NAME_LENGTH) : typeof method}`,
      );
    }
    try {
      return await deps.call(method, args ?? {});
    } catch (err) {
      // Only when the message can't cross to the core (e.g. args that can't be cloned): still data, not a throw.
      return refused('BAD_ARGUMENTS', `${method}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });

  ipc.handle(CHANNELS.openFiles, async (event, kind) => {
    if (!isTrustedSender(event)) throw new Error('dialog refused: it did not come from the Preflight window');
    if (!isOpenFilesKind(kind)) throw new Error('dialog refused: unknown kind');
    return deps.openFiles(kind, event);
  });

  return () => {
    ipc.removeHandler(CHANNELS.call);
    ipc.removeHandler(CHANNELS.openFiles);
  };
}
