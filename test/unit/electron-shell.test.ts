// The Electron shell without Electron: IPC checks, the preload's allow-list (the real bundle, run
// against a fake 'electron'), window security settings, navigation/permission hardening, and the
// packaging config validated against electron-builder's own schema.
import { build } from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { hardenSession, hardenWebContents } from '../../electron/main/harden';
import { registerIpc, type IpcInvokeEventLike, type IpcMainLike } from '../../electron/main/ipc';
import { menuTemplate } from '../../electron/main/menu';
import { CONTENT_SECURITY_POLICY, isAppUrl, secureWebPreferences } from '../../electron/main/security';
import { BRIDGE_KEYS, CHANNELS, type DesktopBridge } from '../../electron/preload/channels';
import { ROOT } from '../helpers/workspace';

const require = createRequire(import.meta.url);
const appFrame = (url = 'app://preflight/index.html', parent: unknown = null): IpcInvokeEventLike => ({
  senderFrame: { url, parent },
});

function fakeIpc() {
  const handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => unknown>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const invoke = (channel: string, event: IpcInvokeEventLike, ...args: unknown[]) =>
    Promise.resolve(handlers.get(channel)!(event, ...args));
  return { ipc, handlers, invoke };
}

describe('IPC registration', () => {
  const setup = () => {
    const call = vi.fn(async (_method: string, args: unknown) => ({ ok: true as const, result: { echoed: args } }));
    const openFiles = vi.fn(async () => ['/models/a.onnx']);
    const fake = fakeIpc();
    const unregister = registerIpc(fake.ipc, { call, openFiles });
    return { ...fake, call, openFiles, unregister };
  };

  it('forwards a contract method from the app window to the core', async () => {
    const { invoke, call } = setup();
    const outcome = await invoke(CHANNELS.call, appFrame(), 'models/list', {});
    expect(outcome).toEqual({ ok: true, result: { echoed: {} } });
    expect(call).toHaveBeenCalledWith('models/list', {});
  });

  it('refuses calls from a foreign page, a sub-frame or a destroyed frame', async () => {
    const { invoke, call } = setup();
    for (const event of [
      appFrame('https://evil.example/'),
      appFrame('file:///tmp/x.html'),
      appFrame('app://other/index.html'),
      appFrame(undefined, { url: 'app://preflight/' }),
      { senderFrame: null },
    ]) {
      const outcome = (await invoke(CHANNELS.call, event, 'models/list', {})) as {
        ok: boolean;
        error?: { code: string };
      };
      expect(outcome).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(call).not.toHaveBeenCalled();
  });

  it('refuses method names that are not in the contract', async () => {
    const { invoke, call } = setup();
    for (const method of ['models/drop-table', '__proto__', 'toString', 42, '', 'x'.repeat(500)]) {
      const outcome = await invoke(CHANNELS.call, appFrame(), method, {});
      expect(outcome).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
    expect(call).not.toHaveBeenCalled();
  });

  it('opens the native dialog only for the app window and known kinds; unregisters cleanly', async () => {
    const { invoke, openFiles, unregister, handlers } = setup();
    await expect(invoke(CHANNELS.openFiles, appFrame(), 'model')).resolves.toEqual(['/models/a.onnx']);
    await expect(invoke(CHANNELS.openFiles, appFrame('https://evil.example/'), 'model')).rejects.toThrow(/refused/);
    await expect(invoke(CHANNELS.openFiles, appFrame(), '/etc')).rejects.toThrow(/unknown kind/);
    expect(openFiles).toHaveBeenCalledTimes(1);
    unregister();
    expect(handlers.size).toBe(0);
  });
});

describe('preload bundle', () => {
  /** Bundles the preload exactly like scripts/build.mjs and runs it with a fake 'electron'. */
  async function loadPreload() {
    const out = await build({
      entryPoints: [path.join(ROOT, 'electron/preload/preload.ts')],
      bundle: true,
      format: 'cjs',
      platform: 'browser',
      target: 'node20',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    const code = out.outputFiles[0].text;
    const exposed: Record<string, unknown> = {};
    const ipcListeners = new Map<string, (event: unknown, value: unknown) => void>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
      ipcRenderer: {
        invoke: vi.fn(async (...args: unknown[]) => ({ ok: true, result: args })),
        on: (channel: string, l: (e: unknown, v: unknown) => void) => void ipcListeners.set(channel, l),
      },
      webUtils: { getPathForFile: vi.fn(() => '/home/u/model.onnx') },
    };
    // A sandboxed preload can require 'electron' only: anything else fails here as it would there.
    const sandboxRequire = (name: string) => {
      if (name === 'electron') return electron;
      throw new Error(`sandboxed preload cannot require ${name}`);
    };
    new Function('require', 'module', 'exports', code)(sandboxRequire, { exports: {} }, {});
    return { code, exposed, electron, ipcListeners };
  }

  it('exposes exactly the allow-listed functions as window.preflight, and no raw ipcRenderer', async () => {
    const { exposed, code } = await loadPreload();
    expect(Object.keys(exposed)).toEqual(['preflight']);
    const bridge = exposed.preflight as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual([...BRIDGE_KEYS].sort());
    for (const key of BRIDGE_KEYS) expect(typeof bridge[key]).toBe('function');
    expect([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
  });

  it('checks argument types before anything crosses to main', async () => {
    const { exposed, electron } = await loadPreload();
    const bridge = exposed.preflight as DesktopBridge;
    await expect(bridge.call('models/list', { a: 1 })).resolves.toEqual({
      ok: true,
      result: [CHANNELS.call, 'models/list', { a: 1 }],
    });
    await expect(bridge.call(42 as unknown as string, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGUMENTS' },
    });
    await expect(bridge.openFiles('../../etc' as 'model')).rejects.toThrow(/unknown kind/);
    await expect(bridge.openFiles('dataset')).resolves.toMatchObject({
      ok: true,
      result: [CHANNELS.openFiles, 'dataset'],
    });
    expect(() => bridge.pathForFile(null as unknown as File)).toThrow(TypeError);
    expect(bridge.pathForFile({} as File)).toBe('/home/u/model.onnx');
    expect(() => bridge.subscribe('not a function' as never)).toThrow(TypeError);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(2);
  });

  it('delivers core events without the IPC event object, and unsubscribes', async () => {
    const { exposed, ipcListeners } = await loadPreload();
    const bridge = exposed.preflight as DesktopBridge;
    const seen: unknown[][] = [];
    const unsubscribe = bridge.subscribe((...args: unknown[]) => void seen.push(args));
    const event = { type: 'job/started', jobId: 'j1', method: 'models/add' };
    ipcListeners.get(CHANNELS.event)!({ sender: 'secret ipc internals' }, event);
    unsubscribe();
    ipcListeners.get(CHANNELS.event)!({}, event);
    expect(seen).toEqual([[event]]);
  });
});

describe('window security', () => {
  it('webPreferences isolate, sandbox and keep Node out of the page', () => {
    const prefs = secureWebPreferences('/app/dist/electron/preload.cjs', { devTools: false });
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
      preload: '/app/dist/electron/preload.cjs',
    });
  });

  it('the CSP allows only the app itself: no eval, no remote origins, no plugins or framing', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*|wasm-unsafe/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(isAppUrl('app://preflight/models')).toBe(true);
    for (const url of ['app://preflight.evil/', 'https://preflight/', 'file:///index.html', 'not a url'])
      expect(isAppUrl(url)).toBe(false);
  });

  it('navigation away from the app and new windows are refused; https links open in the OS browser', () => {
    const on = new Map<string, (event: { preventDefault(): void; url?: string }, url?: string) => void>();
    let openHandler: (details: { url: string }) => unknown = () => null;
    const contents = {
      on: (name: string, l: never) => void on.set(name, l),
      setWindowOpenHandler: (h: never) => void (openHandler = h),
    };
    const openExternal = vi.fn();
    hardenWebContents(contents as never, openExternal);
    const navigate = (name: string, url: string) => {
      const event = { url, preventDefault: vi.fn() };
      on.get(name)!(event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('will-navigate', 'app://preflight/index.html#/bench')).toBe(false);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-navigate', 'https://docs.example/onnx')).toBe(true);
    expect(navigate('will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    expect(navigate('will-attach-webview', 'app://preflight/')).toBe(true);
    expect(openHandler({ url: 'https://github.com/onnx/onnx' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'file:///bin/sh' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls.map((c) => c[0])).toEqual([
      'https://docs.example/onnx',
      'https://github.com/onnx/onnx',
    ]);
  });

  it('permission requests and checks are denied, except clipboard writes by the app itself', () => {
    const handlers: Record<string, (...args: unknown[]) => unknown> = {};
    const session = new Proxy(
      {},
      { get: (_t, name: string) => (h: (...args: unknown[]) => unknown) => void (handlers[name] = h) },
    );
    hardenSession(session as never);
    const requested = (permission: string, requestingUrl?: string) => {
      const callback = vi.fn();
      handlers.setPermissionRequestHandler({}, permission, callback, { requestingUrl });
      return callback.mock.calls[0][0];
    };
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'fileSystem',
    ]) {
      expect(requested(permission, 'app://preflight/index.html'), permission).toBe(false);
      expect(handlers.setPermissionCheckHandler({}, permission, 'app://preflight', {}), permission).toBe(false);
    }
    expect(requested('clipboard-sanitized-write', 'app://preflight/index.html')).toBe(true);
    expect(requested('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(requested('clipboard-sanitized-write')).toBe(false);
    expect(handlers.setPermissionCheckHandler({}, 'clipboard-sanitized-write', 'app://preflight', {})).toBe(true);
    expect(handlers.setDevicePermissionHandler({ deviceType: 'usb' })).toBe(false);
  });

  it('the menu offers Open Model… and hides devtools in packaged builds', () => {
    const openModel = vi.fn();
    const template = menuTemplate({ openModel, showWorkspaceFolder: () => {} }, { isMac: false, devTools: false });
    const items = template.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : []));
    const open = items.find((i) => i.label === 'Open Model…');
    (open!.click as () => void)();
    expect(openModel).toHaveBeenCalled();
    expect(items.some((i) => i.role === 'toggleDevTools')).toBe(false);
  });
});

describe('bundles', () => {
  it('main bundles to CommonJS with electron and the native modules left external', async () => {
    const out = await build({
      entryPoints: [path.join(ROOT, 'electron/main/main.ts')],
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      external: ['better-sqlite3', 'onnxruntime-node', 'electron'],
      loader: { '.sql': 'text' },
      write: false,
      logLevel: 'silent',
    });
    const code = out.outputFiles[0].text;
    expect(code).toContain('require("electron")');
    // node_modules/electron/index.js (which downloads the binary) must never end up inside the app.
    expect(code).not.toMatch(/path\.txt|Downloading Electron|better_sqlite3\.node/);
  });
});

describe('electron-builder.yml', () => {
  const config = (require('js-yaml') as { load(text: string): Record<string, any> }).load(
    fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8'),
  );

  it('is valid against electron-builder’s own JSON schema', () => {
    const Ajv = require('ajv') as new (o: object) => {
      compile(s: object): ((d: unknown) => boolean) & { errors?: unknown };
    };
    const validate = new Ajv({ allErrors: true, strict: false }).compile(
      JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')),
    );
    const ok = validate(config);
    expect(validate.errors ?? null).toBeNull();
    expect(ok).toBe(true);
  });

  it('passes electron-builder’s own configuration check', async () => {
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      getConfig(projectDir: string, configPath: string, options: null): Promise<object>;
      validateConfiguration(config: object, debug: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    const loaded = await getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null);
    await expect(validateConfiguration(loaded, { isEnabled: false, add: () => {} })).resolves.toBeUndefined();
  });

  it('keeps the app whitelist in every platform section (a platform `files` replaces the global one)', () => {
    const others = { linux: ['darwin', 'win32'], win: ['darwin', 'linux'], mac: ['linux', 'win32'] } as const;
    for (const [platform, excluded] of Object.entries(others)) {
      const files = config[platform].files as string[];
      expect(files.slice(0, config.files.length), platform).toEqual(config.files);
      expect(files, platform).toContain(`!**/node_modules/onnxruntime-node/bin/napi-v6/{${excluded.join(',')}}/**`);
    }
  });

  it('sets the security fuses, unpacks native code and points at the bundled main', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(
      // dist/native: the row writer (a SQLite extension) and the CSV scanner, loaded from beside app.asar
      expect.arrayContaining(['**/*.node', '**/node_modules/onnxruntime-node/bin/**', 'dist/native/**']),
    );
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(config.extraMetadata.main).toBe(pkg.main);
    expect(config.productName).toBe('Preflight');
    expect(config.npmRebuild).toBe(true);
    expect([config.linux.target, config.win.target, config.mac.target]).toEqual([
      ['AppImage', 'deb'],
      ['nsis'],
      ['dmg'],
    ]);
  });
});
