// The Benchmarks screen end to end, in web mode: the real `preflight serve` and headless Chromium.
// Build first (`node scripts/build.mjs && npx vite build`); screenshots land in test-results/screenshots/.
// The steps share one page and run in order, like a user's session.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { screenshot, type App, useWebApp } from './helpers/browser';
import { ROOT, type Serve } from './helpers/server';

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-e2e-bench-'));

beforeAll(async () => {
  // A registered model to benchmark (adding models through the UI is the Models test's job).
  const added = await runCli([
    'models',
    'add',
    path.join(ROOT, 'test/fixtures/models/tiny_mlp.onnx'),
    '--workspace',
    workspace,
  ]);
  expect(added.code).toBe(0);
});

afterAll(async () => {
  fs.rmSync(workspace, { recursive: true, force: true });
});

const web = useWebApp({ workspace });
let serve: Serve;
let app: App;
let page: Page;
beforeAll(() => {
  ({ serve, app, page } = web);
});

const field = (label: string) => page.getByRole('form', { name: 'New benchmark' }).getByLabel(label, { exact: true });

describe('Benchmarks in web mode', () => {
  it('shows every execution provider probed for the model, unavailable ones with onnxruntime’s reason', async () => {
    await page.goto(`${serve.origin}/#/bench`);
    await page.getByRole('heading', { level: 1, name: 'Benchmarks' }).waitFor();
    const cpu = page.locator('.bench-ep', { hasText: 'cpu' });
    await cpu.getByText('available', { exact: true }).waitFor({ timeout: 30_000 });
    const webgpu = page.locator('.bench-ep', { hasText: 'webgpu' });
    const text = await webgpu.textContent();
    if (text?.includes('unavailable')) expect(await webgpu.locator('.bench-ep-reason').textContent()).toMatch(/\S/);
    await screenshot(page, 'bench-new');
  });

  it('runs a sweep with live progress, then shows the results and their charts', async () => {
    await field('Batch sizes').fill('1,8');
    await field('Concurrency').fill('1,2');
    await field('Measure').selectOption('duration');
    await field('Seconds').fill('1.5');
    await field('SLO').fill('p99<=1000ms');
    await page.getByRole('button', { name: 'Run benchmark' }).click();
    const live = page.getByTestId('bench-live');
    await live.waitFor({ timeout: 30_000 });
    expect(await live.textContent()).toMatch(/Iterations[\d,]+Running p50[\d.e-]+ msRunning p99/);
    await expect(page.getByRole('button', { name: 'Cancel' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'bench-progress');

    await page.waitForURL(/#\/bench\/1$/, { timeout: 60_000 });
    await page.getByRole('heading', { level: 1, name: 'Benchmark run 1' }).waitFor();
    const rows = page.getByRole('region', { name: /^Results/ }).locator('tbody tr');
    await rows.nth(3).waitFor(); // the heading shows before the run has loaded
    await expect(rows.count()).resolves.toBe(4);
    expect(await rows.first().textContent()).toMatch(/cpu b1 c1/);
    expect(await page.getByTestId('bench-slo').textContent()).toMatch(/met/);
    await page.getByTestId('bench-charts-ready').waitFor({ state: 'attached', timeout: 30_000 });
    const charts = page.getByRole('region', { name: 'Charts' }).locator('canvas');
    await charts.nth(5).waitFor();
    await expect(charts.count()).resolves.toBe(6);
    await screenshot(page, 'bench-results');
  });

  it('cancels a running benchmark and keeps nothing', async () => {
    await page.getByRole('link', { name: '← Benchmarks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Benchmarks' }).waitFor();
    await field('Measure').selectOption('duration');
    await field('Seconds').fill('60');
    await page.getByRole('button', { name: 'Run benchmark' }).click();
    await page.getByTestId('bench-live').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Cancelled: nothing was stored.').waitFor({ timeout: 30_000 });
    const history = page.getByRole('region', { name: /^Run history/ }).locator('tbody tr');
    await expect(history.count()).resolves.toBe(1);
  });

  it('compares two runs with a verdict', async () => {
    await field('Measure').selectOption('iterations');
    await field('Iterations').fill('2000');
    await page.getByRole('button', { name: 'Run benchmark' }).click();
    await page.waitForURL(/#\/bench\/2$/, { timeout: 60_000 });
    await page.getByRole('link', { name: '← Benchmarks' }).click();
    await page.getByRole('checkbox', { name: 'Compare run 1' }).check();
    await page.getByRole('checkbox', { name: 'Compare run 2' }).check();
    await page.getByRole('button', { name: 'Compare selected' }).click();
    await page.waitForURL(/#\/bench\/compare\/1\/2$/);
    const verdict = page.getByTestId('bench-verdict');
    await verdict.waitFor({ timeout: 30_000 });
    expect(await verdict.textContent()).toMatch(/B is (slower|faster)|no significant difference/);
    await page.getByRole('region', { name: 'Comparison' }).locator('canvas').waitFor();
    await screenshot(page, 'bench-compare');
  });

  it('runs an A/B comparison of two settings interleaved in one process', async () => {
    await page.getByRole('link', { name: '← Benchmarks' }).click();
    const form = page.getByRole('form', { name: 'A/B comparison' });
    await form.getByLabel('B spinning', { exact: true }).selectOption('off');
    await form.getByLabel('Blocks', { exact: true }).fill('4');
    await page.getByRole('button', { name: 'Run A/B' }).click();
    await page.waitForURL(/#\/bench\/3$/, { timeout: 60_000 });
    const verdict = page.getByRole('region', { name: /^A\/B comparison/ }).getByTestId('bench-verdict');
    await verdict.waitFor();
    expect(await verdict.textContent()).toMatch(/B is (slower|faster)|no significant difference/);
    const rows = page.getByRole('region', { name: /^Results/ }).locator('tbody tr');
    expect(await rows.allTextContents()).toEqual([
      expect.stringMatching(/^A: tiny_mlp@1 cpu, spinning default/),
      expect.stringMatching(/^B: tiny_mlp@1 cpu, spinning off/),
    ]);
    await page.getByTestId('bench-charts-ready').waitFor({ state: 'attached', timeout: 30_000 });
    await screenshot(page, 'bench-ab');
    expect(app.problems()).toEqual([]);
  });
});
