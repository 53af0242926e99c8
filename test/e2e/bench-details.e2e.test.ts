// Benchmarks screen details a reviewer asked for, end to end in web mode (`preflight serve` + headless
// Chromium): which model each side of a comparison measured, readable charts of long runs, the A/B
// form's probed providers and both arms' settings. Runs are made with the CLI to keep this quick.
// Build first (`node scripts/build.mjs && npx vite build`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { screenshot, type App, useWebApp } from './helpers/browser';
import { ROOT, type Serve } from './helpers/server';

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-e2e-bench-details-'));
const sha: Record<string, string> = {};

async function cli(args: string[]) {
  const r = await runCli([...args, '--workspace', workspace]);
  expect(r.code, r.stderr).toBe(0);
  return r.json;
}

beforeAll(async () => {
  for (const m of ['tiny_mlp', 'small_cnn'])
    sha[m] = (await cli(['models', 'add', path.join(ROOT, `test/fixtures/models/${m}.onnx`)])).sha256;
  await cli(['bench', 'tiny_mlp', '--iterations', '120000']); // run 1: long enough for the charts to sample it
  await cli(['bench', 'small_cnn', '--iterations', '300']); // run 2: another model
  await cli(['bench', 'tiny_mlp', '--iterations', '300', '--batch', '1,4']); // run 3: the same model, other settings
}, 120_000);

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

describe('Benchmark comparisons say which model each side measured', () => {
  it('names both models with their hashes and warns that the verdict includes the model', async () => {
    await page.goto(`${serve.origin}/#/bench/compare/1/2`);
    const verdict = page.getByTestId('bench-verdict');
    await verdict.waitFor({ timeout: 30_000 });
    const a = page.getByTestId('bench-compare-side-a');
    const b = page.getByTestId('bench-compare-side-b');
    await expect(a.textContent()).resolves.toBe(
      `run 1 · tiny_mlp@1 sha256:${sha.tiny_mlp.slice(0, 12)} · cpu, batch 1, concurrency 1`,
    );
    await expect(b.textContent()).resolves.toBe(
      `run 2 · small_cnn@1 sha256:${sha.small_cnn.slice(0, 12)} · cpu, batch 1, concurrency 1`,
    );
    const warning = page.getByTestId('bench-verdict-warning');
    await expect(warning.textContent()).resolves.toBe(
      'A and B are different models (tiny_mlp@1 and small_cnn@1): the difference includes the model, not only the settings.',
    );
    await screenshot(page, 'bench-compare-models');
  });

  it('gives no such warning when both sides measured the same model, and names the chosen point', async () => {
    await page.goto(`${serve.origin}/#/bench/compare/1/3`);
    await page.getByTestId('bench-verdict').waitFor({ timeout: 30_000 });
    await page.getByLabel('B (run 3)').selectOption({ label: 'cpu b4 c1' });
    await expect
      .poll(() => page.getByTestId('bench-compare-side-b').textContent())
      .toBe(`run 3 · tiny_mlp@1 sha256:${sha.tiny_mlp.slice(0, 12)} · cpu, batch 4, concurrency 1`);
    await page.getByTestId('bench-verdict').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('bench-verdict-warning').count()).resolves.toBe(0);
  });
});

describe('Benchmark run charts are readable and honest about sampling', () => {
  const chart = (caption: RegExp) =>
    page.locator('figure', { has: page.locator('figcaption', { hasText: caption }) }).getByRole('img');

  it('draws the percentiles on a log scale and states them, matching the table', async () => {
    await page.goto(`${serve.origin}/#/bench/1`);
    await page.getByTestId('bench-charts-ready').waitFor({ state: 'attached', timeout: 30_000 });
    const cells = await page
      .getByRole('region', { name: /^Results/ })
      .locator('tbody tr')
      .first()
      .locator('td')
      .allTextContents();
    const header = await page
      .getByRole('region', { name: /^Results/ })
      .locator('thead th')
      .allTextContents();
    const cell = (h: string) => cells[header.indexOf(h)];
    const label = await chart(/^Percentiles per point \(log scale\)$/).getAttribute('aria-label');
    expect(label).toBe(
      `Latency percentiles per point, ms on a log scale: cpu b1 c1: p50 ${cell('p50')}, p90 ${cell('p90')}, p95 ${cell('p95')}, p99 ${cell('p99')}, p99.9 ${cell('p99.9')}`,
    );
  });

  it('plots a sampled run against real iteration numbers and says the histogram counts a sample', async () => {
    // 120,000 iterations, fetched as every 3rd (at most 50,000 samples per chart).
    const hist = page.locator('figcaption', { hasText: /^Histogram of/ });
    await expect(hist.textContent()).resolves.toBe('Histogram of cpu b1 c1 (every 3rd of 120,000 iterations)');
    const time = page.locator('figcaption', { hasText: /^Per-iteration latency/ });
    await expect(time.textContent()).resolves.toBe(
      'Per-iteration latency of cpu b1 c1 (every 3rd of 120,000 iterations)',
    );
    await expect(chart(/^Per-iteration latency/).getAttribute('aria-label')).resolves.toBe(
      'Latency of each iteration over time for cpu b1 c1: iterations 1 to 119,998, every 3rd of 120,000 iterations; each drawn point is the slowest of 30 iterations',
    );
    await expect(chart(/^Histogram of/).getAttribute('aria-label')).resolves.toBe(
      'Latency histogram of cpu b1 c1 (every 3rd of 120,000 iterations)',
    );
    await screenshot(page, 'bench-run-sampled');
  });
});

describe('A/B runs', () => {
  const ab = () => page.getByRole('form', { name: 'A/B comparison' });

  it('offers the EPs probed for the arm’s model, unavailable ones disabled with their reason', async () => {
    await page.goto(`${serve.origin}/#/bench`);
    const probed = page.getByRole('form', { name: 'New benchmark' }).locator('.bench-ep');
    await probed
      .first()
      .getByText(/available/)
      .waitFor({ timeout: 30_000 });
    const expected = (await probed.allTextContents()).map((t) => ({
      name: t.split(' ')[0],
      available: !/unavailable/.test(t),
    }));
    for (const arm of ['A', 'B']) {
      const select = ab().getByLabel(`${arm} EP`, { exact: true });
      await expect.poll(() => select.isEnabled(), { timeout: 30_000 }).toBe(true);
      const options = await select.locator('option').evaluateAll((os) =>
        os.map((o) => ({
          text: o.textContent ?? '',
          disabled: (o as HTMLOptionElement).disabled,
          title: o.getAttribute('title'),
        })),
      );
      expect(options.map((o) => ({ name: o.text.split(' ')[0], available: !o.disabled }))).toEqual(expected);
      for (const o of options.filter((x) => x.disabled)) {
        expect(o.text).toMatch(/^\w+ — unavailable/);
        expect(o.title).toMatch(/\S/);
      }
    }
    expect(expected.map((e) => e.name)).not.toContain(process.platform === 'darwin' ? 'dml' : 'coreml');
  });

  it('shows both arms’ models and settings when they differ', async () => {
    await ab().getByLabel('A model', { exact: true }).selectOption('tiny_mlp@1');
    await ab().getByLabel('B model', { exact: true }).selectOption('small_cnn@1');
    await ab().getByLabel('B intra-op threads', { exact: true }).fill('1');
    await ab().getByLabel('B spinning', { exact: true }).selectOption('off');
    await ab().getByLabel('Blocks', { exact: true }).fill('2');
    await ab().getByLabel('Iterations per block', { exact: true }).fill('100');
    const run = ab().getByRole('button', { name: 'Run A/B' });
    await expect.poll(() => run.isEnabled(), { timeout: 30_000 }).toBe(true);
    await run.click();
    await page.waitForURL(/#\/bench\/4$/, { timeout: 60_000 });
    const settings = page.getByTestId('bench-run-settings');
    await settings.waitFor();
    await expect(settings.textContent()).resolves.toBe(
      'warm-up 20, 200 iterations per arm (interleaved), batch 1, seed 1' +
        'A: cpu, intra-op default, inter-op default, spinning default, optimisation all' +
        'B: cpu, intra-op 1, inter-op default, spinning off, optimisation all',
    );
    await expect
      .poll(() => page.getByTestId('bench-run-model').textContent())
      .toBe(`A: tiny_mlp@1 sha256:${sha.tiny_mlp}B: small_cnn@1 sha256:${sha.small_cnn}`);
    await screenshot(page, 'bench-ab-arms');
    expect(app.problems()).toEqual([]);
  });
});
