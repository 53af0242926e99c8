// A model onnxruntime cannot load, added from the app: refused with the runtime's reason, and kept
// only when the user asks ("Register it anyway", the CLI's --allow-unloadable). Build first.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, useWebApp } from './helpers/browser';
import { unloadable } from '../fixtures/models/make-crafted.mjs';

const web = useWebApp();
let page: Page;
let dir: string;
beforeAll(() => {
  page = web.page;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-e2e-unloadable-'));
  fs.writeFileSync(path.join(dir, 'broken_op.onnx'), unloadable());
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a model that does not load', () => {
  it('is refused with onnxruntime’s reason, then registered on request, marked as not loading', async () => {
    // The app opens on Readiness; the empty Models screen has the add-model chooser.
    await page.goto(`${web.serve.origin}/#/models`);
    await page.getByRole('heading', { name: 'Add an .onnx model to get started' }).waitFor();
    await page.getByTestId('add-model-input').setInputFiles(path.join(dir, 'broken_op.onnx'));
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toMatch(/MODEL_LOAD_FAILED/);
    expect(await alert.textContent()).toMatch(/NoSuchOp/);
    await screenshot(page, 'models-unloadable-refused');
    await page.getByRole('button', { name: 'Register it anyway' }).click();
    await page.waitForURL(/#\/models\/broken_op@1$/, { timeout: 30_000 });
    await expect(page.getByTestId('load-status').textContent()).resolves.toMatch(/not load|does not load|NoSuchOp/i);
  });
});
