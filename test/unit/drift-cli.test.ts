// `preflight drift` end to end through the real CLI (build first: node scripts/build.mjs), on the
// committed fixture pair (test/fixtures/drift/make-drift-csv.mjs): files imported on the fly, the
// JSON shape, --fail-on-drift, stored reports, profile mode, time windows and prediction drift.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { FIXTURES, MODELS, requireBuild, tempDir } from '../helpers/workspace';

const REF = path.join(FIXTURES, 'drift', 'reference.csv');
const CUR = path.join(FIXTURES, 'drift', 'current.csv');
let ws: { dir: string; cleanup: () => void };
const cli = (args: string[], json = true) => runCli([...args, '--workspace', ws.dir], { json });

beforeAll(() => {
  requireBuild();
  ws = tempDir('preflight-drift-');
});
afterAll(() => ws?.cleanup());

const feature = (r: any, name: string) => r.features.find((f: any) => f.name === name);

describe('preflight drift', () => {
  let reportId = 0;
  it('imports both files, compares every shared feature and reports the planted drift', async () => {
    const r = await cli(['drift', '--reference', REF, '--current', CUR]);
    expect(r.code, r.stderr).toBe(0);
    const j = r.json;
    reportId = j.id;
    expect(Object.keys(j.dataset).sort()).toEqual(['detected', 'drifted', 'share', 'threshold', 'total']);
    expect(j.reference).toMatchObject({ name: 'reference', rows: 2000 });
    for (const name of ['x0', 'x1', 'city', 'plan']) expect(feature(j, name).drifted, name).toBe(true);
    for (const name of ['x2', 'x3', 'age', 'rating']) expect(feature(j, name).drifted, name).toBe(false);
    const x0 = feature(j, 'x0');
    expect(x0).toMatchObject({ kind: 'numerical', test: 'wasserstein', threshold: 0.1, tested: true });
    expect(Object.keys(x0.metrics)).toEqual(
      expect.arrayContaining([
        'ksStatistic',
        'ksPValue',
        'wassersteinNormed',
        'psi',
        'jensenShannon',
        'chiSquarePValue',
        'zTestPValue',
      ]),
    );
    expect(x0.histogram.reference.length).toBe(x0.histogram.current.length);
    expect(feature(j, 'city').unseenCategoryShare).toBeGreaterThan(0.05);
    expect(feature(j, 'age').missing.current).toBeGreaterThan(0.2);
    expect(feature(j, 'empty')).toMatchObject({ tested: false, missing: { current: 1 } });
    expect(j.schema.missingInCurrent).toEqual(['legacy']);
    expect(j.schema.newInCurrent).toEqual(['fresh', 'ts']);
    expect(j.schema.typeChanged).toEqual([{ name: 'code', reference: 'integer', current: 'categorical' }]);
    expect(j.dataset).toEqual({ drifted: 4, total: 8, share: 0.5, threshold: 0.5, detected: true });
  });

  it('--fail-on-drift exits 1 when dataset drift is detected, 0 when the share threshold is not reached', async () => {
    const failed = await cli(['drift', '--reference', 'reference', '--current', 'current', '--fail-on-drift']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/CHECK_FAILED/);
    const passed = await cli([
      'drift',
      '--reference',
      'reference',
      '--current',
      'current',
      '--fail-on-drift',
      '--drift-share',
      '0.9',
    ]);
    expect(passed.code).toBe(0);
    expect(passed.json.dataset.detected).toBe(false);
  });

  it('a run that fails after importing its files takes the imports back out (the workspace is as it was)', async () => {
    const before = (await cli(['datasets', 'list'])).json.map((d: { name: string }) => d.name);
    const dir = tempDir('preflight-drift-rollback-');
    try {
      const ref = path.join(dir.dir, 'ref-copy.csv');
      const cur = path.join(dir.dir, 'cur-copy.csv');
      fs.copyFileSync(REF, ref);
      fs.copyFileSync(CUR, cur);
      const badTime = await cli(['drift', '--reference', ref, '--current', cur, '--time-column', 'nosuch']);
      expect(badTime.code).toBe(2);
      expect(badTime.json.error.message).toMatch(/time column "nosuch"/);
      const badModel = await cli(['drift', '--reference', ref, '--current', cur, '--model', 'no_such_model']);
      expect(badModel.code).toBe(2);
      const ragged = await cli([
        'drift',
        '--reference',
        ref,
        '--current',
        path.join(FIXTURES, 'datasets', 'ragged.csv'),
      ]);
      expect(ragged.code).toBe(2);
      expect((await cli(['datasets', 'list'])).json.map((d: { name: string }) => d.name)).toEqual(before);
    } finally {
      dir.cleanup();
    }
  });

  it('refuses a numeric feature as the time column unless it holds plausible epoch timestamps', async () => {
    const r = await cli([
      'drift',
      '--reference',
      'reference',
      '--current',
      'current',
      '--time-column',
      'x0',
      '--window',
      'week',
    ]);
    expect(r.code).toBe(2);
    expect(r.json.error.message).toMatch(/time column "x0" is float from .*: not epoch timestamps/);
    // Epoch seconds are a time column: three days of them give three daily windows.
    const dir = tempDir('preflight-drift-epoch-');
    try {
      const rows = (n: number, withTs: boolean) =>
        Array.from(
          { length: n },
          (_, i) => `${(i % 50) / 10}${withTs ? `,${1767225600 + Math.floor(i / 20) * 86400 + i}` : ''}`,
        );
      fs.writeFileSync(path.join(dir.dir, 'eref.csv'), ['v', ...rows(200, false)].join('\n') + '\n');
      fs.writeFileSync(path.join(dir.dir, 'ecur.csv'), ['v,ts', ...rows(60, true)].join('\n') + '\n');
      const ok = await cli([
        'drift',
        '--reference',
        path.join(dir.dir, 'eref.csv'),
        '--current',
        path.join(dir.dir, 'ecur.csv'),
        '--time-column',
        'ts',
        '--window',
        'day',
      ]);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.json.windows.windows.map((w: { start: string }) => w.start.slice(0, 10))).toEqual([
        '2026-01-01',
        '2026-01-02',
        '2026-01-03',
      ]);
    } finally {
      dir.cleanup();
    }
  });

  it('a run that can compare no feature says "not assessed", and --fail-on-drift does not pass it', async () => {
    const empty = path.join(FIXTURES, 'datasets', 'header-only.csv');
    const gate = await cli(['drift', '--reference', empty, '--current', 'current', '--fail-on-drift']);
    expect(gate.code).toBe(1);
    expect(gate.json.dataset.total).toBe(0);
    expect(gate.stderr).toMatch(/no feature could be compared.*CHECK_FAILED/);
    const human = await cli(['drift', '--reference', 'header-only', '--current', 'current'], false);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/dataset drift: NOT ASSESSED — no feature could be compared/);
    expect(human.stdout).not.toMatch(/not detected/);
  });

  it('prints a compact table without --json, and lists and shows stored reports', async () => {
    const human = await cli(['drift', 'show', String(reportId)], false);
    expect(human.stdout).toMatch(/FEATURE\s+KIND\s+TEST\s+SCORE\s+THRESHOLD\s+DRIFTED/);
    expect(human.stdout).toMatch(/dataset drift: DETECTED — 4 of 8/);
    const list = await cli(['drift', 'list']);
    expect(list.json.length).toBeGreaterThanOrEqual(3);
    expect(list.json.at(-1)).toMatchObject({ id: reportId, reference: 'reference', current: 'current' });
  });

  it('per-feature overrides and thresholds change the test and say so', async () => {
    const r = await cli([
      'drift',
      '--reference',
      'reference',
      '--current',
      'current',
      '--feature',
      'x2=ks:0.01',
      '--threshold',
      'jensenshannon=0.5',
    ]);
    expect(feature(r.json, 'x2')).toMatchObject({ test: 'ks', threshold: 0.01, overridden: true });
    expect(feature(r.json, 'city')).toMatchObject({ test: 'jensenshannon', threshold: 0.5, drifted: false });
    const bad = await cli(['drift', '--reference', 'reference', '--current', 'current', '--threshold', 'magic=1']);
    expect(bad.code).toBe(2);
  });

  it('finds when drift started, per day of the time column', async () => {
    const r = await cli([
      'drift',
      '--reference',
      'reference',
      '--current',
      'current',
      '--time-column',
      'ts',
      '--window',
      'day',
    ]);
    const w = r.json.windows;
    expect(w.windows.map((x: any) => x.label)).toHaveLength(10);
    expect(w.firstDrift.x0).toBe('2026-01-06'); // shifted from day 6 of 10 on
    expect(w.firstDrift.x2).toBeNull();
    expect(w.cells[w.features.indexOf('x0')].map((c: any) => c.drifted)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it('compares against a stored reference profile with the same verdicts', async () => {
    const p = await cli(['drift', 'profile', 'reference']);
    expect(p.json).toMatchObject({ dataset: 'reference', rows: 2000, gridSize: 10000 });
    const exact = (await cli(['drift', '--reference', 'reference', '--current', 'current'])).json;
    const prof = (await cli(['drift', '--reference', 'reference', '--current', 'current', '--mode', 'profile'])).json;
    expect(prof.mode).toBe('profile');
    expect(prof.features.map((f: any) => [f.name, f.drifted])).toEqual(
      exact.features.map((f: any) => [f.name, f.drifted]),
    );
    // 2,000 reference values fit in the grid: the profile holds them all and results are identical.
    expect(feature(prof, 'x0').metrics).toEqual(feature(exact, 'x0').metrics);
  });

  it('scores both datasets with a model and compares the outputs (tiny_mlp [N,4] fed x0..x3 by column order)', async () => {
    const add = await cli(['models', 'add', path.join(MODELS, 'tiny_mlp.onnx')]);
    expect(add.code, add.stderr).toBe(0);
    const r = await cli(['drift', '--reference', 'reference', '--current', 'current', '--model', 'tiny_mlp']);
    expect(r.code, r.stderr).toBe(0);
    const p = r.json.predictions;
    expect(p.model).toBe('tiny_mlp@1');
    expect(p.mapping).toEqual({ inputs: [{ input: 'x', columns: ['x0', 'x1', 'x2', 'x3'] }], how: 'by-order' });
    expect(p.rows).toEqual({ reference: 2000, current: 5000 });
    expect(p.outputs.map((o: any) => o.name)).toEqual(['probs (class)', 'probs[0]', 'probs[1]', 'probs[2]']);
    expect(p.outputs[0].kind).toBe('categorical');
    // A saved mapping is reused.
    const again = await cli([
      'drift',
      '--reference',
      'reference',
      '--current',
      'current',
      '--model',
      'tiny_mlp',
      '--map',
      'x=x3,x2,x1,x0',
    ]);
    expect(again.json.predictions.mapping.how).toBe('given');
    const third = await cli(['drift', '--reference', 'reference', '--current', 'current', '--model', 'tiny_mlp']);
    expect(third.json.predictions.mapping).toEqual({
      inputs: [{ input: 'x', columns: ['x3', 'x2', 'x1', 'x0'] }],
      how: 'saved',
    });
  });

  it('says clearly what is wrong with a missing dataset or file, and changes nothing', async () => {
    const r = await cli(['drift', '--reference', 'nope', '--current', 'current']);
    expect(r.code).toBe(2);
    expect(r.json.error.code).toBe('NOT_FOUND');
    const f = await cli(['drift', '--reference', 'reference', '--current', '/no/such/file.csv']);
    expect(f.json.error).toMatchObject({ code: 'NOT_FOUND' });
    expect(f.json.error.message).toMatch(/no such file/);
  });
});
