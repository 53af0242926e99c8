import type { CoreEvent } from '../../shared/contract/events';
import type { DispatchOutcome } from './api';

// Messages between Electron's main process and the core running in a utilityProcess. Model children
// are started by main on the core's behalf (utilityProcess.fork is main-only; runAsNode is fused off).
export type MainToCore =
  | { type: 'init'; workspaceDir: string }
  | { type: 'call'; id: number; method: string; args: unknown }
  | { type: 'child-message'; childId: number; message: unknown }
  | { type: 'child-exit'; childId: number; code: number | null }
  /** Carries (in the message's ports) one end of a MessageChannel whose other end main gave a window. */
  | { type: 'renderer-port'; windowId: number };

export type CoreToMain =
  | { type: 'ready' }
  | { type: 'init-failed'; message: string }
  | { type: 'reply'; id: number; outcome: DispatchOutcome }
  /** Only while no window holds a port: main relays it over IPC (the fallback path). */
  | { type: 'event'; event: CoreEvent }
  | { type: 'child-spawn'; childId: number }
  | { type: 'child-send'; childId: number; message: unknown }
  | { type: 'child-kill'; childId: number };

// The direct channel between a window's preload and the core (a MessagePort main handed to both):
// contract calls and their replies, and every core event, without passing through main.
export type WindowToCore = { type: 'call'; id: number; method: string; args: unknown };
export type CoreToWindow =
  { type: 'reply'; id: number; outcome: DispatchOutcome } | { type: 'event'; event: CoreEvent };

/** Method names are short `domain/verb` strings; anything longer is refused before dispatch. */
export const MAX_METHOD_NAME_LENGTH = 100;

/** A well-formed call from a window; anything else arriving on a port is dropped. */
export function isWindowCall(value: unknown): value is WindowToCore {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<WindowToCore>;
  return (
    m.type === 'call' &&
    Number.isSafeInteger(m.id) &&
    typeof m.method === 'string' &&
    m.method.length <= MAX_METHOD_NAME_LENGTH
  );
}
