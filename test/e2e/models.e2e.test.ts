// The Models screens end to end, in web mode: the real `preflight serve` and headless Chromium.
// Build first (`node scripts/build.mjs && npx vite build`); screenshots land in test-results/screenshots/.
// The steps share one page and run in order, like a user's first session.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { dropFiles, screenshot, type App, useWebApp } from './helpers/browser';
import { ROOT, type Serve } from './helpers/server';

const FIXTURES = path.join(ROOT, 'test/fixtures/models');

const web = useWebApp();
let serve: Serve;
let app: App;
let page: Page;
beforeAll(() => {
  ({ serve, app, page } = web);
});

/** Cell texts of a table's body rows inside the section titled `title`. */
async function rowsOf(sectionTitle: RegExp): Promise<string[][]> {
  const section = page.getByRole('region', { name: sectionTitle });
  const rows = section.locator('tbody tr');
  await rows.first().waitFor();
  return rows.evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => (td.textContent ?? '').trim())),
  );
}

describe('Models in web mode', () => {
  it('explains what to do on first run, with an empty workspace', async () => {
    // The app opens on Readiness, the home; Models is one step down the navigation.
    await expect(page.waitForURL(/#\/readiness$/)).resolves.toBeUndefined();
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: /Models/ })
      .click();
    await expect(page.waitForURL(/#\/models$/)).resolves.toBeUndefined();
    await page.getByRole('heading', { name: 'Add an .onnx model to get started' }).waitFor();
    await screenshot(page, 'models-empty');
  });

  it('adds a model through the file chooser and shows its inputs and outputs', async () => {
    await page.getByTestId('add-model-input').setInputFiles(path.join(FIXTURES, 'tiny_mlp.onnx'));
    await page.waitForURL(/#\/models\/tiny_mlp@1$/, { timeout: 30_000 });
    await page.getByRole('heading', { level: 1, name: 'tiny_mlp@1' }).waitFor();

    expect(await rowsOf(/^Inputs/)).toEqual([['x', 'tensor', 'float', '[N, 4]']]);
    expect(await rowsOf(/^Outputs/)).toEqual([['probs', 'tensor', 'float', '[N, 3]']]);
    await expect(page.getByTestId('load-status').textContent()).resolves.toMatch(/Loads in onnxruntime/);
    const sha = await page.getByTestId('model-sha256').textContent();
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    // Metadata written by the exporter, and the operator chart drawn on a canvas.
    expect(await rowsOf(/^Metadata/)).toEqual(expect.arrayContaining([['author', 'fixtures']]));
    await page
      .getByRole('region', { name: /^Operators \(4 nodes, 3 types\)/ })
      .locator('canvas')
      .waitFor();
    await screenshot(page, 'models-detail');
  });

  it('shows an inline error, in the core’s words, for a file that is not ONNX', async () => {
    await page.getByTestId('add-model-input').setInputFiles(path.join(FIXTURES, 'not_onnx.onnx'));
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    await expect(alert.textContent()).resolves.toMatch(/not an ONNX model: it looks like a text file/);
    expect(await alert.textContent()).toMatch(/INVALID_INPUT/);
    // Still on the model it was showing; nothing was registered.
    expect(page.url()).toMatch(/#\/models\/tiny_mlp@1$/);
    await screenshot(page, 'models-add-error');
  });

  it('cancels an upload in progress and keeps no partial file', async () => {
    const big = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-e2e-big-')), 'big_model.onnx');
    fs.writeFileSync(big, Buffer.alloc(4 * 1024 * 1024, 7));
    // Throttle uploads to ~512 KiB/s so there is time to press Cancel.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 512 * 1024,
    });
    try {
      await page.getByTestId('add-model-input').setInputFiles(big);
      await page.getByRole('status').filter({ hasText: 'Uploading big_model.onnx' }).waitFor();
      await screenshot(page, 'models-upload-progress');
      await page.getByRole('button', { name: 'Cancel' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/cancelled.*CANCELLED/s);
      await expect.poll(() => filesNamed(serve!.workspace, 'big_model.onnx'), { timeout: 10_000 }).toEqual([]);
    } finally {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      fs.rmSync(path.dirname(big), { recursive: true, force: true });
    }
    await page.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('lists the registered model and opens it from the keyboard', async () => {
    await page.getByRole('link', { name: /← Models/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
    const row = page.locator('tbody tr', { hasText: 'tiny_mlp' });
    await expect(row.textContent()).resolves.toMatch(/@1.*loadable/);
    await screenshot(page, 'models-list');
    await row.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/models\/tiny_mlp@1$/);
  });

  it('adds a model dropped on the page and shows symbolic dims verbatim', async () => {
    await page.getByRole('link', { name: /← Models/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
    await dropFiles(page, '.drop-target', [path.join(FIXTURES, 'empty_dim_names.onnx')]);
    await page.waitForURL(/#\/models\/empty_dim_names@1$/, { timeout: 30_000 });
    // An empty dim name is a name ("") and not the same as an unknown dim (?); an absent shape is "unknown rank".
    expect(await rowsOf(/^Inputs/)).toEqual([['input', 'tensor', 'float', '["", ?, 4]']]);
    expect(await rowsOf(/^Outputs/)).toEqual([['39', 'tensor', 'float', 'unknown rank']]);
  });

  it('adds a model folder whose external data sits in a subfolder, named after the folder', async () => {
    // nested_external/model.onnx keeps its weights at data/weights.bin: the upload must keep that layout.
    await page.getByTestId('add-model-folder-input').setInputFiles(path.join(FIXTURES, 'nested_external'));
    await page.waitForURL(/#\/models\/nested_external@1$/, { timeout: 30_000 });
    await page.getByRole('heading', { level: 1, name: 'nested_external@1' }).waitFor();
    const files = (await rowsOf(/^Files/)).map((r) => r.slice(0, 2));
    expect(files).toEqual(
      expect.arrayContaining([
        ['model.onnx', 'model'],
        ['data/weights.bin', 'external data'],
      ]),
    );
    // onnxruntime found the weights where `location` says: the layout survived the upload.
    expect(await page.getByTestId('load-status').textContent()).toMatch(/^Loads in onnxruntime/);
  });

  it('says so, with a way back, when a model does not exist', async () => {
    await page.goto(`${serve!.origin}/#/models/no_such_model@9`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/NOT_FOUND/);
    await page.getByRole('link', { name: /← Models/ }).waitFor();
  });

  it('reaches the navigation with Tab and switches sections with Alt+digit', async () => {
    // A fresh load, so focus starts at the top of the document as it does for a user.
    await page.goto(`${serve!.origin}/#/models`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Skip to content');
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^Readiness/);
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^Models/);
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^Datasets/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/datasets$/);
    await page.keyboard.press('Alt+6');
    await page.waitForURL(/#\/bundles$/);
    await page.keyboard.press('Alt+2');
    await page.waitForURL(/#\/models$/);
    await page.keyboard.press('Alt+1');
    await page.waitForURL(/#\/readiness$/);
  });

  it('shows every section’s screen', async () => {
    for (const [route, heading] of [
      ['readiness', /Readiness/],
      ['models', /Models/],
      ['datasets', /Datasets/],
      ['bench', /Benchmarks/],
      ['drift', /Drift/],
      ['bundles', /Bundles/],
    ] as const) {
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: heading }).click();
      await page.waitForURL(new RegExp(`#/${route}$`));
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      expect(await page.locator('nav a[aria-current="page"]').textContent()).toMatch(heading);
      await screenshot(page, `section-${route}`);
    }
  });

  it('ran without console errors, CSP violations or uncaught exceptions', () => {
    // The missing model above is an expected 404 from models/show, which the browser also logs (without its URL).
    const problems = app.problems();
    const expected = problems.filter((p) => p === 'HTTP 404 POST /api/call/models/show').length;
    let consoleEchoes = expected;
    const unexpected = problems.filter(
      (p) => p !== 'HTTP 404 POST /api/call/models/show' && !(/status of 404/.test(p) && consoleEchoes-- > 0),
    );
    expect(unexpected).toEqual([]);
  });

  it('explains a non-tensor output in its row, next to the tensor output listed as usual', async () => {
    await page.goto(`${serve!.origin}/#/models`);
    await page.getByTestId('add-model-input').setInputFiles(path.join(FIXTURES, 'sklearn_like.onnx'));
    await page.waitForURL(/#\/models\/sklearn_like@1$/, { timeout: 30_000 });
    await page.getByRole('heading', { level: 1, name: 'sklearn_like@1' }).waitFor();
    expect(await rowsOf(/^Outputs/)).toEqual([
      ['output_label', 'tensor', 'int64', '[?]'],
      [
        'output_probability',
        'seq(map(int64,tensor(float)))',
        '—',
        'not a tensor: benchmarks time the tensor outputs only; its values are not compared',
      ],
    ]);
    expect(await rowsOf(/^Inputs/)).toEqual([['float_input', 'tensor', 'float', '[?, 4]']]);
    await screenshot(page, 'models-non-tensor-output');
    // The operator chart keeps its own description for screen readers (not ECharts' generic text).
    await expect(page.locator('.chart[role="img"]').first().getAttribute('aria-label')).resolves.toMatch(
      /^Operator counts: /,
    );
  });
});

function filesNamed(dir: string, name: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile() && d.name === name)
    .map((d) => d.name);
}
