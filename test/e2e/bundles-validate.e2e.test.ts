// Bundles → Validate a batch, end to end in web mode: the real `preflight serve` and headless Chromium.
// Build first (`npm run build`). The demo is built from its button and its bundle exported signed from
// New bundle — the private key's text travels with the request, no key file is uploaded or left on the
// server — then the demo's production sample (generated here, as ops would log it) is validated
// against the bundle picked from the list: rules broken, naming the planted drift and the new region;
// its training sample honours the contract; Save report downloads the HTML page with the verdict. A
// downloaded bundle dropped on the screen with a dataset of the workspace works the same.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productionCsv, trainingCsv } from '../../electron/core/demo/data';
import { dropFiles, screenshot, type App, useWebApp, step as stepIn } from './helpers/browser';
import { generateKeys, type GeneratedKeys, type Serve } from './helpers/server';

const web = useWebApp();
let serve: Serve;
let app: App;
let page: Page;
let tmp: string;
let keys: GeneratedKeys;
let production: string;
let training: string;
let downloaded: string;
let bundleId: string;
/** Every upload request the page made (the `name` it gave), from the start. */
const uploads: string[] = [];

beforeAll(() => {
  ({ serve, app, page } = web);
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname === '/api/upload') uploads.push(url.searchParams.get('name') ?? '?');
  });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-validate-e2e-'));
  keys = generateKeys(tmp);
  production = path.join(tmp, 'production.csv');
  training = path.join(tmp, 'training.csv');
  fs.writeFileSync(production, productionCsv());
  fs.writeFileSync(training, trainingCsv());
});
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const step = (name: string, fn: () => Promise<void>) => stepIn(() => app, name, fn);

/** Every file under `dir` (recursively), relative; [] when it does not exist. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)));
}

async function runValidation(): Promise<string> {
  await page.getByRole('button', { name: 'Validate', exact: true }).click();
  await page.getByTestId('validate-verdict').waitFor({ timeout: 120_000 });
  return (await page.getByTestId('validate-verdict').textContent()) ?? '';
}

describe('Validate a batch in web mode', () => {
  it('builds the demo and exports its bundle signed, sending the key as text: nothing uploaded, no key on the server', async () => {
    await step('demo', async () => {
      await page.goto(`${serve.origin}/#/models`);
      await page.getByRole('button', { name: 'Try the demo' }).click();
      await page.waitForURL(/#\/drift\/\d+$/, { timeout: 120_000 });
    });
    await step('export', async () => {
      await page.goto(`${serve.origin}/#/bundles/new`);
      await page.getByTestId('bundle-preview-sources').waitFor({ timeout: 90_000 });
      await page.getByTestId('bundle-signing-key').setInputFiles(keys.privateKeyPath);
      await page
        .getByTestId('bundle-key-name')
        .filter({ hasText: path.basename(keys.privateKeyPath) })
        .waitFor();
      const download = page.waitForEvent('download', { timeout: 120_000 });
      await page.getByRole('button', { name: 'Export signed bundle' }).click();
      const file = await download;
      downloaded = path.join(tmp, file.suggestedFilename());
      await file.saveAs(downloaded);
      await page
        .getByTestId('bundle-exported')
        .getByText(/signed \(key/)
        .waitFor();
      await expect(page.getByTestId('bundle-exported').textContent()).resolves.toContain(keys.fingerprint.slice(0, 12));
    });
    await step('no key uploaded', async () => {
      expect(uploads).toEqual([]);
      const left = filesUnder(path.join(serve.workspace, 'tmp'));
      expect(left.filter((f) => /\.pem$/i.test(f))).toEqual([]);
      const pem = fs.readFileSync(keys.privateKeyPath, 'utf8').trim();
      for (const f of left)
        expect(fs.readFileSync(path.join(serve.workspace, 'tmp', f), 'latin1').includes(pem), f).toBe(false);
    });
  });

  it('validates the production sample against the bundle picked from the list: rules broken, naming utilization, income_k and the new region', async () => {
    await step('open from the row', async () => {
      await page.goto(`${serve.origin}/#/bundles`);
      const row = page.locator('section[aria-labelledby="bundle-list"] tbody tr').first();
      await row.getByText('demo-credit-risk@1').waitFor();
      bundleId = ((await row.locator('td').first().textContent()) ?? '').trim();
      await row.getByRole('link', { name: `Validate a batch against bundle #${bundleId}` }).click();
      await page.getByRole('heading', { level: 1, name: 'Validate a batch' }).waitFor();
      expect(page.url()).toMatch(new RegExp(`#/bundles/validate/${bundleId}$`));
      await expect(page.getByLabel('Bundle', { exact: true }).inputValue()).resolves.toBe(bundleId);
    });
    await step('validate production', async () => {
      await page.getByTestId('validate-batch-file').setInputFiles(production);
      await expect(page.getByLabel('Batch', { exact: true }).inputValue()).resolves.toBe('file');
      await page.getByLabel('Time column').fill('event_time');
      await page.getByLabel('Window').selectOption('week');
      const verdict = await runValidation();
      expect(verdict).toMatch(/^\d+ rules? broken$/);
      const detail = (await page.getByTestId('validate-verdict-detail').textContent()) ?? '';
      for (const feature of ['utilization', 'income_k', 'region']) expect(detail).toContain(feature);
      expect(detail).toContain('production.csv');
      const broken = page.locator('section[aria-labelledby="validate-broken"] tbody tr');
      await expect(broken.count()).resolves.toBe(Number(verdict.split(' ')[0]));
      const region = broken
        .filter({ has: page.getByRole('cell', { name: 'region', exact: true }) })
        .filter({ hasText: 'unseen categories' });
      await expect(region.textContent()).resolves.toContain('central');
      const drifted = broken.filter({ has: page.getByRole('cell', { name: 'drift', exact: true }) });
      const names = await drifted.locator('td:nth-child(3)').allTextContents();
      expect(names).toEqual(expect.arrayContaining(['utilization', 'income_k']));
      // Per week: the first drifted window is named for a drifted feature.
      const utilization = drifted.filter({ has: page.getByRole('cell', { name: 'utilization', exact: true }) });
      await expect(utilization.locator('td:last-child').textContent()).resolves.toMatch(/2026/);
    });
    await step('drift in the report layout', async () => {
      await page.getByTestId('drift-summary').getByText('Dataset drift detected').waitFor();
      await page
        .locator('section[aria-labelledby="drift-features"]')
        .getByRole('cell', { name: 'utilization', exact: true })
        .waitFor();
      await page.getByTestId('feature-histogram').waitFor();
      await page.getByTestId('drift-heatmap').waitFor();
      await expect(page.getByTestId('validate-predictions').textContent()).resolves.toMatch(
        /model was run on the batch/,
      );
      await screenshot(page, 'bundles-validate-broken');
    });
    await step('save report', async () => {
      const verdict = (await page.getByTestId('validate-verdict').textContent()) ?? '';
      const download = page.waitForEvent('download', { timeout: 30_000 });
      await page.getByRole('button', { name: 'Save report…' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/\.html$/);
      const saved = path.join(tmp, 'report.html');
      await file.saveAs(saved);
      const html = fs.readFileSync(saved, 'utf8');
      expect(html).toMatch(/^<!doctype html>/i);
      expect(html).toContain(`${verdict.split(' ')[0]} rule(s) broken.`);
      expect(html).toContain('central');
    });
    expect(app.problems()).toEqual([]);
  });

  it('the training sample honours the contract', async () => {
    await step('validate training', async () => {
      await page.goto(`${serve.origin}/#/bundles`);
      await page.getByRole('link', { name: 'Validate a batch', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Validate a batch' }).waitFor();
      await page.getByLabel('Bundle', { exact: true }).selectOption(bundleId);
      await page.getByTestId('validate-batch-file').setInputFiles(training);
      const verdict = await runValidation();
      expect(verdict).toBe('Honours the contract');
      await expect(page.locator('section[aria-labelledby="validate-broken"]').count()).resolves.toBe(0);
      await page.getByTestId('drift-summary').getByText('No dataset drift').waitFor();
    });
    expect(app.problems()).toEqual([]);
  });

  it('a downloaded bundle dropped on the screen, with a dataset of the workspace as the batch', async () => {
    await step('drop and validate', async () => {
      await page.goto(`${serve.origin}/#/bundles/validate`);
      await page.getByRole('heading', { level: 1, name: 'Validate a batch' }).waitFor();
      await dropFiles(page, '[data-testid="validate-drop"]', [downloaded]);
      await expect(page.getByLabel('Bundle', { exact: true }).inputValue()).resolves.toBe('file');
      await page.getByLabel('Batch', { exact: true }).selectOption('dataset:demo-production');
      const verdict = await runValidation();
      expect(verdict).toMatch(/^\d+ rules? broken$/);
      await expect(page.getByTestId('validate-verdict-detail').textContent()).resolves.toContain(
        path.basename(downloaded),
      );
    });
    expect(app.problems()).toEqual([]);
  });
});
