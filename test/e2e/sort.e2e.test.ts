// Lists sort by column: a click on a header orders the Models, Datasets, Benchmarks and Drift lists by
// that column (numbers by value, dates by time, names as people read them) and says so in aria-sort.
// Web mode (real `preflight serve`, headless Chromium; build first: `npm run build`).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, MODELS, tempDir } from '../helpers/workspace';
import { type App, useWebApp } from './helpers/browser';
import { type Serve } from './helpers/server';

const ws = tempDir('preflight-e2e-sort-');
const cli = (...args: string[]) =>
  execFileSync(process.execPath, [CLI, ...args, '--workspace', ws.dir, '--json'], { encoding: 'utf8' });
cli('demo');
cli('models', 'add', path.join(MODELS, 'tiny_mlp.onnx'));
// Datasets whose names sort differently as text and as people read them (part-9 < part-10), with
// row counts that do not follow the names, from a seeded generator.
let seed = 20261204;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
for (const part of [10, 9, 100]) {
  const n = 5 + Math.floor(rand() * 400);
  const file = path.join(ws.dir, `part-${part}.csv`);
  fs.writeFileSync(file, ['x,y', ...Array.from({ length: n }, (_, i) => `${i},${rand().toFixed(3)}`)].join('\n'));
  cli('datasets', 'add', file, '--name', `part-${part}`);
}
cli('drift', '--reference', 'demo-training', '--current', 'demo-training');
cli('drift', '--reference', 'part-9', '--current', 'part-100');

const web = useWebApp({ workspace: ws.dir });
let serve: Serve;
let app: App;
let page: Page;
beforeAll(() => {
  ({ serve, app, page } = web);
});
afterAll(() => ws.cleanup());

/** One column's cell texts, top to bottom. */
async function column(caption: string, header: string): Promise<string[]> {
  const table = page.getByRole('table', { name: caption });
  const headers = (await table.locator('thead th').allTextContents()).map((h) => h.trim());
  const i = headers.indexOf(header);
  expect(i, `"${header}" among ${headers.join(', ')}`).toBeGreaterThanOrEqual(0);
  return (await table.locator(`tbody tr td:nth-child(${i + 1})`).allTextContents()).map((t) => t.trim());
}

async function sortBy(caption: string, header: string, direction: 'ascending' | 'descending') {
  const th = page.getByRole('table', { name: caption }).getByRole('columnheader', { name: header, exact: true });
  for (let i = 0; i < 2 && (await th.getAttribute('aria-sort')) !== direction; i++)
    await th.getByRole('button').click();
  expect(await th.getAttribute('aria-sort')).toBe(direction);
}

const byNumber = (a: number, b: number) => a - b;

describe('Sorting lists by column', () => {
  it('Datasets: rows as numbers, names as people read them, dates by time', async () => {
    const list = JSON.parse(cli('datasets', 'list')) as { name: string; rows: number; addedAt: string }[];
    const caption = 'Datasets in this workspace';
    await page.goto(`${serve.origin}/#/datasets`);
    await page.getByRole('table', { name: caption }).locator('tbody tr').first().waitFor();
    const rowsHeader = page.getByRole('columnheader', { name: 'Rows', exact: true });
    expect(await rowsHeader.getAttribute('aria-sort')).toBe('none');

    await sortBy(caption, 'Rows', 'ascending');
    const shownRows = (await column(caption, 'Rows')).map((t) => Number(t.replace(/,/g, '')));
    expect(shownRows).toEqual(list.map((d) => d.rows).sort(byNumber));
    // Only one header is sorted at a time.
    expect(await page.getByRole('columnheader', { name: 'Name', exact: true }).getAttribute('aria-sort')).toBe('none');

    await sortBy(caption, 'Rows', 'descending');
    expect((await column(caption, 'Rows')).map((t) => Number(t.replace(/,/g, '')))).toEqual(
      list.map((d) => d.rows).sort((a, b) => b - a),
    );

    await sortBy(caption, 'Name', 'ascending');
    const names = await column(caption, 'Name');
    const parts = names.filter((n) => n.startsWith('part-'));
    expect(parts).toEqual(['part-9', 'part-10', 'part-100']);
    expect(names.indexOf('demo-training')).toBeLessThan(names.indexOf('part-9'));

    await sortBy(caption, 'Added', 'descending');
    const newestFirst = [...list].sort((a, b) => Date.parse(b.addedAt) - Date.parse(a.addedAt)).map((d) => d.name);
    expect(await column(caption, 'Name')).toEqual(newestFirst);
  });

  it('Models, Benchmarks and Drift sort by their own columns', async () => {
    await page.goto(`${serve.origin}/#/models`);
    const models = 'Registered models';
    await page.getByRole('table', { name: models }).locator('tbody tr').first().waitFor();
    await sortBy(models, 'Name', 'descending');
    const modelNames = await column(models, 'Name');
    expect(modelNames).toEqual([...modelNames].sort((a, b) => b.localeCompare(a, 'en', { numeric: true })));
    await sortBy(models, 'Added', 'ascending');
    const added = (JSON.parse(cli('models', 'list')) as { name: string; addedAt: string }[])
      .sort((a, b) => Date.parse(a.addedAt) - Date.parse(b.addedAt))
      .map((m) => m.name);
    expect(await column(models, 'Name')).toEqual(added);

    await page.goto(`${serve.origin}/#/drift`);
    const drift = 'Stored drift reports';
    await page.getByRole('table', { name: drift }).locator('tbody tr').first().waitFor();
    await sortBy(drift, '#', 'descending');
    const ids = (await column(drift, '#')).map(Number);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(ids.length).toBe(3);
    await sortBy(drift, '#', 'ascending');
    expect((await column(drift, '#')).map(Number)).toEqual([...ids].sort(byNumber));
    await sortBy(drift, 'Reference', 'ascending');
    const refs = await column(drift, 'Reference');
    expect(refs).toEqual([...refs].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));

    await page.goto(`${serve.origin}/#/bench`);
    const bench = 'Benchmark runs';
    await page.getByRole('table', { name: bench }).locator('tbody tr').first().waitFor();
    await sortBy(bench, 'Run', 'ascending');
    const runs = (await column(bench, 'Run')).map(Number);
    expect(runs).toEqual([...runs].sort(byNumber));
    await sortBy(bench, 'Run', 'descending');
    expect((await column(bench, 'Run')).map(Number)).toEqual([...runs].sort((a, b) => b - a));
    expect(app.problems()).toEqual([]);
  });
});
