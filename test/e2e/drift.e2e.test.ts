// The Drift screen end to end in web mode: the real `preflight serve` and headless Chromium.
// Build first (`node scripts/build.mjs && npx vite build`). A reference and a current CSV are
// picked in the Drift screen's own file choosers (uploaded, imported on the fly), drift runs with a
// time column, and the summary, one feature's overlaid histogram and the time heatmap are
// screenshotted into test-results/screenshots/.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot, SCREENSHOTS, type App, useWebApp, step as stepIn } from './helpers/browser';
import { ROOT, type Serve } from './helpers/server';

const FIXTURES = path.join(ROOT, 'test/fixtures/drift');

const web = useWebApp();
let serve: Serve;
let app: App;
let page: Page;
beforeAll(() => {
  ({ serve, app, page } = web);
});

async function shoot(selector: string, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.locator(selector).screenshot({ path: file });
  expect(fs.statSync(file).size).toBeGreaterThan(2000);
}

const step = (name: string, fn: () => Promise<void>) => stepIn(() => app, name, fn);

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
    // The time column is a choice among the file's columns (read from its header before import).
    await page.getByLabel('Time column').locator('option[value="ts"]').waitFor({ state: 'attached' });
    await page.getByLabel('Time column').selectOption('ts');
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
    await heat.locator('td.heat-cell').first().waitFor();
    // Each cell tells its score, verdict and row count on keyboard focus (not only on hover).
    const cell = heat.locator('td.heat-cell[aria-label^="x0 · 2026-01-06"]');
    await cell.focus();
    const readout = (await page.getByTestId('heat-readout').textContent()) ?? '';
    expect(readout).toMatch(/^x0 · 2026-01-06: .*(drifted|stable) · [\d,]+ rows$/);
    // The legend and the colour of a cell follow the cell's own test: x0's p-value, lower is worse.
    expect(await heat.locator('.heat-legend li').allTextContents()).toEqual([
      'stable, far from the threshold',
      'stable, near the threshold',
      'drifted',
      'drifted strongly',
    ]);
    const severity = await cell.getAttribute('data-severity');
    expect(readout.includes(' · drifted · ')).toBe(severity!.startsWith('drifted'));
    // Readable in dark mode: the legend's text against the page, by WCAG contrast.
    await page.emulateMedia({ colorScheme: 'dark' });
    const contrast = await heat
      .locator('.heat-legend li')
      .first()
      .evaluate((el) => {
        const rgb = (c: string) => (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
        const lum = ([r, g, b]: number[]) => {
          const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
          return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        };
        let bg = el as Element | null;
        while (bg && getComputedStyle(bg).backgroundColor.match(/rgba\(.*, 0\)|transparent/)) bg = bg.parentElement;
        const a = lum(rgb(getComputedStyle(el).color));
        const b = lum(rgb(getComputedStyle(bg ?? document.body).backgroundColor));
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(contrast).toBeGreaterThan(4.5);
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
  });

  it('compares a model’s outputs on both datasets, with the column → input mapping shown and editable', async () => {
    await step('open Models', async () => {
      await page.goto(`${serve!.origin}/#/models`);
      // The list has loaded (the chooser of the loading state would be replaced under our feet).
      await page.getByRole('heading', { name: 'Add an .onnx model to get started' }).waitFor();
    });
    await step('add tiny_mlp', async () => {
      await page.getByTestId('add-model-input').setInputFiles(path.join(ROOT, 'test/fixtures/models/tiny_mlp.onnx'));
      await page.waitForURL(/#\/models\/tiny_mlp@1$/, { timeout: 45_000 });
    });
    await step('fill the drift form', async () => {
      await page.goto(`${serve!.origin}/#/drift`);
      await page.getByRole('heading', { level: 1, name: 'Drift' }).waitFor();
      await page.getByLabel('Reference dataset').selectOption('reference');
      await page.getByLabel('Current dataset').selectOption('current');
      await page.getByLabel('Model').selectOption('tiny_mlp');
      await expect(page.getByLabel('Columns for input x').inputValue()).resolves.toBe('x0, x1, x2, x3');
    });
    await step('run drift with the model', async () => {
      await page.getByRole('button', { name: 'Run drift' }).click();
      await page.waitForURL(/#\/drift\/\d+$/, { timeout: 45_000 });
    });
    const section = page.getByRole('region', { name: /^Predictions of tiny_mlp@1/ });
    await step('show the predictions', async () => {
      await section.waitFor();
      await expect(section.textContent()).resolves.toMatch(/x ← x0, x1, x2, x3/);
      await expect(section.locator('tbody tr').first().textContent()).resolves.toMatch(/probs/);
    });
    await shoot('#drift-predictions >> xpath=ancestor::section', 'drift-predictions');
    expect(app.problems()).toEqual([]);
  }, 240_000);

  it('says a report that does not exist does not exist, with the way back to Drift', async () => {
    await page.goto(`${serve!.origin}/#/drift/999`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.locator('strong').textContent()).resolves.toBe('Drift report #999 does not exist');
    await expect(alert.textContent()).resolves.toMatch(/no drift report 999/);
    await expect(alert.getByRole('button', { name: 'Try again' }).count()).resolves.toBe(0);
    await page.getByRole('link', { name: '← Drift' }).click();
    await page.getByRole('heading', { level: 1, name: 'Drift' }).waitFor();
    expect(page.url()).toMatch(/#\/drift$/);
  });
});
