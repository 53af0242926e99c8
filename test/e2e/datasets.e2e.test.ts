// The Datasets screens end to end, in web mode: the real `preflight serve` and headless Chromium.
// Build first (`node scripts/build.mjs && npx vite build`); screenshots land in test-results/screenshots/.
// The steps share one page and run in order, like a user's session.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFiles, screenshot, type App, useWebApp } from './helpers/browser';
import { ROOT, type Serve } from './helpers/server';

const FIXTURES = path.join(ROOT, 'test/fixtures/datasets');
const ROWS = 240;

let tmp: string;
let csv: string;
let expectedMissing: number;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-e2e-datasets-'));
  ({ file: csv, missing: expectedMissing } = writeCustomers(path.join(tmp, 'customers.csv')));
});

afterAll(async () => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const web = useWebApp();
let serve: Serve;
let app: App;
let page: Page;
beforeAll(() => {
  ({ serve, app, page } = web);
});

/** A seeded CSV with one column of every kind, ids like 007, and a column with gaps. */
function writeCustomers(file: string): { file: string; missing: number } {
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const segments = ['retail', 'smb', 'enterprise', 'public'];
  const lines = ['customer_id,age,income,segment,active,signup,score'];
  let missing = 0;
  for (let i = 0; i < ROWS; i++) {
    const id = String(i + 1).padStart(3, '0');
    const age = 18 + Math.floor(rand() * 60);
    const income = (20000 + rand() * 80000).toFixed(2);
    const segment = segments[Math.floor(rand() * rand() * segments.length)];
    const active = rand() < 0.7 ? 'true' : 'false';
    const signup = new Date(Date.UTC(2024, 0, 1) + Math.floor(rand() * 365) * 86_400_000).toISOString().slice(0, 10);
    const gap = i % 8 === 3;
    if (gap) missing++;
    const score = gap ? '' : (rand() * 10).toFixed(1);
    lines.push([id, age, income, segment, active, signup, score].join(','));
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return { file, missing };
}

/** A CSV big enough (≈ 95 MB, 2–3 s to import on a fast box) that its import is still running when Cancel is pressed. */
function writeBig(file: string, rows: number): string {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, 'id,a,b,c,label\n');
  const chunk: string[] = [];
  for (let i = 0; i < rows; i++) {
    chunk.push(`${i},${(i % 997) * 0.5},${i % 13},${(i * 7919) % 100003},L${i % 17}`);
    if (chunk.length === 50_000) fs.writeSync(fd, chunk.splice(0).join('\n') + '\n');
  }
  if (chunk.length) fs.writeSync(fd, chunk.join('\n') + '\n');
  fs.closeSync(fd);
  return file;
}

/** Cell texts of the column table, keyed by the column name as shown (the first cell also holds the column's notes). */
async function columnRows(): Promise<Record<string, string[]>> {
  const rows = page.getByTestId('column-table').locator('tbody tr');
  await rows.first().waitFor();
  const cells = await rows.evaluateAll((trs) =>
    trs.map((tr) => [
      tr.querySelector('.ds-column-name')?.textContent ?? '',
      ...Array.from(tr.querySelectorAll('td'), (td) => (td.textContent ?? '').trim()).slice(1),
    ]),
  );
  return Object.fromEntries(cells.map((c) => [c[0], c]));
}

describe('Datasets in web mode', () => {
  it('explains formats and the demo on first run', async () => {
    await page.goto(`${serve.origin}/#/datasets`);
    await page.getByRole('heading', { name: 'Import a data file to profile it' }).waitFor();
    const body = await page.locator('.empty-state').textContent();
    expect(body).toMatch(/Parquet/);
    expect(body).toMatch(/JSON Lines/);
    expect(body).toMatch(/Try the demo.*two datasets/s);
    await screenshot(page, 'datasets-empty');
  });

  it('imports a CSV through the file chooser and shows each column’s kind and missing values', async () => {
    await page.getByTestId('add-dataset-input').setInputFiles(csv);
    await page.waitForURL(/#\/datasets\/customers$/, { timeout: 30_000 });
    await page.getByRole('heading', { level: 1, name: 'customers' }).waitFor();

    const summary = await page.getByTestId('dataset-summary').textContent();
    expect(summary).toMatch(new RegExp(`Rows${ROWS}`));
    expect(summary).toMatch(/Columns7/);
    expect(summary).toMatch(/CSV · encoding utf-8 · delimiter comma/);
    expect(summary).toMatch(/customers\.csv/);

    const rows = await columnRows();
    expect(Object.keys(rows)).toEqual(['customer_id', 'age', 'income', 'segment', 'active', 'signup', 'score']);
    const kinds = Object.fromEntries(Object.entries(rows).map(([name, cells]) => [name, cells[1]]));
    expect(kinds).toEqual({
      customer_id: 'categorical',
      age: 'integer',
      income: 'float',
      segment: 'categorical',
      active: 'boolean',
      signup: 'datetime',
      score: 'float',
    });
    // Missing: a count and a share, only where there are gaps.
    expect(rows.score[2]).toBe(`${expectedMissing} (${Number(((100 * expectedMissing) / ROWS).toFixed(1))}%)`);
    expect(rows.income[2]).toBe('0');
    // Ids are text: 240 distinct values, no numeric statistics; dates are shown as dates.
    expect(rows.customer_id[4]).toBe(String(ROWS));
    expect(rows.customer_id[5]).toBe('—');
    expect(rows.signup[5]).toMatch(/^2024-\d\d-\d\d$/);
    expect(Number(rows.age[5])).toBeGreaterThanOrEqual(18);
    // Every column has a small chart.
    await expect(page.getByTestId('column-table').locator('svg.ds-spark').count()).resolves.toBe(7);
    await screenshot(page, 'datasets-detail');
  });

  it('opens a column’s panel with its histogram and quantiles, and closes it with Escape', async () => {
    await page.getByTestId('column-table').locator('tbody tr', { hasText: 'income' }).click();
    const panel = page.getByRole('dialog', { name: 'Column income' });
    await panel.waitFor();
    await panel.locator('canvas').waitFor();
    const text = await panel.textContent();
    expect(text).toMatch(/p1p5p25p50p75p95p99/);
    expect(text).toMatch(new RegExp(`${ROWS} present of ${ROWS} rows`));
    await screenshot(page, 'datasets-column-panel');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    // The closed dialog leaves the accessibility tree at once, its element only after the close event
    // (a task later): wait for that, or the focus taken below could be moved back by the close.
    await page.getByTestId('column-panel').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.querySelector('.ds-column-name')?.textContent)).toBe(
      'income',
    );

    // A categorical column: its top values, from the keyboard. A CI run once timed out waiting for this
    // panel (the race above, most likely); the steps below say which one fails if it happens again.
    await page.getByTestId('column-table').locator('tbody tr', { hasText: 'segment' }).focus();
    await page.waitForFunction(
      () => document.activeElement?.querySelector('.ds-column-name')?.textContent === 'segment',
      undefined,
      { timeout: 10_000 },
    );
    await page.keyboard.press('Enter');
    const segment = page.getByRole('dialog', { name: 'Column segment' });
    await segment.waitFor({ timeout: 10_000 });
    await segment.locator('canvas').waitFor();
    await screenshot(page, 'datasets-column-panel-categorical');
    await page.getByRole('button', { name: 'Close column panel' }).click();
    await segment.waitFor({ state: 'detached' });
    // Focus is back on the row that opened the panel.
    expect(await page.evaluate(() => document.activeElement?.querySelector('.ds-column-name')?.textContent)).toBe(
      'segment',
    );
  });

  it('shows an inline error with the line for a ragged CSV, and adds nothing', async () => {
    await page.getByTestId('add-dataset-input').setInputFiles(path.join(FIXTURES, 'ragged.csv'));
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    const text = await alert.textContent();
    expect(text).toMatch(/line 3: expected 3 fields, found 2/);
    expect(text).toMatch(/INVALID_INPUT/);
    expect(page.url()).toMatch(/#\/datasets\/customers$/);
    await screenshot(page, 'datasets-add-error');
    await page.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('shows an import’s progress in bytes and rows, and cancels it leaving no dataset', async () => {
    const big = writeBig(path.join(tmp, 'big.csv'), 4_000_000);
    await page.getByTestId('add-dataset-input').setInputFiles(big);
    const progress = page.getByRole('status').filter({ hasText: 'Importing dataset' });
    await progress.filter({ hasText: /MiB of \d+(\.\d)? MiB · [\d,]+ rows/ }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'datasets-import-progress');
    await progress.getByRole('button', { name: 'Cancel' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toMatch(/cancelled.*CANCELLED/s);
    expect(page.url()).toMatch(/#\/datasets\/customers$/);
    await page.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('offers another name when the file’s name is taken', async () => {
    await page.getByTestId('add-dataset-input').setInputFiles(csv);
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toMatch(/customers.csv is already there: dataset customers/);
    await page.getByRole('link', { name: 'Open customers' }).waitFor();
    await page.getByLabel('Import it as').fill('customers-copy');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.waitForURL(/#\/datasets\/customers-copy$/, { timeout: 30_000 });
    await page.getByRole('heading', { level: 1, name: 'customers-copy' }).waitFor();
  });

  it('imports a dropped file and shows odd column names verbatim', async () => {
    await page.getByRole('link', { name: /← Datasets/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Datasets' }).waitFor();
    await dropFiles(page, '[data-testid="dataset-drop-target"]', [path.join(FIXTURES, 'odd-names.csv')]);
    await page.waitForURL(/#\/datasets\/odd-names$/, { timeout: 30_000 });
    const names = Object.keys(await columnRows());
    expect(names).toContain('a"; DROP TABLE x;--');
    expect(names).toContain('" spaced "');
    await screenshot(page, 'datasets-odd-names');
  });

  it('removes a dataset after a confirm step', async () => {
    await page.getByRole('button', { name: 'Remove dataset…' }).click();
    // The safe choice takes focus; Keep backs out.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep');
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    await page.waitForURL(/#\/datasets$/);
    await page.getByRole('heading', { level: 1, name: 'Datasets' }).waitFor();
    await expect.poll(() => page.locator('tbody tr').allTextContents()).toHaveLength(2);
    expect((await page.locator('tbody tr').allTextContents()).join()).not.toMatch(/odd-names/);
  });

  it('lists the datasets and opens one from the keyboard', async () => {
    const row = page.locator('tbody tr', { hasText: /^customersCSV/ });
    expect(await row.textContent()).toMatch(new RegExp(`customersCSV${ROWS}7customers\\.csv`));
    await screenshot(page, 'datasets-list');
    await row.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/datasets\/customers$/);
    await page.getByRole('link', { name: 'Compare with…' }).waitFor();
    expect(await page.getByRole('link', { name: 'Compare with…' }).getAttribute('href')).toBe('#/drift/new/customers');
  });

  it('shows a 150-column dataset with a sparkline per column, and filters its columns', async () => {
    const wide = path.join(tmp, 'wide.csv');
    const header = Array.from({ length: 150 }, (_, j) => `f${j}`);
    const body = Array.from({ length: 300 }, (_, i) =>
      header.map((_, j) => (j % 5 === 0 ? `c${(i * j) % 7}` : ((i * 31 + j * 17) % 1000) / 10)).join(','),
    );
    fs.writeFileSync(wide, [header.join(','), ...body].join('\n') + '\n');
    await page.getByTestId('add-dataset-input').setInputFiles(wide);
    await page.waitForURL(/#\/datasets\/wide$/, { timeout: 30_000 });
    const table = page.getByTestId('column-table');
    await table.locator('tbody tr').nth(149).waitFor();
    await expect(table.locator('svg.ds-spark').count()).resolves.toBe(150);
    await page.getByLabel('Filter columns by name or kind').fill('f14');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(11); // f14, f140…f149
    await page.getByRole('heading', { name: 'Columns (11 of 150)' }).waitFor();
    await screenshot(page, 'datasets-wide-filtered');
    await page.getByLabel('Filter columns by name or kind').fill('categorical');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(30);
  });

  it('ran without console errors, CSP violations or uncaught exceptions', () => {
    expect(app.problems()).toEqual([]);
  });
});
