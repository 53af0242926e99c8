// Actions on one dataset, end to end in web mode (the real `preflight serve` + headless Chromium):
// re-import with a column read as another kind, an override the values do not fit, and "Compare with…"
// opening the Drift form with the reference chosen. Build first (`node scripts/build.mjs && npx vite build`).
// The steps share one page and run in order, like a user's session.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, type App, useWebApp } from './helpers/browser';
import { type Serve } from './helpers/server';

const ROWS = 30;

let tmp: string;
let csv: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-e2e-dataset-actions-'));
  csv = path.join(tmp, 'codes.csv');
  // `code` looks like 001, 002, …: zero-padded, so inference keeps it as text (categorical).
  const lines = [
    'code,label,value',
    ...Array.from(
      { length: ROWS },
      (_, i) => `${String(i + 1).padStart(3, '0')},${['alpha', 'beta', 'gamma'][i % 3]},${(i * 1.5).toFixed(1)}`,
    ),
  ];
  fs.writeFileSync(csv, lines.join('\n') + '\n');
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

/** Column name → the text of its Kind cell. */
async function kinds(): Promise<Record<string, string>> {
  const rows = page.getByTestId('column-table').locator('tbody tr');
  await rows.first().waitFor();
  const cells = await rows.evaluateAll((trs) =>
    trs.map((tr) => [
      tr.querySelector('.ds-column-name')?.textContent ?? '',
      (tr.querySelectorAll('td')[1]?.textContent ?? '').trim(),
    ]),
  );
  return Object.fromEntries(cells);
}

/** Opens a column's panel and re-imports with the column read as `kind`. */
async function reimport(column: string, kind: string) {
  // Match the name cell exactly: another column's notes may mention the word.
  await page
    .getByTestId('column-table')
    .locator('tbody tr')
    .filter({ has: page.locator('.ds-column-name', { hasText: new RegExp(`^${column}$`) }) })
    .click();
  const panel = page.getByRole('dialog', { name: `Column ${column}` });
  await panel.waitFor();
  await panel.getByLabel('Change kind…').selectOption(kind);
  await panel.getByRole('button', { name: 'Re-import with this kind' }).click();
  return panel;
}

describe('Dataset actions in web mode', () => {
  it('imports a CSV whose zero-padded codes are inferred as categorical', async () => {
    await page.goto(`${serve.origin}/#/datasets`);
    await page.getByRole('heading', { name: 'Import a data file to profile it' }).waitFor();
    await page.getByTestId('add-dataset-input').setInputFiles(csv);
    await page.waitForURL(/#\/datasets\/codes$/, { timeout: 30_000 });
    expect(await kinds()).toEqual({ code: 'categorical', label: 'categorical', value: 'float' });
  });

  it('re-imports with `code` as integer into a new dataset and leaves the original unchanged', async () => {
    await reimport('code', 'integer');
    await page.waitForURL(/#\/datasets\/codes-2$/, { timeout: 30_000 });
    await page.getByRole('heading', { level: 1, name: 'codes-2' }).waitFor();
    const note = page.getByTestId('reimport-note');
    expect(await note.textContent()).toBe(
      'Re-imported as codes-2 with column code as integer; the original dataset codes is unchanged.',
    );
    const k = await kinds();
    expect(k.code).toBe('integerinferred categorical, overridden');
    expect(k.label).toBe('categorical');
    // Integers now: numeric statistics, 001 read as 1.
    const min = await page
      .getByTestId('column-table')
      .locator('tbody tr', { hasText: 'code' })
      .first()
      .locator('td')
      .nth(5)
      .textContent();
    expect(min?.trim()).toBe('1');
    await screenshot(page, 'dataset-actions-reimported');

    await note.getByRole('link', { name: 'codes' }).click();
    await page.waitForURL(/#\/datasets\/codes$/);
    await page.getByRole('heading', { level: 1, name: 'codes' }).waitFor();
    expect(await kinds()).toEqual({ code: 'categorical', label: 'categorical', value: 'float' });
    await expect(page.getByTestId('reimport-note').count()).resolves.toBe(0);
  });

  it('keeps earlier overrides on a second re-import', async () => {
    // From codes-2 (code already integer), read value as categorical: code stays integer in codes-3.
    await page.goto(`${serve.origin}/#/datasets/codes-2`);
    await page.getByRole('heading', { level: 1, name: 'codes-2' }).waitFor();
    await reimport('value', 'categorical');
    await page.waitForURL(/#\/datasets\/codes-3$/, { timeout: 30_000 });
    await page.getByRole('heading', { level: 1, name: 'codes-3' }).waitFor();
    expect(await kinds()).toEqual({
      code: 'integerinferred categorical, overridden',
      label: 'categorical',
      value: 'categoricalinferred float, overridden',
    });
  });

  it('fails inline, naming the line, when the values do not fit the kind, and adds nothing', async () => {
    const panel = await reimport('label', 'integer');
    const alert = panel.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    const text = await alert.textContent();
    expect(text).toMatch(/line 2, column "label": "alpha" is not an integer/);
    expect(text).toMatch(/INVALID_INPUT/);
    // The upload's server folder is not shown; the file is named as the user knows it.
    expect(text).toMatch(/codes\.csv/);
    expect(text).not.toContain(serve.workspace);
    expect(page.url()).toMatch(/#\/datasets\/codes-3$/);
    await screenshot(page, 'dataset-actions-kind-error');
    await panel.getByRole('button', { name: 'Close column panel' }).click();
    await panel.waitFor({ state: 'detached' });

    await page.getByRole('link', { name: /← Datasets/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Datasets' }).waitFor();
    // The heading shows before the list has loaded: wait for the rows, not just the page.
    const names = async () =>
      (await page.locator('tbody tr td:first-child').allTextContents()).map((n) => n.replace(/CSV$/, '')).sort();
    await expect.poll(names, { timeout: 15_000 }).toEqual(['codes', 'codes-2', 'codes-3']);
  });

  it('opens the Drift form with the dataset preselected as the reference from “Compare with…”', async () => {
    await page.goto(`${serve.origin}/#/datasets/codes`);
    await page.getByRole('heading', { level: 1, name: 'codes' }).waitFor();
    await page.getByRole('link', { name: 'Compare with…' }).click();
    await page.waitForURL(/#\/drift\/new\/codes$/);
    await page.getByRole('heading', { level: 1, name: 'Drift' }).waitFor();
    const reference = page.getByLabel('Reference dataset');
    await reference.locator('option[value="codes-3"]').waitFor({ state: 'attached' });
    expect(await reference.inputValue()).toBe('codes');
    expect(await page.getByLabel('Current dataset').inputValue()).toBe('');
    // One choice left to make: the current side.
    await expect(page.getByRole('button', { name: 'Run drift' }).isDisabled()).resolves.toBe(true);
    await page.getByLabel('Current dataset').selectOption('codes-2');
    await expect(page.getByRole('button', { name: 'Run drift' }).isDisabled()).resolves.toBe(false);
    await screenshot(page, 'dataset-actions-compare-with');
    expect(app.problems().filter((p) => p.startsWith('page error'))).toEqual([]);
  });

  it('says to add the file again when the uploaded source is gone', async () => {
    await page.goto(`${serve.origin}/#/datasets/codes`);
    await page.getByRole('heading', { level: 1, name: 'codes' }).waitFor();
    // In web mode the source is the server-side copy of the upload; a restarted server has dropped it.
    const source = await page.getByTestId('dataset-summary').locator('span.mono[title]').getAttribute('title');
    expect(source && fs.existsSync(source)).toBe(true);
    fs.rmSync(source!);
    const panel = await reimport('code', 'integer');
    const alert = panel.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    const text = await alert.textContent();
    expect(text).toMatch(/codes\.csv: no such file/);
    expect(text).toMatch(/Add the file again with Add dataset…/);
    expect(page.url()).toMatch(/#\/datasets\/codes$/);
    await screenshot(page, 'dataset-actions-source-gone');
  });
});
