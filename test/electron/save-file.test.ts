// The desktop "save a produced file" path without Electron: the dialog/save-file handler (sender and id
// checks, files/info through the core, the produced/ folder rule, cancel, atomic copy) and the
// preload's saveFile (the real bundle against a fake 'electron').
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcInvokeEventLike, IpcMainLike } from '../../electron/main/ipc';
import { registerSaveFile, saveFilters, type SaveFileOutcome } from '../../electron/main/save-file';
import { CHANNELS, type DesktopBridge } from '../../electron/preload/channels';
import { ROOT } from '../helpers/workspace';

const ID = '3f2a9c1e-7b4d-4e0a-9c55-0a1b2c3d4e5f';
const appFrame = (url = 'app://preflight/index.html', parent: unknown = null): IpcInvokeEventLike => ({
  senderFrame: { url, parent },
});

let workspace: string;
let elsewhere: string;
beforeEach(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-save-ws-'));
  elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-save-out-'));
  fs.mkdirSync(path.join(workspace, 'produced', ID), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'produced', ID, 'm-1.bundle.zip'), 'PK zip bytes');
});
afterEach(() => {
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.rmSync(elsewhere, { recursive: true, force: true });
});

function setup(options: { path?: string; dest?: string | null; found?: boolean } = {}) {
  const handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => unknown>();
  const ipc: IpcMainLike = { handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) };
  const file = {
    id: ID,
    name: 'm-1.bundle.zip',
    kind: 'bundle',
    bytes: 12,
    sha256: 'x',
    createdAt: '',
    mediaType: 'application/zip',
    path: options.path ?? path.join(workspace, 'produced', ID, 'm-1.bundle.zip'),
  };
  const call = vi.fn(async (_method: string, _args: unknown) =>
    options.found === false
      ? {
          ok: false as const,
          error: { code: 'NOT_FOUND' as const, message: `no produced file ${ID} in this workspace` },
        }
      : { ok: true as const, result: file },
  );
  const showSaveDialog = vi.fn(async () =>
    options.dest === undefined ? path.join(elsewhere, 'saved.zip') : options.dest,
  );
  const unregister = registerSaveFile(ipc, { call, workspaceDir: workspace, showSaveDialog });
  const save = (event: IpcInvokeEventLike, id: unknown) =>
    Promise.resolve(handlers.get(CHANNELS.saveFile)!(event, id)) as Promise<SaveFileOutcome>;
  return { handlers, call, showSaveDialog, unregister, save };
}

describe('dialog/save-file (main)', () => {
  it('asks the core what the id is, shows the save dialog with its name and copies it there', async () => {
    const { save, call, showSaveDialog } = setup();
    await expect(save(appFrame(), ID)).resolves.toEqual({ ok: true, result: path.join(elsewhere, 'saved.zip') });
    expect(call).toHaveBeenCalledWith('files/info', { id: ID });
    expect(showSaveDialog).toHaveBeenCalledWith({ name: 'm-1.bundle.zip', mediaType: 'application/zip' }, appFrame());
    expect(fs.readFileSync(path.join(elsewhere, 'saved.zip'), 'utf8')).toBe('PK zip bytes');
    expect(fs.readdirSync(elsewhere)).toEqual(['saved.zip']); // no partial file left beside it
  });

  it('answers null and writes nothing when the user cancels', async () => {
    const { save } = setup({ dest: null });
    await expect(save(appFrame(), ID)).resolves.toEqual({ ok: true, result: null });
    expect(fs.readdirSync(elsewhere)).toEqual([]);
  });

  it('refuses a foreign page, a sub-frame or a destroyed frame before asking the core', async () => {
    const { save, call, showSaveDialog } = setup();
    for (const event of [
      appFrame('https://evil.example/'),
      appFrame(undefined, { url: 'app://preflight/' }),
      { senderFrame: null },
    ]) {
      await expect(save(event, ID)).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(call).not.toHaveBeenCalled();
    expect(showSaveDialog).not.toHaveBeenCalled();
  });

  it('refuses anything but a produced-file id (paths, traversal, non-strings)', async () => {
    const { save, call } = setup();
    for (const id of ['/etc/passwd', '../../x', 'ABCDEF12', '', 42, null, { id: ID }, 'a'.repeat(65)]) {
      await expect(save(appFrame(), id)).resolves.toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
    }
    expect(call).not.toHaveBeenCalled();
  });

  it("passes the core's NOT_FOUND through as data; no dialog", async () => {
    const { save, showSaveDialog } = setup({ found: false });
    await expect(save(appFrame(), ID)).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(showSaveDialog).not.toHaveBeenCalled();
  });

  it('never copies a file outside <workspace>/produced/, even when the record says so (plain path or symlink)', async () => {
    const secret = path.join(elsewhere, 'secret.txt');
    fs.writeFileSync(secret, 'secret');
    const link = path.join(workspace, 'produced', ID, 'link.zip');
    fs.symlinkSync(secret, link);
    for (const p of [
      secret,
      path.join(workspace, 'produced', ID, '..', '..', 'preflight.db'),
      link,
      path.join(workspace, 'produced'),
    ]) {
      const { save, showSaveDialog } = setup({ path: p });
      await expect(save(appFrame(), ID)).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(showSaveDialog).not.toHaveBeenCalled();
    }
  });

  it('reports a destination it cannot write as an error, leaving no partial file', async () => {
    const { save } = setup({ dest: path.join(elsewhere, 'no-such-folder', 'saved.zip') });
    const outcome = await save(appFrame(), ID);
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGUMENTS', message: expect.stringMatching(/could not save saved\.zip/) },
    });
    expect(fs.readdirSync(elsewhere)).toEqual([]);
  });

  it('unregisters its channel; offers the file type as the first filter', () => {
    const { handlers, unregister } = setup();
    expect([...handlers.keys()]).toEqual(['dialog/save-file']);
    unregister();
    expect(handlers.size).toBe(0);
    expect(saveFilters('m-1.bundle.zip', 'application/zip')).toEqual([
      { name: 'Zip archives', extensions: ['zip'] },
      { name: 'All files', extensions: ['*'] },
    ]);
  });
});

describe('preload saveFile', () => {
  it('sends only a well-formed id over dialog/save-file', async () => {
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
    const exposed: Record<string, unknown> = {};
    const invoke = vi.fn(async (...args: unknown[]) => ({ ok: true, result: args }));
    const electron = {
      contextBridge: { exposeInMainWorld: (k: string, api: unknown) => void (exposed[k] = api) },
      ipcRenderer: { invoke, on: () => {} },
      webUtils: { getPathForFile: () => '' },
    };
    new Function('require', 'module', 'exports', out.outputFiles[0].text)(
      (name: string) => (name === 'electron' ? electron : undefined),
      { exports: {} },
      {},
    );
    const bridge = exposed.preflight as DesktopBridge;
    await expect(bridge.saveFile(ID)).resolves.toEqual({ ok: true, result: [CHANNELS.saveFile, ID] });
    for (const bad of ['../../etc/passwd', '', 7 as unknown as string])
      await expect(bridge.saveFile(bad)).resolves.toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
    expect(invoke).toHaveBeenCalledTimes(1);
  });
});

describe('renderer saveProducedFile on the desktop bridge', () => {
  afterEach(() => void delete (globalThis as { preflight?: unknown }).preflight);
  const bridge = (saveFile?: (id: string) => Promise<unknown>) => ({
    call: async () => ({ ok: true, result: null }),
    subscribe: () => () => {},
    pathForFile: () => '',
    ...(saveFile ? { saveFile } : {}),
  });

  it('sends the id through the bridge and answers the saved path, or null when cancelled', async () => {
    const { saveProducedFile } = await import('../../renderer/api/save-file');
    const saveFile = vi.fn(async (id: string) => ({ ok: true, result: id === ID ? '/home/u/m-1.bundle.zip' : null }));
    (globalThis as { preflight?: unknown }).preflight = bridge(saveFile);
    await expect(saveProducedFile(ID, 'm-1.bundle.zip')).resolves.toBe('/home/u/m-1.bundle.zip');
    await expect(saveProducedFile('00000000-aaaa', 'x.zip')).resolves.toBeNull();
    expect(saveFile).toHaveBeenCalledWith(ID);
  });

  it("turns main's error into a PreflightError with its code; an old bridge without saveFile says so", async () => {
    const { saveProducedFile } = await import('../../renderer/api/save-file');
    (globalThis as { preflight?: unknown }).preflight = bridge(async () => ({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'no produced file' },
    }));
    await expect(saveProducedFile(ID, 'x.zip')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'no produced file',
    });
    (globalThis as { preflight?: unknown }).preflight = bridge();
    await expect(saveProducedFile(ID, 'x.zip')).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
