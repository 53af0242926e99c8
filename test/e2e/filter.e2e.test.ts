// The filter box on the Models, Datasets, Benchmarks and Drift lists, in web mode (real `preflight
// serve`, headless Chromium; build first: `node scripts/build.mjs && npx vite build`).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, MODELS, tempDir } from '../helpers/workspace';
import { type App, useWebApp } from './helpers/browser';
import { type Serve } from './helpers/server';

const ws = tempDir('preflight-e2e-filter-');
const cli = (...args: string[]) =>
  execFileSync(process.execPath, [CLI, ...args, '--workspace', ws.dir], { stdio: 'ignore' });
cli('demo');
cli('models', 'add', path.join(MODELS, 'tiny_mlp.onnx'));
cli('drift', '--reference', 'demo-training', '--current', 'demo-training'); // report 2: stable, no model
const web = useWebApp({ workspace: ws.dir });
let serve: Serve;
let app: App;
let page: Page;
beforeAll(() => {
  ({ serve, app, page } = web);
});
afterAll(() => ws.cleanup());

async function rows(caption: string): Promise<string[]> {
  const table = page.getByRole('table', { name: caption });
  if ((await table.count()) === 0) return [];
  const trs = await table.locator('tbody tr').all();
  return Promise.all(
    trs.map(async (tr) => (await tr.locator('td').allTextContents()).map((t) => t.trim()).join(' | ')),
  );
}

async function filterTo(what: string, query: string) {
  await page.getByRole('searchbox', { name: `Filter ${what}` }).fill(query);
}

describe('Filter box', () => {
  it('narrows the model list by name, and says when nothing matches', async () => {
    await page.goto(`${serve.origin}/#/models`);
    await page.getByRole('table', { name: 'Registered models' }).waitFor();
    expect(await rows('Registered models')).toHaveLength(2);
    await filterTo('models', 'TINY');
    const left = await rows('Registered models');
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^tiny_mlp/);
    await filterTo('models', 'nothing-like-this');
    await page.getByText('No models match “nothing-like-this”.').waitFor();
  });

  it('narrows datasets, benchmark runs and drift reports', async () => {
    await page.goto(`${serve.origin}/#/datasets`);
    await page.getByRole('table', { name: 'Datasets in this workspace' }).waitFor();
    await filterTo('datasets', 'production');
    const datasets = await rows('Datasets in this workspace');
    expect(datasets).toHaveLength(1);
    expect(datasets[0]).toMatch(/^demo-production/);

    await page.goto(`${serve.origin}/#/bench`);
    await page.getByRole('table', { name: 'Benchmark runs' }).waitFor();
    await filterTo('runs', 'tiny');
    await page.getByText('No runs match “tiny”.').waitFor();
    await filterTo('runs', 'credit sweep');
    expect(await rows('Benchmark runs')).toHaveLength(1);

    await page.goto(`${serve.origin}/#/drift`);
    await page.getByRole('table', { name: 'Stored drift reports' }).waitFor();
    expect(await rows('Stored drift reports')).toHaveLength(2);
    await filterTo('reports', 'credit-risk');
    const left = await rows('Stored drift reports');
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^1 \|.*demo-production.*demo-credit-risk@1/);
    await filterTo('reports', 'stable');
    expect((await rows('Stored drift reports'))[0]).toMatch(/^2 \|/);
    expect(app.problems()).toEqual([]);
  });
});
