// The bridge between the sandboxed page and the main process. Sandboxed preloads may only
// require('electron'), so this is bundled to one CommonJS file with 'electron' left external.
// Exposes an allow-list of functions — never ipcRenderer itself — and checks every argument type,
// because the page is treated as untrusted content.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { CoreEvent } from '../../shared/contract/events';
import {
  CHANNELS,
  MAX_METHOD_NAME_LENGTH,
  isOpenFilesKind,
  isProducedFileId,
  type DesktopBridge,
  type MenuCommand,
  type OpenFilesKind,
} from './channels';

type CallOutcome = Awaited<ReturnType<DesktopBridge['call']>>;

/** One IPC listener per channel, fanned out here: many subscribers don't pile up listeners in ipcRenderer. */
function fanOut<T>(channel: string): (listener: (value: T) => void) => () => void {
  const listeners = new Set<(value: T) => void>();
  // The IpcRendererEvent is dropped: it carries a sender object the page must never see.
  ipcRenderer.on(channel, (_event: IpcRendererEvent, value: T) => {
    for (const listener of listeners) {
      try {
        listener(value);
      } catch (err) {
        console.error(`preflight: a ${channel} listener threw`, err);
      }
    }
  });
  return (listener) => {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
}

const subscribeEvents = fanOut<CoreEvent>(CHANNELS.event);
const subscribeMenu = fanOut<MenuCommand>(CHANNELS.menu);

const bridge: DesktopBridge = {
  call(method: string, args: unknown): Promise<CallOutcome> {
    if (typeof method !== 'string' || method.length === 0 || method.length > MAX_METHOD_NAME_LENGTH) {
      return Promise.resolve({
        ok: false,
        error: { code: 'BAD_ARGUMENTS', message: 'method must be a non-empty string' },
      });
    }
    return ipcRenderer.invoke(CHANNELS.call, method, args ?? {}) as Promise<CallOutcome>;
  },
  subscribe: (listener) => subscribeEvents(listener),
  pathForFile(file: File): string {
    // webUtils itself throws for anything that is not a File; this gives the page a clearer message first.
    if (typeof file !== 'object' || file === null)
      throw new TypeError('pathForFile expects a File from a drop or a file input');
    return webUtils.getPathForFile(file);
  },
  openFiles(kind: OpenFilesKind = 'any'): Promise<string[]> {
    if (!isOpenFilesKind(kind)) return Promise.reject(new TypeError(`openFiles: unknown kind ${String(kind)}`));
    return ipcRenderer.invoke(CHANNELS.openFiles, kind) as Promise<string[]>;
  },
  onMenuCommand: (listener) => subscribeMenu(listener),
  saveFile(fileId: string) {
    if (!isProducedFileId(fileId))
      return Promise.resolve({
        ok: false as const,
        error: { code: 'BAD_ARGUMENTS' as const, message: 'saveFile expects a produced-file id' },
      });
    return ipcRenderer.invoke(CHANNELS.saveFile, fileId) as ReturnType<DesktopBridge['saveFile']>;
  },
};

contextBridge.exposeInMainWorld('preflight', bridge);
