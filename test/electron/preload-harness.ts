// Loads the real preload (bundled as scripts/build.mjs does) against a fake 'electron': what it exposes
// as window.preflight, its ipcRenderer.invoke (main's relay; routed by `invoke` when given), and a way
// to hand it a port as main does (ipcRenderer 'preflight:port' with event.ports).
import { build } from 'esbuild';
import path from 'node:path';
import { vi } from 'vitest';
import { CHANNELS, type DesktopBridge } from '../../electron/preload/channels';
import { ROOT } from '../helpers/workspace';

let bundled: Promise<string> | null = null;
const bundle = () =>
  (bundled ??= build({
    entryPoints: [path.join(ROOT, 'electron/preload/preload.ts')],
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: 'node20',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  }).then((out) => out.outputFiles[0].text));

export async function loadPreload(relay?: (channel: string, ...args: unknown[]) => Promise<unknown>) {
  const exposed: Record<string, unknown> = {};
  const ipcListeners = new Map<string, (event: unknown, value?: unknown) => void>();
  const invoke = vi.fn(relay ?? (async (...args: unknown[]) => ({ ok: true, result: args })));
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
    ipcRenderer: {
      invoke,
      on: (channel: string, l: (e: unknown, v: unknown) => void) => void ipcListeners.set(channel, l),
    },
    webUtils: { getPathForFile: () => '/x' },
  };
  // A sandboxed preload can require 'electron' only: anything else fails here as it would there.
  const sandboxRequire = (name: string) => {
    if (name === 'electron') return electron;
    throw new Error(`sandboxed preload cannot require ${name}`);
  };
  new Function('require', 'module', 'exports', await bundle())(sandboxRequire, { exports: {} }, {});
  const handPort = (ports: unknown[]) => ipcListeners.get(CHANNELS.port)!({ sender: 'ipc internals', ports });
  return { bridge: exposed.preflight as DesktopBridge, invoke, handPort };
}
