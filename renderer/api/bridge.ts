import type { ErrorData } from '../../shared/contract/errors';
import type { CoreEvent } from '../../shared/contract/events';

/**
 * The Electron preload bridge (`window.preflight`). Read through `getBridge()` rather than a global
 * `Window` augmentation so this file and the preload's own declarations never clash.
 */
export interface PreflightBridge {
  call(method: string, args: unknown): Promise<{ ok: true; result: unknown } | { ok: false; error: ErrorData }>;
  subscribe(listener: (event: CoreEvent) => void): () => void;
  /** The real path of a file the user picked or dropped (Electron's webUtils.getPathForFile). */
  pathForFile(file: File): string;
  /** Desktop only: application-menu commands, e.g. File → Open Model… → { type: 'open-model', paths }. */
  onMenuCommand?(listener: (command: { type: string; paths?: string[] }) => void): () => void;
  /** Desktop only: saves a file the core produced through the native save dialog (null result: cancelled). */
  saveFile?(fileId: string): Promise<{ ok: true; result: string | null } | { ok: false; error: ErrorData }>;
}

export function getBridge(): PreflightBridge | null {
  const candidate = (globalThis as { preflight?: PreflightBridge }).preflight;
  return candidate && typeof candidate.call === 'function' ? candidate : null;
}
