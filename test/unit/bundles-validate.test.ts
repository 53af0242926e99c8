// preflight validate, as ops run it: only the bundle and a batch file, an empty workspace. The demo's
// production sample breaks the contract where the drift was planted; its training sample honours it;
// the drift numbers are those of profile-mode drift; bad batches and bad bundles get one clear line.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productionCsv, trainingCsv } from '../../electron/core/demo/data';
import type { ValidateResult } from '../../shared/types/bundles';
import { runCli } from '../helpers/cli';
import { requireBuild, tempDir } from '../helpers/workspace';
import { rawZip, readZipEntries } from '../helpers/zip';
import { createHash } from 'node:crypto';

const tmp = tempDir('preflight-validate-');
const ds = ['--workspace', path.join(tmp.dir, 'ds-ws')];
const bundle = path.join(tmp.dir, 'demo.zip');
const file = (name: string, text: string) => {
  const p = path.join(tmp.dir, name);
  fs.writeFileSync(p, text);
  return p;
};
/** A fresh, empty workspace per call: ops have nothing but the bundle and the batch. */
let n = 0;
const ops = () => ['--workspace', path.join(tmp.dir, `ops-${n++}`)];
const broken = (r: ValidateResult) => r.checks.filter((c) => !c.ok);

beforeAll(async () => {
  requireBuild();
  expect((await runCli(['demo', '--no-benchmark', ...ds])).code).toBe(0);
  const e = await runCli([
    'export',
    '--model',
    'demo-credit-risk',
    '--reference',
    'demo-training',
    '--out',
    bundle,
    '--automation-rate',
    '0.9',
    ...ds,
  ]);
  expect(e.code, e.stderr).toBe(0);
}, 120_000);
afterAll(() => tmp.cleanup());

describe('the demo, validated on an ops machine', () => {
  it('the production sample breaks the contract where the drift was planted (exit 1), naming the new region', async () => {
    const prod = file('production.csv', productionCsv());
    const r = await runCli(['validate', '--bundle', bundle, '--data', prod, ...ops()]);
    expect(r.code, r.stderr).toBe(1);
    const res = r.json as ValidateResult;
    const drifted = broken(res)
      .filter((c) => c.rule === 'drift')
      .map((c) => c.feature);
    expect(drifted).toEqual(expect.arrayContaining(['utilization', 'income_k']));
    expect(drifted).not.toContain('age');
    expect(drifted).not.toContain('credit_score');
    const unseen = res.checks.find((c) => c.rule === 'unseen-categories' && c.feature === 'region')!;
    expect(unseen).toMatchObject({ ok: false, limit: 0.01 });
    expect(unseen.message).toContain('central');
    expect(broken(res).some((c) => c.rule === 'null-rate' && c.feature === 'income_k')).toBe(true);
    // The model was run on the batch from the bundle alone: its outputs drifted too.
    expect(res.predictions.how).toBe('model');
    expect(broken(res).some((c) => c.kind === 'prediction')).toBe(true);
    const text = await runCli(['validate', '--bundle', bundle, '--data', prod, ...ops()], { json: false });
    expect(text.stdout.split('\n')[0]).toMatch(/^BROKEN: \d+ rule\(s\)/);
    expect(text.stdout).toMatch(/region .*central/);
    expect(text.stdout.split('\n').length).toBeLessThan(30);
  }, 60_000);

  it('the training sample honours it (exit 0)', async () => {
    const r = await runCli(['validate', '--bundle', bundle, '--data', file('training.csv', trainingCsv()), ...ops()]);
    expect(r.code, JSON.stringify(broken(r.json ?? { checks: [] }))).toBe(0);
    expect(r.json.ok).toBe(true);
    expect(r.json.fallback.automationRate).toBeCloseTo(r.json.fallback.measuredAutomationRate, 1);
  }, 60_000);

  it('its drift numbers are exactly those of `preflight drift --mode profile` on the same data', async () => {
    const prod = path.join(tmp.dir, 'production.csv');
    const v = await runCli(['validate', '--bundle', bundle, '--data', prod, ...ds]);
    const d = await runCli(['drift', '--reference', 'demo-training', '--current', prod, '--mode', 'profile', ...ds]);
    expect(d.code, d.stderr).toBe(0);
    const byName = new Map(d.json.features.map((f: { name: string }) => [f.name, f]));
    for (const f of v.json.drift.features) {
      const other = byName.get(f.name) as { metrics: unknown; score: number; test: string };
      expect(other, f.name).toBeDefined();
      expect(f.metrics, f.name).toEqual(other.metrics);
      if (f.test === other.test) expect(f.score).toBe(other.score);
    }
    // The batch imported for the check is taken back out of the workspace.
    const list = await runCli(['datasets', 'list', ...ds]);
    expect(list.json.map((x: { name: string }) => x.name).filter((x: string) => x.includes('validate'))).toEqual([]);
  }, 60_000);

  it('per time window, the first week a rule broke is named', async () => {
    const r = await runCli([
      'validate',
      '--bundle',
      bundle,
      '--data',
      path.join(tmp.dir, 'production.csv'),
      '--time-column',
      'event_time',
      '--window',
      'week',
      ...ops(),
    ]);
    expect(r.code).toBe(1);
    const util = r.json.checks.find(
      (c: { rule: string; feature: string }) => c.rule === 'drift' && c.feature === 'utilization',
    );
    expect(util.firstWindow).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(r.json.drift.windows.windows.length).toBeGreaterThan(1);
  }, 60_000);
});

describe('contract rules on small batches', () => {
  const header =
    'customer_id,event_time,age,income_k,credit_score,utilization,open_accounts,region,employment,has_mortgage';
  const rows = trainingCsv().split('\n').slice(1, 1201).filter(Boolean);

  it('a missing feature is named', async () => {
    const drop = header.split(',').indexOf('utilization');
    const text = [
      header
        .split(',')
        .filter((_, i) => i !== drop)
        .join(','),
      ...rows.map((r) =>
        r
          .split(',')
          .filter((_, i) => i !== drop)
          .join(','),
      ),
    ].join('\n');
    const r = await runCli(['validate', '--bundle', bundle, '--data', file('missing.csv', text), ...ops()]);
    expect(r.code).toBe(1);
    expect(broken(r.json)).toContainEqual(expect.objectContaining({ rule: 'missing-feature', feature: 'utilization' }));
  }, 60_000);

  it('a changed type names the values that cannot be read and their rows', async () => {
    const at = header.split(',').indexOf('credit_score');
    const text = [
      header,
      ...rows.map((r, i) =>
        i === 6 || i === 40
          ? r
              .split(',')
              .map((v, j) => (j === at ? 'seven hundred' : v))
              .join(',')
          : r,
      ),
    ].join('\n');
    const r = await runCli(['validate', '--bundle', bundle, '--data', file('typed.csv', text), ...ops()]);
    expect(r.code).toBe(1);
    const c = broken(r.json).find((x) => x.feature === 'credit_score')!;
    expect(c).toMatchObject({ rule: 'unreadable-values', value: 2, rows: [7, 41] });
    expect(c.message).toContain('seven hundred');
  }, 60_000);

  it('a new category is named with its share', async () => {
    const at = header.split(',').indexOf('employment');
    const text = [
      header,
      ...rows.map((r, i) =>
        i % 10 === 0
          ? r
              .split(',')
              .map((v, j) => (j === at ? 'astronaut' : v))
              .join(',')
          : r,
      ),
    ].join('\n');
    const r = await runCli(['validate', '--bundle', bundle, '--data', file('newcat.csv', text), ...ops()]);
    expect(r.code).toBe(1);
    const c = broken(r.json).find((x) => x.rule === 'unseen-categories')!;
    expect(c.feature).toBe('employment');
    expect(c.value).toBeCloseTo(0.1, 2);
    expect(c.message).toContain('astronaut');
  }, 60_000);

  it('logged predictions: a wrong number of columns lists the signals; constant outputs break prediction drift and the fallback rate', async () => {
    const text = [`${header},p_repay,p_default`, ...rows.map((r) => `${r},0.5,0.5`)].join('\n');
    const f = file('logged.csv', text);
    const wrong = await runCli(['validate', '--bundle', bundle, '--data', f, '--predictions', 'p_repay', ...ops()]);
    expect(wrong.code).toBe(2);
    expect(wrong.json.error.message).toMatch(/probabilities\[0\], probabilities\[1\]/);
    const r = await runCli([
      'validate',
      '--bundle',
      bundle,
      '--data',
      f,
      '--predictions',
      'p_repay,p_default',
      ...ops(),
    ]);
    expect(r.code).toBe(1);
    expect(r.json.predictions).toMatchObject({ how: 'logged', columns: ['p_repay', 'p_default'] });
    expect(broken(r.json).some((c) => c.rule === 'prediction-drift')).toBe(true);
    expect(broken(r.json)).toContainEqual(expect.objectContaining({ rule: 'automation-rate', value: 0 }));
  }, 60_000);
});

describe('bad input: exit 2, one line naming the file', () => {
  it('a ragged CSV, a file that is not what its extension says, a missing file', async () => {
    const ragged = await runCli([
      'validate',
      '--bundle',
      bundle,
      '--data',
      file('ragged.csv', 'a,b\n1,2\n3,4,5\n'),
      ...ops(),
    ]);
    expect(ragged.code).toBe(2);
    expect(ragged.json.error.message).toMatch(/ragged\.csv|line 3/);
    const fake = await runCli(['validate', '--bundle', bundle, '--data', file('fake.parquet', 'a,b\n1,2\n'), ...ops()]);
    expect(fake.code).toBe(2);
    expect(fake.json.error.message).not.toMatch(/\n/);
    expect(
      (await runCli(['validate', '--bundle', bundle, '--data', path.join(tmp.dir, 'nope.csv'), ...ops()])).code,
    ).toBe(2);
    const text = await runCli(['validate', '--bundle', bundle, '--data', path.join(tmp.dir, 'nope.csv'), ...ops()], {
      json: false,
    });
    expect(text.stderr.trim().split('\n')).toHaveLength(1);
    expect(text.stderr).not.toMatch(/\bat .*\.m?js/);
  }, 60_000);

  it('a bundle whose contract or profile is malformed, or was changed after export', async () => {
    const entries = await readZipEntries(bundle);
    const rezip = (name: string, patch: (e: Map<string, Buffer>) => void) => {
      const copy = new Map(entries);
      patch(copy);
      const p = path.join(tmp.dir, name);
      fs.writeFileSync(p, rawZip([...copy].map(([n, data]) => ({ name: n, data, deflate: true }))));
      return p;
    };
    const prod = path.join(tmp.dir, 'production.csv');
    // Changed after export: the manifest's digest no longer matches.
    const changed = rezip('changed.zip', (e) => e.set('contracts/features.json', Buffer.from('{"version":1}')));
    const c = await runCli(['validate', '--bundle', changed, '--data', prod, ...ops()]);
    expect(c.code).toBe(2);
    expect(c.json.error.message).toMatch(/contracts\/features\.json .*manifest/);
    // Malformed but consistent (manifest rewritten to match): named as malformed.
    const malformed = rezip('malformed.zip', (e) => {
      const bad = Buffer.from('{"version":1,"columns":"nope"}');
      e.set('reference/profile.json', bad);
      const m = JSON.parse(e.get('manifest.json')!.toString());
      const f = m.files.find((x: { path: string }) => x.path === 'reference/profile.json');
      f.sha256 = createHash('sha256').update(bad).digest('hex');
      f.size = bad.length;
      e.set('manifest.json', Buffer.from(JSON.stringify(m)));
    });
    const mres = await runCli(['validate', '--bundle', malformed, '--data', prod, ...ops()]);
    expect(mres.code).toBe(2);
    expect(mres.json.error.message).toMatch(/reference\/profile\.json/);
    const notZip = await runCli(['validate', '--bundle', prod, '--data', prod, ...ops()]);
    expect(notZip.code).toBe(2);
  }, 60_000);

  it('--report writes one self-contained HTML page with the verdict and every broken rule', async () => {
    const out = path.join(tmp.dir, 'report.html');
    const r = await runCli([
      'validate',
      '--bundle',
      bundle,
      '--data',
      path.join(tmp.dir, 'production.csv'),
      '--report',
      out,
      ...ops(),
    ]);
    expect(r.code).toBe(1);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toMatch(/rule\(s\) broken/);
    expect(html).toContain('central');
    expect(html).not.toMatch(/<script|https?:\/\//);
    for (const c of broken(r.json))
      if (c.feature) expect(html).toContain(c.feature.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
  }, 60_000);
});
