// Remove… in web mode (real `preflight serve`, headless Chromium; build first:
// `node scripts/build.mjs && npx vite build`): the confirmation says what goes with it and what refers
// to it; what an exported bundle was made from needs a second confirmation; Keep keeps it.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, tempDir } from '../helpers/workspace';
import { type App, screenshot, useWebApp } from './helpers/browser';
import { type Serve } from './helpers/server';

const ws = tempDir('preflight-e2e-remove-');
const cli = (...args: string[]) =>
  execFileSync(process.execPath, [CLI, ...args, '--workspace', ws.dir], { stdio: 'ignore' });
cli('demo');
cli(
  'export',
  '--model',
  'demo-credit-risk@1',
  '--reference',
  'demo-training',
  '--out',
  path.join(ws.dir, 'bundle.zip'),
);
cli('drift', '--reference', 'demo-training', '--current', 'demo-production'); // report 2: no bundle cites it
const web = useWebApp({ workspace: ws.dir });
let serve: Serve;
let app: App;
let page: Page;
beforeAll(() => {
  ({ serve, app, page } = web);
});
afterAll(() => ws.cleanup());

const confirm = () => page.getByTestId('remove-confirm');

describe('Remove… with a confirmation', () => {
  it('removes a drift report nothing refers to after one confirmation', async () => {
    await page.goto(`${serve.origin}/#/drift/2`);
    await page.getByRole('button', { name: 'Remove report…' }).click();
    await expect(confirm().textContent()).resolves.toMatch(/Remove drift report 2\? This cannot be undone/);
    await expect(confirm().textContent()).resolves.not.toMatch(/Exported from it/);
    await confirm().getByRole('button', { name: 'Remove', exact: true }).click();
    await page.waitForURL(/#\/drift$/);
    await expect(page.getByRole('link', { name: /#?2\b/ }).count()).resolves.toBe(0);
  });

  it('keeps a drift report a bundle cites on Keep, and removes it only after the second confirmation', async () => {
    await page.goto(`${serve.origin}/#/drift/1`);
    await page.getByRole('button', { name: 'Remove report…' }).click();
    await expect(confirm().textContent()).resolves.toMatch(/Exported from it: bundle #1 \(bundle\.zip\)/);
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'drift-report-remove-confirm');
    await confirm().getByRole('button', { name: 'Keep' }).click();
    await expect(confirm().count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Remove report…' }).click();
    await expect(confirm().getByRole('button', { name: 'Remove', exact: true }).count()).resolves.toBe(0);
    await confirm().getByRole('button', { name: 'Remove anyway…' }).click();
    await confirm()
      .getByRole('button', { name: /Yes, remove drift report 1 although bundles were exported from it/ })
      .click();
    await page.waitForURL(/#\/drift$/);
    await page.getByText('No reports yet').waitFor();
  });

  it('removes a benchmark run, then the model version, saying what goes with it', async () => {
    await page.goto(`${serve.origin}/#/bench/1`);
    await page.getByRole('button', { name: 'Remove run…' }).click();
    await confirm().getByRole('button', { name: 'Remove anyway…' }).click();
    await confirm()
      .getByRole('button', { name: /Yes, remove benchmark run 1/ })
      .click();
    await page.waitForURL(/#\/bench$/);

    await page.goto(`${serve.origin}/#/models/demo-credit-risk@1`);
    await page.getByRole('button', { name: 'Remove version…' }).click();
    const text = (await confirm().textContent()) ?? '';
    expect(text).toMatch(/Remove demo-credit-risk@1\? This cannot be undone\. Its stored model file goes too\./);
    expect(text).toMatch(/bundle #1/);
    await confirm().getByRole('button', { name: 'Remove anyway…' }).click();
    await confirm()
      .getByRole('button', { name: /Yes, remove demo-credit-risk@1/ })
      .click();
    await page.waitForURL(/#\/models$/);
    await page.goto(`${serve.origin}/#/models/demo-credit-risk@1`);
    await page
      .getByText(/could not be shown|no model/i)
      .first()
      .waitFor();
    // The one 404 is the removed version asked for on purpose.
    expect(app.problems().filter((p) => !/404/.test(p))).toEqual([]);
  });
});
