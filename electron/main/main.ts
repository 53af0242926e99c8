// Electron main process: the shell only — one window, the menu, native dialogs, and the core running
// in a utilityProcess. No SQL and no domain logic here; every capability goes through the contract.
// The window and the core talk over a MessagePort handed out here (window-port.ts); the IPC relay
// below only serves a page that holds no port yet, and main's own calls (save-file).
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  MessageChannelMain,
  protocol,
  session,
  shell,
  utilityProcess,
} from 'electron';
import path from 'node:path';
import type { CoreEvent } from '../../shared/contract/events';
import { CHANNELS, type MenuCommand, type OpenFilesKind } from '../preload/channels';
import { desktopWorkspaceDir } from './args';
import { describeFailure, startCoreHost, type CoreFailure, type CoreHost } from './core-host';
import { hardenSession, hardenWebContents } from './harden';
import { registerIpc } from './ipc';
import { registerSaveFile, saveFilters } from './save-file';
import { dialogFilters, menuTemplate } from './menu';
import { createRendererHandler } from './protocol';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, secureWebPreferences } from './security';
import { handWindowPort, revokeWindowPort } from './window-port';

// Bundled to dist/electron/main.cjs: the other build outputs sit beside it under dist/.
const DIST = path.resolve(__dirname, '..');
const PRELOAD = path.join(__dirname, 'preload.cjs');
// CommonJS bundles (scripts/build.mjs): Electron loads them from app.asar without its ESM loader.
const CORE_ENTRY = path.join(__dirname, 'core-host.cjs');
const CHILD_ENTRY = path.join(__dirname, 'child.cjs');
const RENDERER_ROOT = path.join(DIST, 'renderer');
const devTools = !app.isPackaged;
const openExternal = (url: string) => shell.openExternal(url);

let win: BrowserWindow | null = null;
let host: CoreHost | null = null;
let workspaceDir = '';

// "Preflight" (not the npm name) so the default workspace matches the CLI's (core/workspace/location.ts).
// An explicit --user-data-dir=DIR (tests, a second profile) wins.
const userDataSwitch = app.commandLine.getSwitchValue('user-data-dir');
app.setPath('userData', userDataSwitch ? path.resolve(userDataSwitch) : path.join(app.getPath('appData'), 'Preflight'));
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('before-quit', () => host?.stop());
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox('Preflight could not start', err instanceof Error ? err.message : String(err));
      app.exit(1);
    });
}

function start(): void {
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createRendererHandler(RENDERER_ROOT));
  workspaceDir = desktopWorkspaceDir(process.argv, process.env, app.getPath('userData'));
  startCore();
  registerIpc(ipcMain, {
    call: (method, args) => host!.call(method, args),
    openFiles: (kind) => showOpenDialog(kind),
  });
  registerSaveFile(ipcMain, { call: (method, args) => host!.call(method, args), workspaceDir, showSaveDialog });
  const actions = {
    openModel: () => void openModelFromMenu(),
    showWorkspaceFolder: () => void shell.openPath(workspaceDir),
  };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate(actions, { isMac: process.platform === 'darwin', devTools })),
  );
  createWindow();
}

function startCore(): void {
  host = startCoreHost({
    fork: (modulePath, args, options) => utilityProcess.fork(modulePath, args, { ...options, stdio: 'inherit' }),
    coreEntry: CORE_ENTRY,
    childEntry: CHILD_ENTRY,
    workspaceDir,
    onEvent: (event: CoreEvent) => sendToWindow(CHANNELS.event, event),
    onFailure: (failure) => void offerRestart(failure),
  });
}

/** The core died or could not open the workspace: say so, and offer a fresh core (or quit). */
async function offerRestart(failure: CoreFailure): Promise<void> {
  revokeWindowPort(win?.webContents);
  const { message, detail } = describeFailure(failure);
  const options = {
    type: 'error' as const,
    title: 'Preflight',
    message,
    detail,
    buttons: ['Restart', 'Quit'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  };
  const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  if (response !== 0) return app.quit();
  host?.stop();
  startCore();
  // The page reloads so it re-reads state from the fresh core instead of waiting on lost jobs; the
  // load that follows hands it a port to the new core.
  win?.webContents.reload();
}

function createWindow(): void {
  win = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Preflight',
    webPreferences: secureWebPreferences(PRELOAD, { devTools }),
  });
  win.once('ready-to-show', () => win?.show());
  // Every load (first, reload, reload onto a restarted core) runs a fresh preload: it gets a fresh port.
  win.webContents.on('did-finish-load', () => {
    if (win) handWindowPort(win.webContents, host, () => new MessageChannelMain());
  });
  win.on('closed', () => (win = null));
  void win.loadURL(APP_ENTRY_URL);
}

function sendToWindow(channel: string, payload: CoreEvent | MenuCommand): void {
  if (win && !win.isDestroyed()) win.webContents.send(channel, payload);
}

async function showOpenDialog(kind: OpenFilesKind): Promise<string[]> {
  const options = {
    properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[],
    filters: dialogFilters(kind),
  };
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

async function showSaveDialog(file: { name: string; mediaType: string }): Promise<string | null> {
  let folder = '';
  try {
    folder = app.getPath('downloads');
  } catch {
    /* no Downloads folder on this system: the dialog starts where the OS likes */
  }
  const options = {
    defaultPath: folder ? path.join(folder, file.name) : file.name,
    filters: saveFilters(file.name, file.mediaType),
    properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[],
  };
  const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

async function openModelFromMenu(): Promise<void> {
  const paths = await showOpenDialog('model');
  if (paths.length > 0) sendToWindow(CHANNELS.menu, { type: 'open-model', paths });
}
