// The Drift screen end to end in web mode: the real `preflight serve` and headless Chromium.
// Build first (`node scripts/build.mjs && npx vite build`). A reference and a current CSV are
// picked in the Drift screen's own file choosers (uploaded, imported on the fly), drift runs with a
// time column, and the summary, one feature's overlaid histogram and the time heatmap are
// screenshotted into test-results/screenshots/.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openApp, screenshot, SCREENSHOTS, type App } from './helpers/browser';
import { ROOT, startServe, type Serve } from './helpers/server';

const FIXTURES = path.join(ROOT, 'test/fixtures/drift');

let serve: Serve | undefined;
let browser: Browser | undefined;
let app: App;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  serve = await startServe();
  app = await openApp(browser, serve);
  page = app.page;
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

async function shoot(selector: string, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.locator(selector).screenshot({ path: file });
  expect(fs.statSync(file).size).toBeGreaterThan(2000);
}

describe('Drift in web mode', () => {
  it('offers a new comparison and an empty report list on first run', async () => {
    await page.goto(`${serve!.origin}/#/drift`);
    await page.getByRole('heading', { level: 1, name: 'Drift' }).waitFor();
    await page.getByText('No reports yet').waitFor();
    await expect(page.getByRole('button', { name: 'Run drift' }).isDisabled()).resolves.toBe(true);
  });

  it('imports a reference and a current file, runs drift over daily windows and shows the summary', async () => {
    await page.getByTestId('drift-reference-file').setInputFiles(path.join(FIXTURES, 'reference.csv'));
    await page.getByTestId('drift-current-file').setInputFiles(path.join(FIXTURES, 'current.csv'));
    await page.getByLabel('Time column').fill('ts');
    await page.getByRole('button', { name: 'Run drift' }).click();
    await page.waitForURL(/#\/drift\/\d+$/, { timeout: 60_000 });
    const summary = page.getByTestId('drift-summary');
    await summary.waitFor();
    await expect(summary.textContent()).resolves.toMatch(/Dataset drift detected.*4 of 8 features drifted/);
    await expect(summary.textContent()).resolves.toMatch(/missing in current: legacy/);
    await shoot('#drift-summary >> xpath=ancestor::section', 'drift-summary');
  });

  it('sorts the feature table and draws a feature’s reference and current distributions on the same bins', async () => {
    const features = page.getByRole('region', { name: /^Features/ });
    await features.getByRole('button', { name: 'Sort by Feature' }).click();
    const first = await features.locator('tbody tr').first().textContent();
    expect(first).toMatch(/^age/);
    await features.locator('tbody tr', { hasText: /^x0/ }).click();
    await page.getByRole('heading', { name: 'x0: reference vs current' }).waitFor();
    await page.getByTestId('feature-histogram').locator('canvas').first().waitFor();
    await shoot('#drift-feature-detail >> xpath=ancestor::section', 'drift-feature-histogram');
  });

  it('shows drift per feature and day as a heatmap, starting on day 6 for x0', async () => {
    const heat = page.getByTestId('drift-heatmap');
    await heat.locator('canvas').first().waitFor();
    await expect(page.getByRole('region', { name: /^Over time/ }).textContent()).resolves.toMatch(/x0 2026-01-06/);
    await shoot('#drift-windows >> xpath=ancestor::section', 'drift-time-heatmap');
    await screenshot(page, 'drift-report');
  });

  it('lists the stored report and reopens it', async () => {
    await page.getByRole('link', { name: '← Drift' }).click();
    await page.getByRole('heading', { level: 1, name: 'Drift' }).waitFor();
    const row = page.locator('tbody tr', { hasText: 'reference' });
    await expect(row.textContent()).resolves.toMatch(/4 of 8.*drift/);
    await row.click();
    await page.waitForURL(/#\/drift\/\d+$/);
    expect(app.problems()).toEqual([]);
  });
});
