// Readiness, the home, end to end in web mode: an empty workspace offers the demo; the demo's
// checklist starts with items missing, and each piece of evidence (made with the CLI on the same
// workspace, or in the UI) turns its item proven — or attested for retraining — after a reload.
// Rollback stays missing: the demo has no previous version. Build first (`npm run build`).
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { screenshot, type App, useWebApp } from './helpers/browser';
import type { Serve } from './helpers/server';

const MODEL = 'demo-credit-risk@1';
const web = useWebApp();
let serve: Serve;
let app: App;
let page: Page;
beforeAll(() => {
  ({ serve, app, page } = web);
});

async function cli(args: string[]) {
  const r = await runCli([...args, '--workspace', serve.workspace]);
  expect(r.code, `preflight ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.json;
}

/** The detail page's item (an <li> labelled by its title). */
const item = (id: string) => page.locator(`li.ready-item[data-item="${id}"]`);
const stateOf = (id: string) => item(id).getAttribute('data-state');

/** States of every item on the detail page, after a fresh load (nothing cached in the page). */
async function statesAfterReload(): Promise<Record<string, string>> {
  await page.reload();
  await item('loads-pinned').waitFor();
  return page
    .locator('li.ready-item')
    .evaluateAll((lis) =>
      Object.fromEntries(lis.map((li) => [li.getAttribute('data-item'), li.getAttribute('data-state')])),
    );
}

describe('Readiness, the home', () => {
  it('opens on Readiness and offers the demo on an empty workspace', async () => {
    await page.waitForURL(/#\/readiness$/);
    await page.getByRole('heading', { level: 1, name: 'Readiness' }).waitFor();
    await page.getByRole('heading', { name: 'Nothing to check yet' }).waitFor();
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toMatch(/^Readiness/);
    await screenshot(page, 'readiness-empty');
    await page.getByRole('button', { name: 'Try the demo' }).click();
    // The home stays the home: the demo's row appears in the list.
    const row = page.locator('tbody tr', { hasText: MODEL });
    await row.waitFor({ timeout: 90_000 });
    expect(page.url()).toMatch(/#\/readiness$/);
    const badge = (id: string) => row.locator(`[data-item="${id}"] .ready-badge`);
    // Colour plus a word: each badge says its state in text.
    expect(await badge('loads-pinned').textContent()).toMatch(/proven/);
    expect(await badge('input-drift').textContent()).toMatch(/proven/);
    expect(await badge('output-drift').textContent()).toMatch(/proven/);
    for (const id of ['latency-target', 'contracts', 'reproducible', 'fallback', 'rollback', 'runbook', 'retraining']) {
      expect(await badge(id).textContent(), id).toMatch(/missing/);
    }
    expect(await row.getByTestId('overall').getAttribute('title')).toBe('not ready: 7 missing');
    expect(await row.getByTestId('overall').textContent()).toBe('not ready7 missing');
    await screenshot(page, 'readiness-list-demo');
  }, 120_000);

  it('filters the list', async () => {
    const filter = page.getByLabel('Filter');
    await filter.fill('no-such-model');
    await page.getByText('No model version matches “no-such-model”.').waitFor();
    await filter.fill('not ready');
    await page.locator('tbody tr', { hasText: MODEL }).waitFor();
    await filter.fill('credit');
    await page.locator('tbody tr', { hasText: MODEL }).waitFor();
  });

  it('shows every item of a version with its evidence and the one action', async () => {
    await page.locator('tbody tr', { hasText: MODEL }).click();
    await page.waitForURL(new RegExp(`#/readiness/${MODEL}$`));
    await page.getByRole('heading', { level: 1, name: MODEL }).waitFor();
    // The heading names the version while its checklist loads too: wait for the items themselves.
    await item('loads-pinned').waitFor();
    expect(await page.locator('li.ready-item').count()).toBe(10);

    // Proven, with evidence links into the app and their dates.
    expect(await stateOf('loads-pinned')).toBe('proven');
    expect(
      await item('loads-pinned')
        .getByRole('link', { name: new RegExp(MODEL) })
        .getAttribute('href'),
    ).toBe(`#/models/${MODEL}`);
    const driftLink = item('input-drift').getByRole('link', { name: /drift report \d+/ });
    expect(await driftLink.getAttribute('href')).toMatch(/^#\/drift\/\d+$/);
    expect(await item('input-drift').locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(
      await item('output-drift')
        .getByRole('link', { name: /drift report \d+/ })
        .getAttribute('href'),
    ).toMatch(/^#\/drift\/\d+$/);

    // Missing: the demo's benchmark has no SLO; the action opens Benchmarks and gives the CLI command, with a copy button.
    expect(await stateOf('latency-target')).toBe('missing');
    expect(await item('latency-target').textContent()).toMatch(/no SLO was set/);
    expect(await item('latency-target').getByRole('link', { name: 'Run a benchmark' }).getAttribute('href')).toBe(
      '#/bench',
    );
    expect(await item('latency-target').locator('code').textContent()).toMatch(
      new RegExp(`^preflight bench ${MODEL} --ep cpu --slo`),
    );
    await item('latency-target')
      .getByRole('button', { name: /Copy the command/ })
      .waitFor();
    expect(await item('contracts').getByRole('link', { name: 'Export a bundle' }).getAttribute('href')).toBe(
      '#/bundles/new',
    );
    expect(await stateOf('rollback')).toBe('missing');
    expect(await item('rollback').textContent()).toMatch(/no previous version/);
    await screenshot(page, 'readiness-detail-demo');

    // An evidence link goes where it says.
    await driftLink.click();
    await page.waitForURL(/#\/drift\/\d+$/);
    await page.getByText('utilization').first().waitFor();
    await page.goBack();
    await item('loads-pinned').waitFor();
  });

  it('edits the target provider and the evidence age: a CPU run does not prove a GPU target', async () => {
    const settings = page.getByRole('form', { name: 'Readiness settings' });
    await settings.getByLabel('Target execution provider').selectOption('cuda');
    await settings.getByLabel('Max evidence age (days)').fill('30');
    await settings.getByRole('button', { name: 'Save' }).click();
    await item('latency-target')
      .getByRole('heading', { name: /\(cuda\)/ })
      .waitFor();
    expect(await item('latency-target').textContent()).toMatch(/measured only on cpu; the target is cuda/);
    expect(await item('latency-target').locator('code').textContent()).toMatch(/--ep cuda/);
    // Kept in the workspace: a reload and the CLI see them.
    await page.reload();
    await item('latency-target')
      .getByRole('heading', { name: /\(cuda\)/ })
      .waitFor();
    expect(await page.getByLabel('Max evidence age (days)').inputValue()).toBe('30');
    const ready = await runCli(['ready', MODEL, '--workspace', serve.workspace]);
    expect(ready.code).toBe(1);
    expect(ready.json.targetEp).toBe('cuda');
    expect(ready.json.maxAgeDays).toBe(30);
    // Back to the demo's hardware.
    await page.getByLabel('Target execution provider').selectOption('cpu');
    await page.getByRole('button', { name: 'Save' }).click();
    await item('latency-target')
      .getByRole('heading', { name: /\(cpu\)/ })
      .waitFor();
  });

  it('proves latency with a benchmark that has an SLO', async () => {
    const run = await cli([
      'bench',
      MODEL,
      '--ep',
      'cpu',
      '--batch',
      '1',
      '--iterations',
      '500',
      '--slo',
      'p99<=1000ms',
    ]);
    const runId = run.runId ?? run.run?.runId;
    const states = await statesAfterReload();
    expect(states['latency-target']).toBe('proven');
    expect(await item('latency-target').textContent()).toMatch(/SLO p99<=1000ms met/);
    const link = item('latency-target').getByRole('link', { name: /benchmark run \d+/ });
    expect(await link.getAttribute('href')).toMatch(/^#\/bench\/\d+$/);
    if (runId !== undefined) expect(await link.getAttribute('href')).toBe(`#/bench/${runId}`);
    expect(await item('latency-target').getByRole('link', { name: 'Run a benchmark' }).count()).toBe(0);
  });

  it('proves contracts, fallback and the runbook with a bundle; reproducible with its replay', async () => {
    const out = path.join(serve.workspace, '..', `${path.basename(serve.workspace)}-demo-bundle.zip`);
    try {
      await cli(['export', '--model', MODEL, '--reference', 'demo-training', '--out', out, '--automation-rate', '0.9']);
      let states = await statesAfterReload();
      expect(states.contracts).toBe('proven');
      expect(states.fallback).toBe('proven');
      expect(states.runbook).toBe('proven');
      expect(await item('fallback').textContent()).toMatch(/decides 90\.0% of reference rows/);
      expect(
        await item('contracts')
          .getByRole('link', { name: /bundle #\d+/ })
          .getAttribute('href'),
      ).toBe('#/bundles');
      // The bundle has golden rows, but nothing has replayed them yet.
      expect(states.reproducible).toBe('missing');
      expect(await item('reproducible').textContent()).toMatch(/no replay has passed/);
      expect(await item('reproducible').getByRole('link', { name: 'Verify a bundle' }).getAttribute('href')).toBe(
        '#/bundles',
      );

      await cli(['verify', out, '--replay']);
      states = await statesAfterReload();
      expect(states.reproducible).toBe('proven');
      expect(await item('reproducible').textContent()).toMatch(/golden rows replayed within tolerance/);
    } finally {
      fs.rmSync(out, { force: true });
    }
  });

  it('records retraining as attested — never proven — from the form', async () => {
    expect(await stateOf('retraining')).toBe('missing');
    const form = page.getByRole('form', { name: 'Attest automated retraining' });
    await form.getByLabel('Attested by').fill('Ada Lovelace');
    await form.getByLabel('Link to the pipeline').fill('https://ci.example.com/pipelines/retrain');
    await form.getByLabel('Note').fill('weekly, on fresh labels');
    await form.getByRole('button', { name: 'Record the attestation' }).click();
    await expect.poll(() => stateOf('retraining')).toBe('attested');
    const states = await statesAfterReload();
    expect(states.retraining).toBe('attested');
    expect(await item('retraining').locator('.ready-badge').textContent()).toMatch(/attested/);
    expect(await item('retraining').textContent()).toMatch(
      /attested by Ada Lovelace.*https:\/\/ci\.example\.com\/pipelines\/retrain.*weekly, on fresh labels.*not a proof/s,
    );

    // Everything the demo can prove is proven; rollback stays missing, so the version is not ready.
    expect(states).toEqual({
      'loads-pinned': 'proven',
      'latency-target': 'proven',
      'input-drift': 'proven',
      'output-drift': 'proven',
      contracts: 'proven',
      reproducible: 'proven',
      fallback: 'proven',
      rollback: 'missing',
      runbook: 'proven',
      retraining: 'attested',
    });
    expect(await item('rollback').textContent()).toMatch(/no previous version/);
    expect(await page.getByTestId('overall').textContent()).toBe('not ready: 1 missing');
    await screenshot(page, 'readiness-detail-walked');
  });

  it('shows the same in the list, and the CLI gate agrees', async () => {
    await page.getByRole('link', { name: '← Readiness' }).click();
    const row = page.locator('tbody tr', { hasText: MODEL });
    await row.waitFor();
    expect(await row.locator('[data-item="rollback"] .ready-badge').textContent()).toMatch(/missing/);
    expect(await row.locator('[data-item="retraining"] .ready-badge').textContent()).toMatch(/attested/);
    expect(await row.locator('[data-item="reproducible"] .ready-badge').textContent()).toMatch(/proven/);
    expect(await row.getByTestId('overall').getAttribute('title')).toBe('not ready: 1 missing');
    await screenshot(page, 'readiness-list-walked');
    const gate = await runCli(['ready', MODEL, '--workspace', serve.workspace]);
    expect(gate.code).toBe(1);
    expect(gate.json.counts).toEqual({ proven: 8, attested: 1, missing: 1, stale: 0 });
  });

  it('ran without console errors, CSP violations or uncaught exceptions', () => {
    expect(app.problems()).toEqual([]);
  });
});
