// Export report and Print in web mode (real `preflight serve`, headless Chromium; build first:
// `node scripts/build.mjs && npx vite build`). The demo's drift report and benchmark run are exported
// from their screens, the downloaded file is opened from disk in a browser with the network off, and
// the numbers the screen shows are found in it; Print lays out the same page.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, tempDir } from '../helpers/workspace';
import { type App, useWebApp } from './helpers/browser';
import { type Serve } from './helpers/server';

// The demo fills the workspace (a model, datasets with planted drift, a drift report, a benchmark run)
// before the server opens it.
const ws = tempDir('preflight-e2e-reports-');
execFileSync(process.execPath, [CLI, 'demo', '--workspace', ws.dir], { stdio: 'ignore' });
const web = useWebApp({ workspace: ws.dir });
let serve: Serve;
let app: App;
let page: Page;
beforeAll(() => {
  ({ serve, app, page } = web);
});
afterAll(() => ws.cleanup());

/** The texts of one column of a table on the screen, by the table's caption. */
async function column(caption: string, header: string): Promise<string[]> {
  const table = page.getByRole('table', { name: caption });
  await table.waitFor();
  const headers = (await table.locator('thead th').allTextContents()).map((h) => h.replace(/[▼▲]/g, '').trim());
  const i = headers.indexOf(header);
  expect(i, `column "${header}" among ${headers.join(', ')}`).toBeGreaterThanOrEqual(0);
  return (await table.locator(`tbody tr td:nth-child(${i + 1})`).allTextContents()).map((t) => t.trim());
}

/** Clicks Export report, keeps the download, and returns the file's path. */
async function exportReport(name: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByRole('button', { name: 'Export report' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(name);
  const file = path.join(ws.dir, `saved-${name}`);
  await download.saveAs(file);
  return file;
}

/** Opens a saved report from disk with the network off; returns its text and every request it tried. */
async function openOffline(file: string): Promise<{ text: string; svgs: number; requests: string[] }> {
  const context = await web.browser.newContext({ colorScheme: 'light' });
  await context.setOffline(true);
  const requests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') && url.endsWith(path.basename(file))) return route.continue();
    requests.push(url);
    return route.abort();
  });
  const p = await context.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  await p.goto(`file://${file}`);
  const text = (await p.locator('body').textContent()) ?? '';
  const svgs = await p.locator('svg').count();
  await context.close();
  expect(errors).toEqual([]);
  return { text, svgs, requests };
}

describe('Export report and Print', () => {
  it('exports the drift report: the saved file opens offline and holds the numbers of the screen', async () => {
    await page.goto(`${serve.origin}/#/drift/1`);
    const summary = page.getByTestId('drift-summary');
    await summary.waitFor();
    const verdict = ((await summary.locator('.drift-verdict span').textContent()) ?? '').trim();
    const features = await column('Drift per feature', 'Feature');
    const scores = await column('Drift per feature', 'Score');
    const effects = await column('Drift per feature', 'Effect size');
    expect(scores.length).toBe(8);
    const file = await exportReport('drift-report-1.html');
    const { text, svgs, requests } = await openOffline(file);
    expect(requests).toEqual([]);
    expect(svgs).toBeGreaterThan(8);
    expect(text).toContain(verdict);
    features.forEach((f, i) => {
      expect(text, f).toContain(f);
      expect(text, `${f} score`).toContain(scores[i]);
      expect(text, `${f} effect`).toContain(effects[i]);
    });
    expect(text).toMatch(/sha256\s+[0-9a-f]{64}/);
    expect(app.problems()).toEqual([]);
  });

  it('prints the drift report in the exported layout', async () => {
    const scores = await column('Drift per feature', 'Score');
    await page.getByRole('button', { name: 'Print' }).click();
    const frame = page.frameLocator('[data-testid="report-print-frame"]');
    await frame.locator('h1').waitFor({ state: 'attached' });
    await expect(frame.locator('h1').textContent()).resolves.toMatch(/^Drift report #1/);
    const text = (await frame.locator('body').textContent()) ?? '';
    for (const s of scores) expect(text).toContain(s);
    expect(app.problems()).toEqual([]);
  });

  it('exports a benchmark run: every latency of the results table is in the saved file', async () => {
    await page.goto(`${serve.origin}/#/bench/1`);
    const points = await column('Results per point', 'Point');
    const numbers = await Promise.all(
      ['mean', 'p50', 'p90', 'p99', 'p99.9', 'max', 'Inf/s'].map((h) => column('Results per point', h)),
    );
    expect(points.length).toBe(2);
    const settings = ((await page.getByTestId('bench-run-settings').textContent()) ?? '').trim();
    const file = await exportReport('benchmark-run-1.html');
    const { text, svgs, requests } = await openOffline(file);
    expect(requests).toEqual([]);
    expect(svgs).toBeGreaterThanOrEqual(2);
    for (const p of points) expect(text).toContain(p);
    for (const col of numbers) for (const v of col) expect(text, v).toContain(v);
    expect(text.replace(/\s+/g, ' ')).toContain(settings.replace(/\s+/g, ' '));
    expect(app.problems()).toEqual([]);
  });
});
