import type { ErrorData } from './errors';
import type { CoreEvent } from './events';

// The desktop bridge (`window.preflight`): what the preload exposes and what the renderer reads. It
// lives here, in the layer both sides may import, so the preload never depends on the UI's folder.
// shared/ has neither DOM nor Node types: a dropped file is described by the part of a DOM File used.

/** A file the user picked or dropped (a DOM File satisfies this). */
export interface PickedFile {
  readonly name: string;
  readonly size: number;
}

export type BridgeOutcome<T = unknown> = { ok: true; result: T } | { ok: false; error: ErrorData };

export interface PreflightBridge {
  call(method: string, args: unknown): Promise<BridgeOutcome>;
  subscribe(listener: (event: CoreEvent) => void): () => void;
  /** The real path of a file the user picked or dropped (Electron's webUtils.getPathForFile). */
  pathForFile(file: PickedFile): string;
  /** Desktop only: application-menu commands, e.g. File → Open Model… → { type: 'open-model', paths }. */
  onMenuCommand?(listener: (command: { type: string; paths?: string[] }) => void): () => void;
  /** Desktop only: saves a file the core produced through the native save dialog (null result: cancelled). */
  saveFile?(fileId: string): Promise<BridgeOutcome<string | null>>;
}
