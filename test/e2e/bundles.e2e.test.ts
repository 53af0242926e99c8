// The Bundles screen end to end in web mode: the real `preflight serve` and headless Chromium. Build
// first (`npm run build`). The demo is built from its button, a key pair comes from the CLI, a signed
// bundle is exported from New bundle and caught as a browser download; the downloaded zip is then
// dropped back on Verify with the public key (every check passes, "Trusted"), and a copy with one
// flipped byte fails and names the file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleManifest } from '../../shared/types/bundles';
import { dropFiles, screenshot, type App, useWebApp, step as stepIn } from './helpers/browser';
import { generateKeys, type GeneratedKeys, type Serve } from './helpers/server';

const web = useWebApp();
let serve: Serve;
let app: App;
let page: Page;
let tmp: string;
let keys: GeneratedKeys;
let downloaded: string;

beforeAll(() => {
  ({ serve, app, page } = web);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-bundles-e2e-'));
  keys = generateKeys(tmp);
});
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const step = (name: string, fn: () => Promise<void>) => stepIn(() => app, name, fn);

/** The entries of a zip file (name → bytes), read with the same zip library the core uses. */
function readZip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** A copy of `file` with one bit flipped in the first data byte of the stored entry `name`. */
function flipByteIn(file: string, name: string, dest: string): void {
  const data = fs.readFileSync(file);
  for (let at = data.indexOf('PK\x03\x04', 0, 'latin1'); at >= 0; at = data.indexOf('PK\x03\x04', at + 4, 'latin1')) {
    const nameLength = data.readUInt16LE(at + 26);
    const extraLength = data.readUInt16LE(at + 28);
    if (data.subarray(at + 30, at + 30 + nameLength).toString('utf8') === name) {
      data[at + 30 + nameLength + extraLength] ^= 0x01;
      fs.writeFileSync(dest, data);
      return;
    }
  }
  throw new Error(`${name} is not in ${file}`);
}

async function verifyDropped(files: string[]) {
  await page.goto(`${serve.origin}/#/bundles`);
  await page.getByRole('heading', { level: 1, name: 'Bundles' }).waitFor();
  await dropFiles(page, '[data-testid="bundle-verify-drop"]', files);
  await page
    .getByTestId('bundle-verify-file')
    .filter({ hasText: path.basename(files[0]) })
    .waitFor();
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await page.getByTestId('bundle-verdict').waitFor({ timeout: 90_000 });
}

describe('Bundles in web mode', () => {
  it('offers New bundle and an empty list before any export', async () => {
    await step('empty screen', async () => {
      await page.goto(`${serve.origin}/#/bundles`);
      await page.getByRole('heading', { level: 1, name: 'Bundles' }).waitFor();
      await page.getByText('None yet.').waitFor();
      await expect(page.getByRole('button', { name: 'Verify', exact: true }).isDisabled()).resolves.toBe(true);
    });
  });

  it('builds the demo, reviews a bundle with a chosen fallback threshold, exports it signed and downloads it', async () => {
    await step('demo', async () => {
      await page.goto(`${serve.origin}/#/models`);
      await page.getByRole('button', { name: 'Try the demo' }).click();
      await page.waitForURL(/#\/drift\/\d+$/, { timeout: 90_000 });
    });
    await step('preview', async () => {
      await page.goto(`${serve.origin}/#/bundles`);
      // Right after the demo's navigation the previous screen can still be on its way out: wait for this one.
      await page.getByRole('heading', { level: 1, name: 'Bundles' }).waitFor();
      await page.getByRole('link', { name: 'New bundle', exact: true }).first().click();
      await page.getByRole('heading', { level: 1, name: 'New bundle' }).waitFor();
      // Preselection waits for models, datasets and drift reports to load: poll, do not read once.
      await expect.poll(() => page.getByLabel('Model', { exact: true }).inputValue()).toBe('demo-credit-risk');
      // The demo's drift report compared the model on demo-training: that is the preselected reference.
      await expect
        .poll(() => page.getByLabel('Reference dataset').inputValue(), { timeout: 15_000 })
        .toBe('demo-training');
      await page.getByTestId('bundle-preview-sources').waitFor({ timeout: 60_000 });
      await expect(page.getByLabel('Benchmark run').inputValue()).resolves.toMatch(/^\d+$/);
      await expect(page.getByLabel('Drift report').inputValue()).resolves.toMatch(/^\d+$/);
      const slos = page.locator('section[aria-labelledby="bundle-slos"] tbody tr');
      await expect(slos.count()).resolves.toBeGreaterThan(0);
      await expect(slos.first().textContent()).resolves.toMatch(/p99<=.*ms.*measured|p99<=/);
      await page
        .locator('section[aria-labelledby="bundle-features"]')
        .getByRole('cell', { name: 'income_k', exact: true })
        .waitFor();
    });
    await step('fallback threshold', async () => {
      await page.getByRole('radio', { name: 'threshold' }).check();
      await page.getByLabel('Confidence threshold value').fill('0.7');
      await page
        .locator('.bundle-measured')
        .getByText(/confidence ≥ 0\.7 /)
        .waitFor({ timeout: 60_000 });
      await expect(page.getByTestId('bundle-automation-rate').textContent()).resolves.toMatch(
        /^\d+(\.\d)?% of \d+ reference rows/,
      );
      await page.getByText('Preview runbook.md').click();
      await page
        .locator('.markdown')
        .getByRole('heading', { name: /Runbook: demo-credit-risk v1/ })
        .waitFor();
      await screenshot(page, 'bundles-new');
    });
    await step('sign and export', async () => {
      await page.getByTestId('bundle-signing-key').setInputFiles(keys.privateKeyPath);
      await page
        .getByTestId('bundle-key-name')
        .filter({ hasText: path.basename(keys.privateKeyPath) })
        .waitFor();
      const download = page.waitForEvent('download', { timeout: 90_000 });
      await page.getByRole('button', { name: 'Export signed bundle' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^demo-credit-risk-1.*\.zip$/);
      downloaded = path.join(tmp, file.suggestedFilename());
      await file.saveAs(downloaded);
      await page
        .getByTestId('bundle-exported')
        .getByText(/signed \(key/)
        .waitFor();
    });
    await step('downloaded zip', async () => {
      const entries = await readZip(downloaded);
      const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as BundleManifest;
      expect(manifest.format).toBe('preflight-bundle');
      expect(manifest.sources.model.name).toBe('demo-credit-risk');
      expect(manifest.sources.reference.dataset).toBe('demo-training');
      expect(entries.has('model.sig')).toBe(true);
      const policy = JSON.parse(entries.get('policy/fallback.json')!.toString('utf8'));
      expect(JSON.stringify(policy)).toMatch(/"threshold":0\.7\b/);
    });
    await step('listed', async () => {
      await page.getByRole('link', { name: 'Back to bundles' }).first().click();
      const row = page.locator('section[aria-labelledby="bundle-list"] tbody tr').first();
      await row.getByText('demo-credit-risk@1').waitFor();
      await expect(row.textContent()).resolves.toContain(keys.fingerprint.slice(0, 12));
      // Save… in the list hands the same file over again.
      const again = page.waitForEvent('download', { timeout: 30_000 });
      await row.getByRole('button', { name: /^Save / }).click();
      const file = await again;
      const copy = path.join(tmp, 'again.zip');
      await file.saveAs(copy);
      expect(fs.readFileSync(copy).equals(fs.readFileSync(downloaded))).toBe(true);
    });
  });

  it('verifies the downloaded bundle dropped with its public key: every check passes, trusted', async () => {
    await step('verify', async () => {
      await verifyDropped([downloaded, keys.publicKeyPath]);
      await expect(page.getByTestId('bundle-verdict').textContent()).resolves.toBe('Trusted');
      const rows = page.getByTestId('bundle-verify-report').locator('tbody tr');
      const results = await rows.locator('td:first-child').allTextContents();
      expect(results.length).toBeGreaterThan(10);
      expect(results.filter((r) => r !== 'pass')).toEqual([]);
      const checks = await rows.locator('td:nth-child(2)').allTextContents();
      for (const check of ['zip', 'manifest', 'digest', 'signature', 'schema', 'load', 'opset', 'replay'])
        expect(checks).toContain(check);
      await screenshot(page, 'bundles-verify-trusted');
    });
    expect(app.problems()).toEqual([]);
  });

  it('without the public key the same bundle is intact but not trusted (signature not checked)', async () => {
    await step('verify without key', async () => {
      await page.reload();
      await verifyDropped([downloaded]);
      await expect(page.getByTestId('bundle-verdict').textContent()).resolves.toBe('Intact, not trusted');
      const signature = page
        .getByTestId('bundle-verify-report')
        .locator('tbody tr')
        .filter({ has: page.getByRole('cell', { name: 'signature', exact: true }) });
      await expect(signature.locator('td:first-child').textContent()).resolves.toBe('skipped');
    });
  });

  it('a copy with one flipped byte in the model fails and names model/model.onnx', async () => {
    const tampered = path.join(tmp, 'tampered.bundle.zip');
    flipByteIn(downloaded, 'model/model.onnx', tampered);
    await step('verify tampered', async () => {
      await verifyDropped([tampered, keys.publicKeyPath]);
      await expect(page.getByTestId('bundle-verdict').textContent()).resolves.toBe('Failed');
      const failed = page
        .getByTestId('bundle-verify-report')
        .locator('tbody tr')
        .filter({ has: page.locator('.badge-bad') });
      await expect(failed.count()).resolves.toBeGreaterThan(0);
      await expect(failed.first().locator('td:nth-child(3)').textContent()).resolves.toBe('model/model.onnx');
      await expect(page.locator('.bundle-verdict').textContent()).resolves.toMatch(/model\/model\.onnx/);
    });
  });
});
