// `preflight drift show ID --html FILE`, `preflight bench show RUN --html FILE` and
// `preflight bench --compare A,B --html FILE` through the real CLI (build first: node scripts/build.mjs):
// one self-contained file each, the numbers of the stored result in it, exit 2 for what cannot be written.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { requireBuild, tempDir } from '../helpers/workspace';

let ws: { dir: string; cleanup: () => void };
const cli = (args: string[], json = true) => runCli([...args, '--workspace', ws.dir], { json });
const out = (name: string) => path.join(ws.dir, name);

// Same formatting as the screen (renderer/drift/format.ts, renderer/bench/RunView.tsx).
const num = (x: number) =>
  x === 0 ? '0' : Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5 ? x.toExponential(2) : x.toFixed(Math.abs(x) < 1 ? 4 : 2);

/** A hand-over file: nothing that runs or loads from elsewhere. */
function expectSelfContained(html: string) {
  expect(html.startsWith('<!doctype html>')).toBe(true);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:|\/\/)/i);
  expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
  expect(html).toMatch(/<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(html).toContain('thead{display:table-header-group}');
  expect(html).toMatch(/@media print\{.*section\{break-before:page\}/s);
}

beforeAll(async () => {
  requireBuild();
  ws = tempDir('preflight-reports-');
  const demo = await cli(['demo']);
  expect(demo.code, demo.stderr).toBe(0);
}, 120_000);
afterAll(() => ws?.cleanup());

describe('preflight drift show ID --html FILE', () => {
  it('writes one self-contained file with every feature score, the model, the datasets and the versions', async () => {
    const report = (await cli(['drift', 'show', '1'])).json;
    const r = await cli(['drift', 'show', '1', '--html', out('drift.html')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ fileId: null, path: out('drift.html'), name: 'drift.html' });
    const html = fs.readFileSync(out('drift.html'), 'utf8');
    expect(r.json.bytes).toBe(Buffer.byteLength(html));
    expectSelfContained(html);
    expect(report.features.length).toBeGreaterThan(3);
    for (const f of report.features) {
      expect(html, f.name).toContain(`>${f.name}<`);
      expect(html, `${f.name} score`).toContain(num(f.score));
    }
    const model = (await cli(['models', 'show', report.predictions.model])).json;
    expect(html).toContain(model.sha256);
    expect(html).toContain(`${report.reference.name} — ${report.reference.rows.toLocaleString('en-US')} rows`);
    expect(html).toContain(`${report.dataset.drifted} of ${report.dataset.total} features drifted`);
    expect(html).toMatch(/<dt>Preflight<\/dt><dd>\d+\.\d+\.\d+/);
    expect(html).toMatch(/<dt>onnxruntime<\/dt><dd>\d+\.\d+\.\d+/);
    expect(html).toMatch(/<dt>Produced at<\/dt><dd>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d/);
    // The demo report has time windows: the heatmap and its numbers are in the file too.
    expect(html).toContain('Drift per feature and time window');
    for (const w of report.windows.windows) expect(html).toContain(w.label);
  });

  it('refuses a report that does not exist (exit 2) and writes nothing', async () => {
    const r = await cli(['drift', 'show', '999', '--html', out('none.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/999/);
    expect(fs.existsSync(out('none.html'))).toBe(false);
  });

  it('says so when the file cannot be written (exit 2), leaving no partial file', async () => {
    const r = await cli(['drift', 'show', '1', '--html', path.join(ws.dir, 'no-such-folder', 'x.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write the report/);
    expect(fs.existsSync(path.join(ws.dir, 'no-such-folder'))).toBe(false);
  });
});

describe('preflight bench show RUN --html FILE', () => {
  it('shows a stored run, and writes its report with every percentile of every point', async () => {
    const run = (await cli(['bench', 'show', '1'])).json;
    expect(run.runId).toBe(1);
    const r = await cli(['bench', 'show', '1', '--html', out('bench.html')]);
    expect(r.code, r.stderr).toBe(0);
    const html = fs.readFileSync(out('bench.html'), 'utf8');
    expectSelfContained(html);
    expect(html).toContain(run.model.sha256);
    expect(html).toContain(`onnxruntime ${run.environment.ortVersion}`);
    expect(html).toContain(run.environment.cpuModel);
    for (const p of run.results) {
      expect(html).toContain(`>${p.label}<`);
      for (const k of ['mean', 'p50', 'p90', 'p95', 'p99', 'p999', 'max'])
        expect(html, `${p.label} ${k}`).toContain(`>${p.latencyMs[k].toPrecision(3)}<`);
      expect(html).toContain(`>${p.throughput.inferencesPerSec.toFixed(0)}<`);
    }
  });

  it('refuses a run that does not exist (exit 2)', async () => {
    const r = await cli(['bench', 'show', '42', '--html', out('none.html')]);
    expect(r.code).toBe(2);
    expect(fs.existsSync(out('none.html'))).toBe(false);
  });

  it('refuses --html without show or --compare (exit 2)', async () => {
    const r = await cli(['bench', 'some-model', '--html', out('none.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--html goes with/);
  });
});

describe('preflight bench --compare A,B --html FILE', () => {
  it('writes the comparison: verdict, both sides and every percentile difference', async () => {
    const cmp = (await cli(['bench', '--compare', '1:0,1:1'])).json;
    const r = await cli(['bench', '--compare', '1:0,1:1', '--html', out('compare.html')]);
    expect(r.code, r.stderr).toBe(0);
    const html = fs.readFileSync(out('compare.html'), 'utf8');
    expectSelfContained(html);
    expect(html).toContain(
      cmp.comparison.verdict
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/'/g, '&#39;')
        .replace(/"/g, '&quot;'),
    );
    for (const p of cmp.comparison.percentiles) {
      expect(html).toContain(`>${p.a.toFixed(4)}<`);
      expect(html).toContain(`>${p.b.toFixed(4)}<`);
    }
    expect(html).toContain(cmp.a.sha256);
  });
});
