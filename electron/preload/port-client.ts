// The preload's end of the window↔core MessagePort. A MessagePort cannot cross contextBridge, so the
// preload keeps it and the page only ever sees call/subscribe. While no port is held (the first
// moments of a load, or after the core died) `call` answers null and the preload uses main's relay.
import type { BridgeOutcome } from '../../shared/contract/bridge';
import type { CoreEvent } from '../../shared/contract/events';
import type { CoreToWindow, WindowToCore } from '../core/host-protocol';

/** The part of a DOM MessagePort used here (Node's MessagePort fits too: tests use it). */
export interface PortLike {
  postMessage(message: WindowToCore): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
  close(): void;
}

export interface PortClient {
  /** Takes the port main handed over, replacing any earlier one; undefined: the core is gone. */
  adopt(port: PortLike | undefined): void;
  /** Sends a call over the port; null when no port is held (the caller falls back to main's relay). */
  call(method: string, args: unknown): Promise<BridgeOutcome> | null;
}

export function createPortClient(onEvent: (event: CoreEvent) => void): PortClient {
  let port: PortLike | null = null;
  let nextId = 1;
  const pending = new Map<number, (outcome: BridgeOutcome) => void>();
  const onMessage = ({ data }: { data: unknown }) => {
    const message = data as CoreToWindow | null;
    if (message?.type === 'reply') {
      pending.get(message.id)?.(message.outcome);
      pending.delete(message.id);
    } else if (message?.type === 'event') {
      onEvent(message.event);
    }
  };

  return {
    adopt(next) {
      if (port) {
        port.removeEventListener('message', onMessage);
        port.close();
      }
      // Calls sent on the old port can no longer be answered: say so instead of leaving them hanging.
      for (const resolve of pending.values())
        resolve({
          ok: false,
          error: { code: 'CHILD_CRASHED', message: 'the Preflight core stopped before answering; try again' },
        });
      pending.clear();
      port = next ?? null;
      port?.addEventListener('message', onMessage);
      port?.start();
    },
    call(method, args) {
      if (!port) return null;
      const id = nextId++;
      try {
        port.postMessage({ type: 'call', id, method, args });
      } catch (err) {
        // Arguments that cannot be structured-cloned (a function, a DOM node): an error as data.
        const message = err instanceof Error ? err.message : String(err);
        return Promise.resolve({ ok: false, error: { code: 'BAD_ARGUMENTS', message: `${method}: ${message}` } });
      }
      return new Promise((resolve) => pending.set(id, resolve));
    },
  };
}
