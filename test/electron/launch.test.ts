// Launches the real desktop app when an Electron binary is present, and checks what only a running
// Electron can show: the bridge in the page, the CSP header, blocked eval and navigation, a call through
// main → utilityProcess core. Electron downloads its binary on first launch; without network (CI
// sandboxes, this repo's build machine) there is none, and the test is skipped with the reason printed.
import fs from 'node:fs';
import path from 'node:path';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BRIDGE_KEYS, type DesktopBridge } from '../../electron/preload/channels';
import { ROOT, tempDir } from '../helpers/workspace';

/**
 * Finds the binary the way node_modules/electron/index.js does, without calling it: require('electron')
 * from Node starts a download when the binary is missing, which must never happen inside a test.
 */
function electronBinary(): { path: string } | { reason: string } {
  const pkg = path.join(ROOT, 'node_modules', 'electron');
  if (!fs.existsSync(path.join(pkg, 'package.json'))) return { reason: 'electron is not installed' };
  const pathFile = path.join(pkg, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!fs.existsSync(pathFile) && !override)
    return { reason: 'Electron binary not downloaded (no network): skipping desktop launch test' };
  const rel = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : 'electron';
  const exe = override ? path.join(override, rel) : path.join(pkg, 'dist', rel);
  if (!fs.existsSync(exe)) return { reason: `Electron binary missing at ${exe}: skipping desktop launch test` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return { reason: 'no display: run under xvfb-run to launch the desktop app' };
  for (const built of [
    'dist/electron/main.cjs',
    'dist/electron/preload.cjs',
    'dist/electron/core-host.cjs',
    'dist/electron/child.cjs',
    'dist/renderer/index.html',
  ]) {
    if (!fs.existsSync(path.join(ROOT, built))) return { reason: `${built} missing: run \`npm run build\` first` };
  }
  return { path: exe };
}

const binary = electronBinary();
if ('reason' in binary) console.log(binary.reason);

describe('desktop app', () => {
  it.skipIf('reason' in binary)('opens a locked-down window whose bridge reaches the core', async () => {
    const ws = tempDir();
    const profile = tempDir('preflight-profile-');
    const app = await _electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [ROOT, `--user-data-dir=${profile.dir}`, '--workspace', ws.dir],
      cwd: ROOT,
      timeout: 60_000,
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toBe('app://preflight/index.html');

      const shape = await page.evaluate(() => {
        const w = window as unknown as { preflight?: object; require?: unknown; process?: unknown };
        return { keys: Object.keys(w.preflight ?? {}).sort(), require: typeof w.require, process: typeof w.process };
      });
      expect(shape).toEqual({ keys: [...BRIDGE_KEYS].sort(), require: 'undefined', process: 'undefined' });

      const info = await page.evaluate(() =>
        (window as unknown as { preflight: DesktopBridge }).preflight.call('workspace/info', {}),
      );
      expect(info).toMatchObject({ ok: true });
      const unknown = await page.evaluate(() =>
        (window as unknown as { preflight: DesktopBridge }).preflight.call('nope/nope', {}),
      );
      expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });

      const csp = await page.evaluate(async () =>
        (await fetch('app://preflight/index.html')).headers.get('content-security-policy'),
      );
      expect(csp).toContain("script-src 'self'");
      const evalBlocked = await page.evaluate(() => {
        try {
          return (0, eval)('1 + 1') !== 2;
        } catch {
          return true;
        }
      });
      expect(evalBlocked).toBe(true);

      await page.evaluate(() => void (window.location.href = 'https://example.com/'));
      expect(page.url()).toBe('app://preflight/index.html');
    } finally {
      await app.close();
      ws.cleanup();
      profile.cleanup();
    }
  });
});
