// Benchmark inputs in the browser (web mode: the real `preflight serve` + headless Chromium): the
// forms show each input with dtype and shape and ask for the free dimensions, the run page,
// history and compare show what was fed, assumptions stand out, and runs of other shapes are not
// compared. Fixtures: test/fixtures/models/make_bench_models.py. Build first (`npm run build`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { screenshot, type App, useWebApp } from './helpers/browser';
import { ROOT, type Serve } from './helpers/server';

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-e2e-bench-inputs-'));

async function cli(args: string[]) {
  const r = await runCli([...args, '--workspace', workspace]);
  expect(r.code, r.stderr).toBe(0);
  return r.json;
}

beforeAll(async () => {
  for (const m of ['ocr_rec_like', 'silero_like', 'ocr_cls_like'])
    await cli(['models', 'add', path.join(ROOT, `test/fixtures/models/${m}.onnx`)]);
  await cli(['bench', 'ocr_rec_like', '--iterations', '300', '--threads', '1']); // run 1: the width left free (assumed 1)
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

const form = () => page.getByRole('form', { name: 'New benchmark' });
const field = (label: string) => form().getByLabel(label, { exact: true });
const run = () => form().getByRole('button', { name: 'Run benchmark' });

describe('Benchmark inputs in web mode', () => {
  it('New benchmark shows each input with dtype and shape; the free width is a marked suggestion and Run waits for a real number', async () => {
    await page.goto(`${serve.origin}/#/bench`);
    await field('Model').selectOption('ocr_rec_like');
    const table = page.getByTestId('bench-new-inputs');
    await table.locator('tbody tr').first().waitFor({ timeout: 30_000 });
    const cells = await table.locator('tbody tr').first().locator('td').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['x', 'float32', '[p2o.DynamicDimension.0,3,48,p2o.DynamicDimension.1]']);
    expect(cells[3]).toMatch(/^batch3481?suggested — set the real size$/);
    const width = field('x dimension 3 (p2o.DynamicDimension.1)');
    await expect(width.inputValue()).resolves.toBe('1');
    await expect(page.getByTestId('bench-new-suggested-x').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('bench-new-inputs-note').textContent()).resolves.toMatch(
      /will be reported with every result as an assumed shape/,
    );
    await width.fill('');
    await expect(run().isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('bench-new-inputs-problem').textContent()).resolves.toBe(
      'Cannot run yet: x: dimension 3 (p2o.DynamicDimension.1) needs a positive whole number',
    );
    await width.fill('320');
    await expect(run().isEnabled()).resolves.toBe(true);
    await expect(page.getByTestId('bench-new-suggested-x').count()).resolves.toBe(0);
    await screenshot(page, 'bench-inputs-form');
  });

  it('runs at 48×320 and the run page shows the shape, dtype and source fed, with nothing assumed', async () => {
    await field('Iterations').fill('300');
    await field('Intra-op threads').fill('1');
    await run().click();
    await page.waitForURL(/#\/bench\/2$/, { timeout: 60_000 });
    const inputs = page.getByTestId('bench-run-inputs');
    await inputs.locator('tbody tr').first().waitFor({ timeout: 30_000 });
    expect(await inputs.locator('tbody tr').first().locator('td').allTextContents()).toEqual([
      'x',
      'float32',
      '1×3×48×320',
      '[p2o.DynamicDimension.0,3,48,p2o.DynamicDimension.1]',
      'random uniform [-1, 1), seed 1',
    ]);
    await expect(page.getByTestId('bench-inputs-assumed').count()).resolves.toBe(0);
  });

  it('a run whose width was assumed says so first, and history marks it', async () => {
    await page.goto(`${serve.origin}/#/bench/1`);
    const alert = page.getByTestId('bench-inputs-assumed');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toMatch(
      /^Inputs assumed, not set: x \[p2o.DynamicDimension.0,3,48,p2o.DynamicDimension.1\]: dimension 3 \(p2o.DynamicDimension.1\) = 1 — nothing sets it\./,
    );
    // Above every number: the alert precedes the Summary section.
    const order = await page.evaluate(() => {
      const a = document.querySelector('[data-testid="bench-inputs-assumed"]')!;
      const s = document.getElementById('bench-summary')!;
      return a.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order).toBeTruthy();
    expect(await page.getByTestId('bench-run-inputs').locator('tbody td').nth(2).textContent()).toBe('1×3×48×1assumed');
    await screenshot(page, 'bench-inputs-assumed');
    await page.goto(`${serve.origin}/#/bench`);
    const rows = page.getByRole('region', { name: /^Run history/ }).locator('tbody tr');
    await rows.nth(1).waitFor({ timeout: 30_000 });
    expect(await rows.nth(1).textContent()).toMatch(/x float32\[1,3,48,1\] random uniform \[-1, 1\), seed 1assumed/);
    expect(await rows.nth(0).textContent()).toMatch(
      /x float32\[1,3,48,320\] random uniform \[-1, 1\), seed 1(?!assumed)/,
    );
  });

  it('comparing the 48×1 and 48×320 runs says “not comparable” at the top, with the reason, and no significance', async () => {
    await page.goto(`${serve.origin}/#/bench/compare/1/2`);
    const banner = page.getByTestId('bench-not-comparable');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.textContent()).toMatch(
      /^Not comparable — A and B did not measure the same work.*input x is float32\[1,3,48,1\] in A but float32\[1,3,48,320\] in B$/,
    );
    expect(await page.getByTestId('bench-verdict').textContent()).toMatch(/^not comparable: /);
    const significant = await page
      .getByRole('table', { name: 'Percentile differences' })
      .locator('tbody tr td:last-child')
      .allTextContents();
    expect(new Set(significant)).toEqual(new Set(['n/a']));
    await expect(page.getByTestId('bench-compare-inputs-a').textContent()).resolves.toBe(
      'x float32[1,3,48,1] random uniform [-1, 1), seed 1',
    );
    await expect(page.getByTestId('bench-compare-inputs-b').textContent()).resolves.toBe(
      'x float32[1,3,48,320] random uniform [-1, 1), seed 1',
    );
    expect(await page.getByTestId('bench-inputs-assumed').first().textContent()).toMatch(/^A: Inputs assumed, not set/);
    // First on the page: before the points, the numbers and the other notes.
    const first = await page.evaluate(() => document.querySelector('main [role="alert"]')?.getAttribute('data-testid'));
    expect(first).toBe('bench-not-comparable');
    await screenshot(page, 'bench-inputs-not-comparable');
  });

  it('Silero-like: unnamed dimensions are set per input and the sample rate as a constant; the run succeeds', async () => {
    await page.goto(`${serve.origin}/#/bench`);
    await field('Model').selectOption('silero_like');
    await field('input dimension 1').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('bench-new-inputs').locator('tbody tr').allTextContents()).toEqual([
      expect.stringMatching(/^inputfloat32\[\?,\?\]batch/),
      expect.stringMatching(/^statefloat32\[2,\?,128\]2/),
      expect.stringMatching(/^srint64\[\]scalar/),
    ]);
    await field('input dimension 1').fill('512');
    await expect(field('state dimension 1').inputValue()).resolves.toBe('1');
    // Agreeing with the suggested 1 is an explicit act, not leaving the field alone.
    await form().getByRole('button', { name: 'Use the suggested sizes as mine' }).click();
    await expect(page.getByTestId('bench-new-suggested-state').count()).resolves.toBe(0);
    await field('sr values').selectOption('constant');
    await expect(run().isDisabled()).resolves.toBe(true); // a constant with no value is not a value
    await field('sr constant').fill('16000');
    await expect(run().isEnabled()).resolves.toBe(true);
    await field('Iterations').fill('200');
    await run().click();
    await page.waitForURL(/#\/bench\/3$/, { timeout: 60_000 });
    const inputs = page.getByTestId('bench-run-inputs');
    await inputs.locator('tbody tr').nth(2).waitFor({ timeout: 30_000 });
    expect(await inputs.locator('tbody tr').allTextContents()).toEqual([
      'inputfloat321×512[?,?]random uniform [-1, 1), seed 1',
      'statefloat322×1×128[2,?,128]random uniform [-1, 1), seed 2',
      'srint64scalar[]constant 16000',
    ]);
    await expect(page.locator('.bench-note-error').count()).resolves.toBe(0);
    await expect(page.getByTestId('bench-inputs-assumed').count()).resolves.toBe(0);
  });

  it('an unavailable provider reads as one line, with onnxruntime’s words one click away', async () => {
    await page.goto(`${serve.origin}/#/bench`);
    const reason = page.getByTestId('bench-provider-reason-webgpu');
    await page
      .locator('.bench-ep', { hasText: 'cpu' })
      .getByText('available', { exact: true })
      .waitFor({ timeout: 30_000 });
    if ((await reason.count()) === 0) return; // this machine has a WebGPU adapter
    await expect(reason.locator('.bench-provider-summary').textContent()).resolves.toBe('WebGPU: no GPU adapter found');
    const verbatim = reason.locator('details pre');
    await expect(verbatim.isVisible()).resolves.toBe(false);
    await reason.getByText('onnxruntime’s message').click();
    await expect(verbatim.textContent()).resolves.toMatch(/Failed to get a WebGPU adapter/);
  });

  it('A/B asks for the inputs once for both arms and compares them on the same work', async () => {
    const ab = page.getByRole('form', { name: 'A/B comparison' });
    await ab.getByLabel('A model', { exact: true }).selectOption('ocr_cls_like@1');
    await ab.getByLabel('B model', { exact: true }).selectOption('ocr_cls_like@1');
    await ab.getByLabel('x dimension 2', { exact: true }).waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('bench-ab-suggested-x').isVisible()).resolves.toBe(true);
    await ab.getByLabel('x dimension 2', { exact: true }).fill('48');
    await ab.getByLabel('x dimension 3', { exact: true }).fill('192');
    await ab.getByLabel('B spinning', { exact: true }).selectOption('off');
    await ab.getByLabel('Blocks', { exact: true }).fill('2');
    await ab.getByLabel('Iterations per block', { exact: true }).fill('100');
    await ab.getByRole('button', { name: 'Run A/B' }).click();
    await page.waitForURL(/#\/bench\/4$/, { timeout: 60_000 });
    const verdict = page.getByRole('region', { name: /^A\/B comparison/ }).getByTestId('bench-verdict');
    await verdict.waitFor({ timeout: 30_000 });
    expect(await verdict.textContent()).toMatch(/at p50.*at p99|at p99.*at p50/);
    await expect(page.getByTestId('bench-not-comparable').count()).resolves.toBe(0);
    expect(await page.getByTestId('bench-run-inputs').locator('tbody tr').first().textContent()).toBe(
      'xfloat321×3×48×192[N,3,?,?]random uniform [-1, 1), seed 1',
    );
    // Each sample-size warning once, for both arms together.
    const notes = await page.locator('.bench-notes li').allTextContents();
    const p99 = notes.filter((n) => n.includes('p99 from'));
    expect(p99).toHaveLength(1);
    expect(p99[0]).toMatch(/^all points: p99 from 200 samples/);
    await screenshot(page, 'bench-inputs-ab');
    expect(app.problems()).toEqual([]);
  });
});
