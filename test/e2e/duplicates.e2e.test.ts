// Adding a model whose bytes are already registered under another name, in web mode (real
// `preflight serve`, headless Chromium; build first: `node scripts/build.mjs && npx vite build`):
// the app offers the existing version, and registers a second copy only when asked.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS, tempDir } from '../helpers/workspace';
import { type App, useWebApp } from './helpers/browser';
import { type Serve } from './helpers/server';

const tmp = tempDir('preflight-e2e-dup-');
const renamed = path.join(tmp.dir, 'renamed.onnx');
fs.copyFileSync(path.join(MODELS, 'tiny_mlp.onnx'), renamed);
const web = useWebApp();
let serve: Serve;
let app: App;
let page: Page;
beforeAll(() => {
  ({ serve, app, page } = web);
});
afterAll(() => tmp.cleanup());

describe('Same model bytes under another name', () => {
  it('offers the version that already holds the bytes, and adds nothing', async () => {
    await page.goto(`${serve.origin}/#/models`);
    await page.getByTestId('add-model-input').setInputFiles(path.join(MODELS, 'tiny_mlp.onnx'));
    await page.waitForURL(/#\/models\/tiny_mlp@1$/, { timeout: 30_000 });
    await page.getByTestId('add-model-input').setInputFiles(renamed);
    const notice = page.getByTestId('model-same-bytes');
    await notice.waitFor({ timeout: 30_000 });
    await expect(notice.textContent()).resolves.toMatch(
      /These bytes are already registered as tiny_mlp@1; nothing was added/,
    );
    await expect(notice.getByRole('link', { name: 'tiny_mlp@1' }).count()).resolves.toBe(1);
    expect(page.url()).toMatch(/#\/models\/tiny_mlp@1$/);
  });

  it('registers a second copy only when asked, and says the bytes are shared', async () => {
    await page.getByRole('button', { name: 'Register as renamed too' }).click();
    await page.waitForURL(/#\/models\/renamed@1$/, { timeout: 30_000 });
    await expect(page.getByTestId('model-same-bytes').textContent()).resolves.toMatch(
      /Registered renamed@1; the same bytes are also registered as tiny_mlp@1/,
    );
    expect(app.problems()).toEqual([]);
  });
});
