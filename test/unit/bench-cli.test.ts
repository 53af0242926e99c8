import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { MODELS, requireBuild, tempDir } from '../helpers/workspace';

let ws: ReturnType<typeof tempDir>;
const env = () => ({ PREFLIGHT_WORKSPACE: ws.dir });
const tiny = path.join(MODELS, 'tiny_mlp.onnx');

beforeAll(() => {
  requireBuild();
  ws = tempDir();
});
afterAll(() => ws?.cleanup());

describe('preflight bench', () => {
  it('--ep cpu,webgpu --batch 1,8 --json gives CPU results and every provider with its availability', async () => {
    const r = await runCli(
      ['bench', tiny, '--ep', 'cpu,webgpu', '--batch', '1,8', '--iterations', '200', '--warmup', '5'],
      { env: env() },
    );
    expect(r.code).toBe(0);
    expect(r.json.runId).toBeGreaterThan(0);
    expect(r.json.modelHash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.json.providers.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['cpu', 'webgpu']));
    for (const p of r.json.providers) expect(Object.keys(p).sort()).toEqual(['available', 'name', 'reason', 'summary']);
    const cpu = r.json.results.filter((x: { ep: string }) => x.ep === 'cpu');
    expect(cpu).toHaveLength(2);
    for (const x of cpu) {
      expect(Object.keys(x.latencyMs).sort()).toEqual([
        'max',
        'mean',
        'min',
        'p50',
        'p90',
        'p95',
        'p99',
        'p999',
        'std',
      ]);
      expect(x).toMatchObject({
        iterations: 200,
        concurrency: 1,
        throughput: { inferencesPerSec: expect.any(Number), itemsPerSec: expect.any(Number) },
      });
      expect(x.sessionCreateMs).toBeGreaterThan(0);
      expect(x.firstRunMs).toBeGreaterThan(0);
      expect(x.peakRssBytes).toBeGreaterThan(0);
    }
    expect(r.json.environment.cpuModel).toBeTruthy();
  });

  it('a breached SLO exits 1 and is stored with the run; a met one exits 0', async () => {
    const breached = await runCli(['bench', 'tiny_mlp', '--iterations', '100', '--slo', 'p50<=0.0001ms'], {
      env: env(),
    });
    expect(breached.code).toBe(1);
    expect(breached.json.sloVerdict.passed).toBe(false);
    expect(breached.stderr).toMatch(/SLO breached: p50<=0.0001ms on cpu b1/);
    const met = await runCli(['bench', 'tiny_mlp', '--iterations', '100', '--slo', 'p99<=10s,b1:max<=10s'], {
      env: env(),
    });
    expect(met.code).toBe(0);
    expect(met.json.slo.map((s: { text: string }) => s.text)).toEqual(['p99<=10s', 'b1:max<=10s']);
    expect(met.json.sloVerdict.passed).toBe(true);
  });

  it('usage mistakes exit 2 with a readable message', async () => {
    const slo = await runCli(['bench', 'tiny_mlp', '--slo', 'p99 < twenty'], { env: env() });
    expect(slo.code).toBe(2);
    expect(slo.json.error.message).toMatch(/--slo "p99 < twenty"/);
    expect((await runCli(['bench', 'tiny_mlp', '--batch', '0'], { env: env() })).code).toBe(2);
    expect((await runCli(['bench', 'tiny_mlp', '--iterations', '5', '--duration', '1'], { env: env() })).code).toBe(2);
    expect((await runCli(['bench', 'tiny_mlp', '--dim', 'N'], { env: env() })).code).toBe(2);
    expect((await runCli(['bench', path.join(MODELS, 'not_onnx.onnx')], { env: env() })).code).toBe(2);
  });

  it('an objective for a batch size not in the sweep, or A/B with sweep-only flags, is exit 2 before anything runs', async () => {
    const before = (await runCli(['bench', '--list'], { env: env() })).json.length;
    const slo = await runCli(
      ['bench', 'tiny_mlp', '--iterations', '30', '--slo', 'p99<=20ms', '--slo', 'b8:p99<=0.001ms'],
      { env: env() },
    );
    expect(slo.code).toBe(2);
    expect(slo.json.error.message).toMatch(/b8:p99<=0.001ms.*batch 8 is not in the sweep/);
    const ab = await runCli(['bench', 'tiny_mlp', '--ab', 'tiny_mlp', '--slo', 'p99<=1ms', '--iterations', '10'], {
      env: env(),
    });
    expect(ab.code).toBe(2);
    expect(ab.json.error.message).toMatch(/--slo, --iterations are not supported with --ab/);
    const abOnly = await runCli(['bench', 'tiny_mlp', '--blocks', '3'], { env: env() });
    expect(abOnly.code).toBe(2);
    expect(abOnly.json.error.message).toMatch(/--blocks only apply with --ab/);
    expect((await runCli(['bench', '--list'], { env: env() })).json.length).toBe(before);
  });

  it('a run in which no point produced numbers exits 1, and an SLO fails on a provider that could not run', async () => {
    const none = await runCli(['bench', 'tiny_mlp', '--ep', 'webgpu', '--iterations', '20'], { env: env() });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no point produced numbers: .*webgpu/);
    const gated = await runCli(['bench', 'tiny_mlp', '--ep', 'cpu,webgpu', '--iterations', '50', '--slo', 'p99<=10s'], {
      env: env(),
    });
    expect(gated.code).toBe(1);
    expect(gated.json.sloVerdict.checks.find((c: { ep: string }) => c.ep === 'webgpu')).toMatchObject({
      passed: false,
      reason: expect.stringMatching(/^no numbers: /),
    });
    expect(gated.json.sloVerdict.checks.find((c: { ep: string }) => c.ep === 'cpu')).toMatchObject({ passed: true });
  });

  it('--ab interleaves two settings of one model and gives a verdict', async () => {
    const r = await runCli(
      [
        'bench',
        'tiny_mlp',
        '--ab',
        'tiny_mlp',
        '--ab-spinning',
        'off',
        '--blocks',
        '2',
        '--block-iterations',
        '100',
        '--warmup',
        '5',
      ],
      { env: env() },
    );
    expect(r.code).toBe(0);
    expect(r.json.kind).toBe('ab');
    expect(r.json.results.map((x: { label: string }) => x.label)).toEqual([
      'A: tiny_mlp@1 cpu, spinning default',
      'B: tiny_mlp@1 cpu, spinning off',
    ]);
    expect(r.json.results[1].sessionOptions.extra).toEqual({ session: { intra_op: { allow_spinning: '0' } } });
    expect(r.json.comparison.verdict).toBeTruthy();
  });

  it('list (or --list) and --compare read stored runs', async () => {
    const list = await runCli(['bench', '--list'], { env: env() });
    expect(list.code).toBe(0);
    expect(list.json.length).toBeGreaterThanOrEqual(3);
    // Spelled as `models list` and `drift list` are: the same runs, not "no model list".
    const spelled = await runCli(['bench', 'list'], { env: env() });
    expect(spelled.code).toBe(0);
    expect(spelled.json).toEqual(list.json);
    const cmp = await runCli(['bench', '--compare', `${list.json.at(-1).runId}:0,${list.json.at(-1).runId}:1`], {
      env: env(),
    });
    expect(cmp.code).toBe(0);
    expect(cmp.json.comparison.verdict).toBeTruthy();
    const human = await runCli(['bench', '--compare', `${list.json.at(-1).runId}:0,${list.json.at(-1).runId}:1`], {
      env: env(),
      json: false,
    });
    expect(human.stdout).toMatch(/verdict: /);
  });
});
