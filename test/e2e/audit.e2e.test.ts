// The audit trail in the app (web mode, headless Chromium): entries of changes made through the CLI
// on the same workspace, filterable, exportable as JSON Lines. Build first (`npm run build`).
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot, useWebApp } from './helpers/browser';
import { ROOT } from './helpers/server';

const web = useWebApp();
let page: Page;
beforeAll(() => {
  page = web.page;
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(ROOT, 'bin/preflight.mjs'), ...args, '--workspace', web.serve.workspace], {
      encoding: 'utf8',
    });
  expect(cli('models', 'add', path.join(ROOT, 'test/fixtures/models/tiny_mlp.onnx')).status).toBe(0);
  expect(cli('datasets', 'add', path.join(ROOT, 'test/fixtures/datasets/ids.csv')).status).toBe(0);
  expect(cli('datasets', 'add', path.join(ROOT, 'test/fixtures/datasets/empty.csv')).status).toBe(2);
});

describe('the audit trail screen', () => {
  it('lists the changes newest first, filters them and exports JSON Lines', async () => {
    await page.goto(`${page.url().split('#')[0]}#/audit`);
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    const rows = page.getByRole('region', { name: 'Audit entries' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.first().textContent()).toMatch(/datasets\/add.*INVALID_INPUT/);
    expect(await rows.last().textContent()).toMatch(/models\/add.*ok.*tiny_mlp@1/);
    await page.getByLabel('Filter by change').selectOption('models/');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel('Filter by change').selectOption('');
    await page.getByLabel('Filter by outcome').selectOption('ok');
    await expect.poll(() => rows.count()).toBe(2);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON Lines' }).click();
    const file = await (await download).path();
    const lines = (await import('node:fs'))
      .readFileSync(file!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.method)).toEqual(['models/add', 'datasets/add']);
    expect(lines[1].prevSha256).toBe(lines[0].sha256);
    await screenshot(page, 'audit-trail');
  });
});
