// Stored results through every host: benchmark runs listed, shown and their raw latencies; hand-over
// reports written as one HTML file (or returned inline); removals with their dry run, what goes along
// and what keeps them; refusals with their codes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeThroughEveryHost, lacksForm, type Host, type Intent } from './hosts';
import { addDataset, addModel, driftRun, quickBench, useFiles } from './fixtures';

const files = useFiles();
const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const benchList: Intent = { method: 'bench/list', args: {}, job: false, cli: ['bench', '--list'] };
const driftList: Intent = { method: 'drift/list', args: {}, job: false, cli: ['drift', 'list'] };
const ITERATIONS = 40;

describeThroughEveryHost(
  'stored results',
  (current, seeded) => {
    let host: Host;
    let dir: string;
    let reportId: number;
    let runs: number[];
    beforeAll(() => {
      host = current();
      dir = path.join(files.dir, host.name.replace(/\W+/g, '-'));
      fs.mkdirSync(dir);
      const [, , , drift, ...benches] = seeded();
      reportId = drift.result.id;
      runs = benches.map((b) => b.result.runId);
    });

    it('lists benchmark runs newest first, shows one, and hands out its raw latencies', async () => {
      const listed = await host.perform(benchList);
      expect(listed.result.map((r: { runId: number }) => r.runId)).toEqual([...runs].reverse());
      const shown = await host.perform({
        method: 'bench/show',
        args: { runId: runs[0] },
        job: false,
        cli: ['bench', 'show', String(runs[0])],
      });
      expect(shown.result).toMatchObject({ runId: runs[0], model: { name: 'risk', version: 1 } });
      expect(shown.result.results[0]).toMatchObject({ ep: 'cpu', batchSize: 1 });
      const latencies = await host.perform({
        method: 'bench/latencies',
        args: { runId: runs[0] },
        job: false,
        cli: {
          none: "the raw latencies feed the app's histogram; `preflight bench show RUN --json` has their percentiles",
        },
      });
      if (lacksForm(latencies, /bench show RUN --json/)) return;
      expect(latencies.result).toMatchObject({ runId: runs[0], point: 0, total: ITERATIONS, stride: 1 });
      expect(latencies.result.latenciesMs).toHaveLength(ITERATIONS);
      // The raw numbers are the ones the run's summary was computed from.
      const raw: number[] = latencies.result.latenciesMs;
      const summary = shown.result.results[0].latencyMs;
      expect(Math.max(...raw)).toBeCloseTo(summary.max, 6);
      expect(Math.min(...raw)).toBeCloseTo(summary.min, 6);
      expect(raw.reduce((a, b) => a + b, 0) / raw.length).toBeCloseTo(summary.mean, 6);
    });

    it.each([
      [
        'a drift report',
        (out: string): Intent => ({
          method: 'reports/drift',
          args: { id: reportId, out },
          job: false,
          cli: ['drift', 'show', String(reportId), '--html', out],
        }),
        /utilization/,
      ],
      [
        'a benchmark run',
        (out: string): Intent => ({
          method: 'reports/bench',
          args: { runId: runs[0], out },
          job: false,
          cli: ['bench', 'show', String(runs[0]), '--html', out],
        }),
        /risk@1/,
      ],
      [
        'a comparison of two runs',
        (out: string): Intent => ({
          method: 'reports/bench-compare',
          args: { a: { runId: runs[0] }, b: { runId: runs[1] }, out },
          job: false,
          cli: ['bench', '--compare', `${runs[0]},${runs[1]}`, '--html', out],
        }),
        /risk@1/,
      ],
    ] as [string, (out: string) => Intent, RegExp][])(
      'writes %s as one self-contained HTML file',
      async (what, intent, names) => {
        const out = path.join(dir, `${what.replace(/\W+/g, '-')}.html`);
        const written = await host.perform(intent(out));
        expect(written.result).toMatchObject({
          path: out,
          bytes: fs.statSync(out).size,
          sha256: sha256(out),
          fileId: null,
        });
        const html = fs.readFileSync(out, 'utf8');
        expect(html).toMatch(/^<!doctype html>/i);
        expect(html).toMatch(names);
        expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/i); // no script, nothing fetched
      },
    );

    it('returns a report inline (the app prints these bytes) with nothing written', async () => {
      const inline = await host.perform({
        method: 'reports/drift',
        args: { id: reportId, inline: true },
        job: false,
        cli: { none: 'the CLI writes a report where --html says; printing is the app' },
      });
      if (lacksForm(inline, /where --html says/)) return;
      expect(inline.result).toMatchObject({ path: '', fileId: null, bytes: Buffer.byteLength(inline.result.html) });
      expect(inline.result.sha256).toBe(crypto.createHash('sha256').update(inline.result.html).digest('hex'));
    });

    it('removes a run and a report, and a model version with what refers to it, after a dry run says so', async () => {
      const dropRun = await host.perform({
        method: 'bench/remove',
        args: { runId: runs[1] },
        job: false,
        cli: ['bench', 'remove', String(runs[1])],
      });
      expect(dropRun.result).toMatchObject({ target: `benchmark run ${runs[1]}`, removed: true });
      const keepReport = await host.perform({
        method: 'drift/remove',
        args: { id: reportId, dryRun: true },
        job: false,
        cli: ['drift', 'remove', String(reportId), '--dry-run'],
      });
      expect(keepReport.result).toMatchObject({ target: `drift report ${reportId}`, removed: false });
      const dry = await host.perform({
        method: 'models/remove',
        args: { ref: 'risk@1', dryRun: true },
        job: false,
        cli: ['models', 'remove', 'risk@1', '--dry-run'],
      });
      expect(dry.result).toMatchObject({
        target: 'risk@1',
        removed: false,
        along: { benchRuns: [runs[0]], driftReports: [reportId] },
        blob: { removed: true, sharedWith: [] },
      });
      const gone = await host.perform({
        method: 'models/remove',
        args: { ref: 'risk@1' },
        job: false,
        cli: ['models', 'remove', 'risk@1'],
      });
      expect(gone.result).toMatchObject({ ...dry.result, removed: true });
      expect((await host.perform(benchList)).result).toEqual([]);
      expect((await host.perform(driftList)).result).toEqual([]);
      const dataset = await host.perform({
        method: 'datasets/remove',
        args: { ref: 'production' },
        job: false,
        cli: ['datasets', 'remove', 'production'],
      });
      expect(dataset.result).toEqual({ removed: 'production' });
    });

    it.each([
      [
        { method: 'models/remove', args: { ref: 'training' }, job: false, cli: ['models', 'remove', 'training'] },
        'BAD_ARGUMENTS',
        /say which version to remove, e\.g\. training@1/,
      ],
      [
        { method: 'bench/remove', args: { runId: 99 }, job: false, cli: ['bench', 'remove', '99'] },
        'NOT_FOUND',
        /no benchmark run 99/,
      ],
      [
        {
          method: 'reports/bench',
          args: { runId: 99, out: 'x.html' },
          job: false,
          cli: ['bench', 'show', '99', '--html', 'x.html'],
        },
        'NOT_FOUND',
        /99/,
      ],
      [
        { method: 'datasets/remove', args: { ref: 'nope' }, job: false, cli: ['datasets', 'remove', 'nope'] },
        'NOT_FOUND',
        /no dataset nope/,
      ],
    ] as [Intent, string, RegExp][])('refuses %#: the error and its code', async (intent, code, message) => {
      const out = await host.perform(intent);
      expect(out.error).toMatchObject({ code, message: expect.stringMatching(message) });
    });
  },
  [
    addModel(files.model, 'risk'),
    addDataset(files.training, 'training'),
    addDataset(files.production, 'production'),
    driftRun(),
    quickBench('risk@1', ITERATIONS),
    quickBench('risk@1', ITERATIONS),
  ],
);
