// Runs the real bundle dist/electron/main.cjs against a fake 'electron' module: what main does before
// and after 'ready', how it wires the window, the protocol, IPC and the core, and how it recovers when
// the core dies. Stands in for a launch on machines without the Electron binary.
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ROOT } from '../helpers/workspace';

type Listener = (...args: any[]) => any;
class Emitter {
  listeners = new Map<string, Listener[]>();
  on(event: string, l: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), l]);
    return this;
  }
  once(event: string, l: Listener) {
    return this.on(event, l);
  }
  emit(event: string, ...args: unknown[]) {
    return (this.listeners.get(event) ?? []).map((l) => l(...args));
  }
}
class FakeProcess extends Emitter {
  sent: any[] = [];
  /** The transfer list of each message that carried one, by index into `sent`. */
  transfers = new Map<number, unknown[]>();
  constructor(readonly modulePath: string) {
    super();
  }
  postMessage(m: unknown, transfer?: unknown[]) {
    if (transfer) this.transfers.set(this.sent.length, transfer);
    this.sent.push(m);
  }
  kill() {
    return true;
  }
}

/** Stands in for a MessagePortMain: only its identity matters to main. */
class FakePort {}

function fakeElectron() {
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const log: string[] = [];
  const forks: FakeProcess[] = [];
  const windows: any[] = [];
  const ipcHandlers = new Map<string, Listener>();
  let menu: any[] = [];
  const app = Object.assign(new Emitter(), {
    isPackaged: true,
    commandLine: { getSwitchValue: () => '' },
    getPath: (name: string) => `/fake/${name}`,
    setPath: (name: string, value: string) => log.push(`setPath ${name} ${value}`),
    enableSandbox: () => log.push('enableSandbox'),
    requestSingleInstanceLock: () => (log.push('lock'), true),
    whenReady: () => ready,
    isReady: () => true,
    quit: vi.fn(),
    exit: vi.fn(),
  });
  const channels: { port1: FakePort; port2: FakePort }[] = [];
  class MessageChannelMain {
    port1 = new FakePort();
    port2 = new FakePort();
    constructor() {
      channels.push(this);
    }
  }
  class BrowserWindow extends Emitter {
    webContents = Object.assign(new Emitter(), {
      id: 41,
      url: 'app://preflight/index.html',
      send: vi.fn(),
      postMessage: vi.fn(),
      getURL() {
        return this.url;
      },
      isDestroyed: () => false,
      reload: vi.fn(),
    });
    loadURL = vi.fn(async () => {});
    constructor(readonly options: any) {
      super();
      windows.push(this);
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    focus = vi.fn();
    restore = vi.fn();
    show = vi.fn();
    static getAllWindows = () => windows;
  }
  const electron = {
    app,
    BrowserWindow,
    MessageChannelMain,
    protocol: {
      registerSchemesAsPrivileged: (s: unknown) => log.push(`privileged ${JSON.stringify(s)}`),
      handle: vi.fn(),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      },
    },
    ipcMain: {
      handle: (c: string, l: Listener) => void ipcHandlers.set(c, l),
      removeHandler: (c: string) => void ipcHandlers.delete(c),
    },
    Menu: { buildFromTemplate: (t: any[]) => t, setApplicationMenu: (t: any[]) => void (menu = t) },
    dialog: {
      showMessageBox: vi.fn(async () => ({ response: 0 })),
      showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/models/a.onnx'] })),
      showSaveDialog: vi.fn(async (): Promise<{ canceled: boolean; filePath?: string }> => ({ canceled: true })),
      showErrorBox: vi.fn(),
    },
    shell: { openExternal: vi.fn(), openPath: vi.fn() },
    utilityProcess: {
      fork: (modulePath: string) => {
        const p = new FakeProcess(modulePath);
        forks.push(p);
        return p;
      },
    },
  };
  return { electron, markReady, log, forks, windows, ipcHandlers, channels, menu: () => menu };
}

const argv = process.argv;
afterEach(() => void (process.argv = argv));

async function runMain(args: string[]) {
  const bundle = path.join(ROOT, 'dist/electron/main.cjs');
  if (!fs.existsSync(bundle)) throw new Error('dist/electron/main.cjs missing: run `npm run build` first');
  const fake = fakeElectron();
  const realRequire = createRequire(bundle);
  process.argv = ['/opt/Preflight/preflight', ...args];
  const module = { exports: {} };
  new Function('require', 'module', 'exports', '__dirname', '__filename', fs.readFileSync(bundle, 'utf8'))(
    (name: string) => (name === 'electron' ? fake.electron : realRequire(name)),
    module,
    module.exports,
    path.dirname(bundle),
    bundle,
  );
  const beforeReady = [...fake.log];
  fake.markReady();
  await new Promise((resolve) => setImmediate(resolve));
  return { ...fake, beforeReady };
}

describe('main process wiring (fake electron, real bundle)', () => {
  it('prepares before ready: userData, sandbox, single-instance lock, privileged app:// scheme', async () => {
    const { beforeReady } = await runMain([]);
    expect(beforeReady[0]).toBe(`setPath userData ${path.join('/fake/appData', 'Preflight')}`);
    expect(beforeReady).toContain('enableSandbox');
    expect(beforeReady).toContain('lock');
    const privileged = beforeReady.find((l) => l.startsWith('privileged'))!;
    expect(JSON.parse(privileged.slice('privileged '.length))).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
  });

  it('opens one sandboxed window on app://, starts the core on the chosen workspace, and relays IPC and events until a port is held', async () => {
    const { windows, forks, ipcHandlers, electron } = await runMain(['--workspace', '/tmp/ws-from-flag']);
    expect(windows).toHaveLength(1);
    const win = windows[0];
    expect(win.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: false,
      preload: path.join(ROOT, 'dist/electron/preload.cjs'),
    });
    expect(win.loadURL).toHaveBeenCalledWith('app://preflight/index.html');
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(forks[0].modulePath).toBe(path.join(ROOT, 'dist/electron/core-host.cjs'));
    expect(forks[0].sent[0]).toEqual({ type: 'init', workspaceDir: path.resolve('/tmp/ws-from-flag') });

    const frame = { senderFrame: { url: 'app://preflight/index.html', parent: null } };
    const reply = ipcHandlers.get('preflight:call')!(frame, 'models/list', {});
    expect(forks[0].sent[1]).toEqual({ type: 'call', id: 1, method: 'models/list', args: {} });
    forks[0].emit('message', { type: 'reply', id: 1, outcome: { ok: true, result: [] } });
    await expect(reply).resolves.toEqual({ ok: true, result: [] });

    const event = { type: 'job/started', jobId: 'j1', method: 'models/add' };
    forks[0].emit('message', { type: 'event', event });
    expect(win.webContents.send).toHaveBeenCalledWith('preflight:event', event);

    forks[0].emit('message', { type: 'child-spawn', childId: 1 });
    expect(forks[1].modulePath).toBe(path.join(ROOT, 'dist/electron/child.cjs'));
  });

  it('when the core dies: a dialog, then a fresh core on the same workspace and a reloaded page', async () => {
    const { forks, windows, electron } = await runMain(['--workspace=/tmp/ws2']);
    forks[0].emit('exit', 139);
    await new Promise((resolve) => setImmediate(resolve));
    expect(electron.dialog.showMessageBox).toHaveBeenCalledWith(
      windows[0],
      expect.objectContaining({ message: 'The Preflight core stopped unexpectedly', buttons: ['Restart', 'Quit'] }),
    );
    expect(forks).toHaveLength(2);
    expect(forks[1].sent[0]).toEqual({ type: 'init', workspaceDir: path.resolve('/tmp/ws2') });
    expect(windows[0].webContents.reload).toHaveBeenCalled();
  });

  it('every page load hands the window and the core the two ends of a fresh channel', async () => {
    const { windows, forks, channels } = await runMain(['--workspace=/tmp/ws3']);
    const contents = windows[0].webContents;
    const portMessages = () => forks[0].sent.flatMap((m, i) => (m.type === 'renderer-port' ? [{ m, i }] : []));
    expect(portMessages()).toEqual([]); // nothing before the page has loaded

    for (const load of [1, 2]) {
      contents.emit('did-finish-load');
      expect(channels).toHaveLength(load);
      const { port1, port2 } = channels[load - 1];
      const handed = portMessages()[load - 1];
      expect(handed.m).toEqual({ type: 'renderer-port', windowId: 41 });
      expect(forks[0].transfers.get(handed.i)).toEqual([port1]);
      expect(contents.postMessage).toHaveBeenLastCalledWith('preflight:port', null, [port2]);
    }
    expect(channels[0].port1).not.toBe(channels[1].port1); // a reload never reuses a port
  });

  it('a page that navigated away from app:// gets no port', async () => {
    const { windows, forks } = await runMain([]);
    windows[0].webContents.url = 'https://evil.example/';
    windows[0].webContents.emit('did-finish-load');
    expect(windows[0].webContents.postMessage).not.toHaveBeenCalled();
    expect(forks[0].sent.some((m) => m.type === 'renderer-port')).toBe(false);
  });

  it('when the core dies the page loses its port, and the reload hands it one to the fresh core', async () => {
    const { forks, windows, channels } = await runMain(['--workspace=/tmp/ws4']);
    const contents = windows[0].webContents;
    contents.emit('did-finish-load');
    forks[0].emit('exit', 139);
    // Revoked at once (an empty transfer list), so calls waiting on the dead core fail instead of hanging.
    expect(contents.postMessage).toHaveBeenLastCalledWith('preflight:port', null, []);
    await new Promise((resolve) => setImmediate(resolve));
    expect(forks).toHaveLength(2);
    expect(contents.reload).toHaveBeenCalled();
    contents.emit('did-finish-load'); // what the reload leads to
    const i = forks[1].sent.findIndex((m) => m.type === 'renderer-port');
    expect(forks[1].sent[i]).toEqual({ type: 'renderer-port', windowId: 41 });
    expect(forks[1].transfers.get(i)).toEqual([channels[1].port1]);
    expect(contents.postMessage).toHaveBeenLastCalledWith('preflight:port', null, [channels[1].port2]);
    expect(forks[0].sent.filter((m) => m.type === 'renderer-port')).toHaveLength(1); // none to the dead core
  });

  it('File → Open Model… hands the chosen paths to the page; a second launch focuses the window', async () => {
    const { menu, windows, electron, ipcHandlers } = await runMain([]);
    const items = menu().flatMap((m: any) => (Array.isArray(m.submenu) ? m.submenu : []));
    items.find((i: any) => i.label === 'Open Model…').click();
    await new Promise((resolve) => setImmediate(resolve));
    expect(electron.dialog.showOpenDialog).toHaveBeenCalledWith(
      windows[0],
      expect.objectContaining({ filters: expect.arrayContaining([{ name: 'ONNX models', extensions: ['onnx'] }]) }),
    );
    expect(windows[0].webContents.send).toHaveBeenCalledWith('preflight:menu', {
      type: 'open-model',
      paths: ['/models/a.onnx'],
    });
    electron.app.emit('second-instance');
    expect(windows[0].focus).toHaveBeenCalled();
    await expect(
      ipcHandlers.get('dialog/open-files')!({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'model'),
    ).rejects.toThrow(/refused/);
  });

  it('dialog/save-file: asks the core for the produced file, shows the save dialog on the window, copies it there', async () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-wiring-'));
    try {
      const id = '0a1b2c3d-0000-4000-8000-00000000abcd';
      const file = path.join(ws, 'produced', id, 'demo-1.bundle.zip');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, 'zip bytes');
      const { forks, windows, ipcHandlers, electron } = await runMain([`--workspace=${ws}`]);
      const dest = path.join(ws, 'chosen.zip');
      electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: dest });
      const reply = ipcHandlers.get('dialog/save-file')!(
        { senderFrame: { url: 'app://preflight/index.html', parent: null } },
        id,
      );
      expect(forks[0].sent[1]).toEqual({ type: 'call', id: 1, method: 'files/info', args: { id } });
      forks[0].emit('message', {
        type: 'reply',
        id: 1,
        outcome: {
          ok: true,
          result: {
            id,
            name: 'demo-1.bundle.zip',
            kind: 'bundle',
            mediaType: 'application/zip',
            path: file,
            bytes: 9,
            sha256: '',
            createdAt: '',
          },
        },
      });
      await expect(reply).resolves.toEqual({ ok: true, result: dest });
      expect(electron.dialog.showSaveDialog).toHaveBeenCalledWith(
        windows[0],
        expect.objectContaining({
          defaultPath: path.join('/fake/downloads', 'demo-1.bundle.zip'),
          filters: [
            { name: 'Zip archives', extensions: ['zip'] },
            { name: 'All files', extensions: ['*'] },
          ],
        }),
      );
      expect(fs.readFileSync(dest, 'utf8')).toBe('zip bytes');
      await expect(
        ipcHandlers.get('dialog/save-file')!({ senderFrame: { url: 'https://evil.example/', parent: null } }, id),
      ).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });
});
