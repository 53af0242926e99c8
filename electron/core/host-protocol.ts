import type { CoreEvent } from '../../shared/contract/events';
import type { DispatchOutcome } from './api';

// Messages between Electron's main process and the core running in a utilityProcess. Model children
// are started by main on the core's behalf (utilityProcess.fork is main-only; runAsNode is fused off).
export type MainToCore =
  | { type: 'init'; workspaceDir: string }
  | { type: 'call'; id: number; method: string; args: unknown }
  | { type: 'child-message'; childId: number; message: unknown }
  | { type: 'child-exit'; childId: number; code: number | null };

export type CoreToMain =
  | { type: 'ready' }
  | { type: 'init-failed'; message: string }
  | { type: 'reply'; id: number; outcome: DispatchOutcome }
  | { type: 'event'; event: CoreEvent }
  | { type: 'child-spawn'; childId: number }
  | { type: 'child-send'; childId: number; message: unknown }
  | { type: 'child-kill'; childId: number };
