// Actions where you are, and a drift form that offers only what works: a model page's "Benchmark this"
// and "Check drift", a production dataset's "Compare with…" on the Current side, the time column as a
// choice of the current dataset's date/time (and epoch) columns, models that cannot use the reference
// greyed with the reason, and an invalid field marked and focused. Web mode (build first: `npm run build`).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, MODELS, tempDir } from '../helpers/workspace';
import { type App, useWebApp } from './helpers/browser';
import { type Serve } from './helpers/server';

const ws = tempDir('preflight-e2e-actions-');
const cli = (...args: string[]) =>
  execFileSync(process.execPath, [CLI, ...args, '--workspace', ws.dir], { stdio: 'ignore' });
cli('demo');
cli('models', 'add', path.join(MODELS, 'tiny_mlp.onnx'));
// A dataset whose time is epoch seconds (and whose `age` is an integer that is not a time), seeded.
let seed = 42;
const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
const start = Date.UTC(2026, 0, 5) / 1000;
const epochCsv = path.join(ws.dir, 'events.csv');
fs.writeFileSync(
  epochCsv,
  [
    'ts,age,amount',
    ...Array.from(
      { length: 300 },
      (_, i) => `${start + i * 3600},${20 + Math.floor(rand() * 50)},${rand().toFixed(3)}`,
    ),
  ].join('\n'),
);
cli('datasets', 'add', epochCsv, '--name', 'events');

const web = useWebApp({ workspace: ws.dir });
let serve: Serve;
let app: App;
let page: Page;
beforeAll(() => {
  ({ serve, app, page } = web);
});
afterAll(() => ws.cleanup());

/** A fresh load of a screen: a hash change alone would keep the form's state from the last test. */
async function open(hash: string) {
  await page.goto(`${serve.origin}/${hash}`);
  await page.reload();
}

const options = async (label: string) =>
  page
    .getByLabel(label, { exact: true })
    .locator('option')
    .evaluateAll((os) =>
      os.map((o) => ({
        value: (o as HTMLOptionElement).value,
        disabled: (o as HTMLOptionElement).disabled,
        text: o.textContent ?? '',
      })),
    );

describe('Actions where you are', () => {
  it('a model page opens the benchmark form with that model and version chosen', async () => {
    await page.goto(`${serve.origin}/#/models/tiny_mlp@1`);
    await page.getByRole('link', { name: 'Benchmark this' }).click();
    await page.waitForURL(/#\/bench\/new\/tiny_mlp@1$/);
    const model = page.getByLabel('Model', { exact: true });
    await model.locator('option[value="tiny_mlp"]').waitFor({ state: 'attached' });
    // tiny_mlp is not the first model: the form chose it because the page asked.
    expect((await options('Model'))[0].value).toBe('demo-credit-risk');
    expect(await model.inputValue()).toBe('tiny_mlp');
    expect(await page.getByLabel('Version', { exact: true }).inputValue()).toBe('1');
  });

  it('"Check drift" opens the drift form with the model chosen', async () => {
    await page.goto(`${serve.origin}/#/models/demo-credit-risk@1`);
    await page.getByRole('link', { name: 'Check drift' }).click();
    await page.waitForURL(/#\/drift\/for-model\/demo-credit-risk$/);
    const model = page.getByLabel('Model', { exact: true });
    await model.locator('option[value="demo-credit-risk"]').waitFor({ state: 'attached' });
    expect(await model.inputValue()).toBe('demo-credit-risk');
  });

  it('"Compare with…" on production data puts it in Current, with the training data as Reference', async () => {
    await page.goto(`${serve.origin}/#/datasets/demo-production`);
    await page.getByRole('heading', { level: 1, name: 'demo-production' }).waitFor();
    await page.getByRole('link', { name: 'Compare with…' }).click();
    await page.waitForURL(/#\/drift\/new\/demo-production$/);
    const current = page.getByLabel('Current dataset');
    await current.locator('option[value="demo-production"]').waitFor({ state: 'attached' });
    await expect.poll(() => current.inputValue()).toBe('demo-production');
    expect(await page.getByLabel('Reference dataset').inputValue()).toBe('demo-training');
  });
});

describe('The drift form offers only what works', () => {
  it("time column: the current dataset's date/time and epoch columns, not free text", async () => {
    await open('#/drift');
    const time = page.getByLabel('Time column', { exact: true });
    expect(await time.evaluate((e) => e.tagName)).toBe('SELECT');
    expect(await time.isDisabled()).toBe(true); // no current dataset yet
    await page.getByLabel('Current dataset').selectOption('demo-production');
    await expect.poll(async () => (await options('Time column')).map((o) => o.value)).toEqual(['', 'event_time']);
    await page.getByLabel('Current dataset').selectOption('events');
    await expect
      .poll(async () => (await options('Time column')).map((o) => o.text))
      .toEqual(['none', 'ts (epoch seconds)']);
    await time.selectOption('ts');
    expect(await page.getByLabel('Window', { exact: true }).isDisabled()).toBe(false);
  });

  it('models whose inputs the reference cannot feed are greyed, with the reason', async () => {
    await open('#/drift');
    const disabled = async () =>
      Object.fromEntries((await options('Model')).filter((o) => o.value).map((o) => [o.value, o.disabled]));
    // The training data has the demo model's five features, and four numbers for tiny_mlp's x[N,4].
    await page.getByLabel('Reference dataset').selectOption('demo-training');
    await expect.poll(disabled).toEqual({ 'demo-credit-risk': false, tiny_mlp: false });
    // `events` has three numerical columns: too few for either.
    await page.getByLabel('Reference dataset').selectOption('events');
    await expect.poll(disabled).toEqual({ 'demo-credit-risk': true, tiny_mlp: true });
    const tiny = (await options('Model')).find((o) => o.value === 'tiny_mlp')!;
    expect(tiny.text).toMatch(/cannot use: input x takes 4 values per row but the dataset has 3 numerical columns/);
  });

  it('an invalid field is marked where the message says, and focused', async () => {
    await open('#/drift');
    await page.getByLabel('Reference dataset').selectOption('demo-training');
    await page.getByLabel('Current dataset').selectOption('demo-production');
    const model = page.getByLabel('Model', { exact: true });
    await expect
      .poll(async () => (await options('Model')).find((o) => o.value === 'demo-credit-risk')?.disabled)
      .toBe(false);
    await model.selectOption('demo-credit-risk');
    const firstInput = page.getByLabel(/^Columns for input /).first();
    await firstInput.fill('no_such_column');
    await page.getByRole('button', { name: 'Run drift' }).click();
    const alert = page.locator('#drift-form-error');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/check the model inputs/);
    expect(await alert.textContent()).toMatch(/mapping: /);
    await expect.poll(() => firstInput.getAttribute('aria-invalid')).toBe('true');
    expect(await firstInput.evaluate((e) => e === document.activeElement)).toBe(true);
    // The other fields are not blamed.
    expect(await page.getByLabel('Reference dataset').getAttribute('aria-invalid')).toBeNull();
    expect(app.problems().filter((p) => p.startsWith('page error'))).toEqual([]);
  });
});
