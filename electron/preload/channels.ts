// The only IPC channels between the window and the main process. The preload refuses anything else,
// and main registers handlers for these names only. No 'electron' import: main, preload and tests share it.
import type { PreflightBridge } from '../../shared/contract/bridge';
import { MAX_METHOD_NAME_LENGTH } from '../core/host-protocol';

export const CHANNELS = {
  /** renderer → main (invoke): one contract method call, relayed to the core while the window holds no port. */
  call: 'preflight:call',
  /**
   * main → renderer (postMessage): the window's MessagePort to the core in `event.ports[0]`; calls and
   * events then skip main. No port: the core is gone, fall back to the relay below.
   */
  port: 'preflight:port',
  /** main → renderer: a core event, relayed only while the window holds no port. */
  event: 'preflight:event',
  /** renderer → main (invoke): the native open dialog; answers the chosen absolute paths. */
  openFiles: 'dialog/open-files',
  /** main → renderer: an application-menu command the page should act on. */
  menu: 'preflight:menu',
  /** renderer → main (invoke): save a file the core produced (by id) through the native save dialog. */
  saveFile: 'dialog/save-file',
} as const;

/** What the open dialog is for; main maps it to file-type filters. */
export const OPEN_FILE_KINDS = ['model', 'dataset', 'any'] as const;
export type OpenFilesKind = (typeof OPEN_FILE_KINDS)[number];

export function isOpenFilesKind(value: unknown): value is OpenFilesKind {
  return typeof value === 'string' && (OPEN_FILE_KINDS as readonly string[]).includes(value);
}

/** A produced file's id (files/info's rule): the only thing the page sends to have a file saved. */
export function isProducedFileId(value: unknown): value is string {
  return typeof value === 'string' && /^[a-f0-9-]{8,64}$/.test(value);
}

/** Menu commands the page receives; "Open Model…" runs the dialog in main and hands over the paths. */
export type MenuCommand = { type: 'open-model'; paths: string[] };

/** Method names are short `domain/verb` strings; anything else never leaves the preload. */
export { MAX_METHOD_NAME_LENGTH };

/**
 * Everything the preload exposes as window.preflight: what the renderer reads (shared/contract/bridge.ts,
 * checked here at compile time) plus the native open dialog and menu commands.
 */
export interface DesktopBridge extends PreflightBridge {
  /** Shows the native open dialog; resolves to the chosen absolute paths ([] when cancelled). */
  openFiles(kind?: OpenFilesKind): Promise<string[]>;
  /** Application-menu commands (File → Open Model…); returns the function that unsubscribes. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Saves a produced file through the native save dialog: the saved path, or null when cancelled. */
  saveFile(fileId: string): ReturnType<NonNullable<PreflightBridge['saveFile']>>;
}

/** The exact keys of window.preflight; tests hold the preload to this list. */
export const BRIDGE_KEYS = [
  'call',
  'subscribe',
  'pathForFile',
  'openFiles',
  'onMenuCommand',
  'saveFile',
] as const satisfies readonly (keyof DesktopBridge)[];
