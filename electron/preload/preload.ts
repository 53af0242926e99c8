// The bridge between the sandboxed page and the main process. Sandboxed preloads may only
// require('electron'), so this is bundled to one CommonJS file with 'electron' left external.
// Exposes an allow-list of functions — never ipcRenderer itself — and checks every argument type,
// because the page is treated as untrusted content. Contract calls and core events travel over the
// MessagePort main hands out (port-client.ts); main's IPC relay serves only while none is held.
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
import { createPortClient, type PortLike } from './port-client';

type CallOutcome = Awaited<ReturnType<DesktopBridge['call']>>;

/** One listener per source, fanned out here: many subscribers don't pile up listeners in ipcRenderer. */
function fanOut<T>(name: string) {
  const listeners = new Set<(value: T) => void>();
  const emit = (value: T) => {
    for (const listener of listeners) {
      try {
        listener(value);
      } catch (err) {
        console.error(`preflight: a ${name} listener threw`, err);
      }
    }
  };
  const subscribe = (listener: (value: T) => void) => {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return { emit, subscribe };
}

const events = fanOut<CoreEvent>('core event');
const menu = fanOut<MenuCommand>('menu command');
const port = createPortClient(events.emit);
// The IpcRendererEvent is dropped: it carries a sender object the page must never see.
ipcRenderer.on(CHANNELS.event, (_event: IpcRendererEvent, value: CoreEvent) => events.emit(value));
ipcRenderer.on(CHANNELS.menu, (_event: IpcRendererEvent, value: MenuCommand) => menu.emit(value));
ipcRenderer.on(CHANNELS.port, (event: IpcRendererEvent) => port.adopt(event.ports?.[0] as PortLike | undefined));

const bridge: DesktopBridge = {
  call(method: string, args: unknown): Promise<CallOutcome> {
    if (typeof method !== 'string' || method.length === 0 || method.length > MAX_METHOD_NAME_LENGTH) {
      return Promise.resolve({
        ok: false,
        error: { code: 'BAD_ARGUMENTS', message: 'method must be a non-empty string' },
      });
    }
    return (
      port.call(method, args ?? {}) ?? (ipcRenderer.invoke(CHANNELS.call, method, args ?? {}) as Promise<CallOutcome>)
    );
  },
  subscribe: (listener) => events.subscribe(listener),
  pathForFile(file): string {
    // webUtils itself throws for anything that is not a File; this gives the page a clearer message first.
    if (typeof file !== 'object' || file === null)
      throw new TypeError('pathForFile expects a File from a drop or a file input');
    return webUtils.getPathForFile(file as File);
  },
  openFiles(kind: OpenFilesKind = 'any'): Promise<string[]> {
    if (!isOpenFilesKind(kind)) return Promise.reject(new TypeError(`openFiles: unknown kind ${String(kind)}`));
    return ipcRenderer.invoke(CHANNELS.openFiles, kind) as Promise<string[]>;
  },
  onMenuCommand: (listener) => menu.subscribe(listener),
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
