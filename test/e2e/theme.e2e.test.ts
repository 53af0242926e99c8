// The theme toggle (system / light / dark) in the status bar, remembered by the workspace: another
// browser opening the same workspace gets the same theme. Web mode (build first: `npm run build`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/workspace';
import { openApp, useWebApp, type App } from './helpers/browser';
import { type Serve } from './helpers/server';

const ws = tempDir('preflight-e2e-theme-');
const web = useWebApp({ workspace: ws.dir });
let serve: Serve;
let app: App;
beforeAll(() => {
  ({ serve, app } = web);
});
afterAll(() => ws.cleanup());

const background = (a: App) => a.page.evaluate(() => getComputedStyle(document.body).backgroundColor);

describe('Theme toggle', () => {
  it('follows the system until a theme is chosen, then keeps it for the workspace', async () => {
    const { page } = app;
    const toggle = page.getByLabel('Theme', { exact: true });
    await expect.poll(() => toggle.inputValue()).toBe('system');
    const light = await background(app); // the context prefers light
    await page.emulateMedia({ colorScheme: 'dark' });
    const systemDark = await background(app);
    expect(systemDark).not.toBe(light);

    // "light" wins over a dark system setting.
    await toggle.selectOption('light');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await background(app)).toBe(light);

    // "dark" wins over a light one, and is stored in the workspace.
    await page.emulateMedia({ colorScheme: 'light' });
    await toggle.selectOption('dark');
    expect(await background(app)).toBe(systemDark);

    // Another browser (no shared storage) opening the same workspace starts dark.
    const other = await openApp(web.browser, serve);
    await expect.poll(() => other.page.getByLabel('Theme', { exact: true }).inputValue()).toBe('dark');
    await expect.poll(() => background(other)).toBe(systemDark);
    await other.page.context().close();
    expect(app.problems()).toEqual([]);
  });
});
