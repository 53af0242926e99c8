// Real-model input patterns through the CLI, on committed fixtures that reproduce them
// (test/fixtures/models/make_bench_models.py): Silero VAD's unnamed dims and sample-rate scalar,
// PaddleOCR recognition's free width, a text-direction classifier's free height and width.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { MODELS, requireBuild, tempDir } from '../helpers/workspace';

let ws: ReturnType<typeof tempDir>;
const env = () => ({ PREFLIGHT_WORKSPACE: ws.dir });
const silero = path.join(MODELS, 'silero_like.onnx');
const rec = path.join(MODELS, 'ocr_rec_like.onnx');
const cls = path.join(MODELS, 'ocr_cls_like.onnx');
// One quiet thread: repeatable numbers on a loaded 2-core machine.
const steady = ['--threads', '1', '--spinning', 'off', '--warmup', '20'];
const SILERO_INPUTS = ['--shape', 'input=1x512,state=2x1x128', '--value', 'sr=16000'];

beforeAll(() => {
  requireBuild();
  ws = tempDir();
});
afterAll(() => ws?.cleanup());

describe('Silero-VAD-like model: unnamed dimensions and a sample-rate scalar', () => {
  it('runs with --shape input=1x512,state=2x1x128 --value sr=16000, and --json lists every input with dtype, shape and source', async () => {
    const r = await runCli(['bench', silero, '--iterations', '300', ...steady, ...SILERO_INPUTS], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    const p = r.json.results[0];
    expect(p.error).toBeNull();
    expect(
      p.inputs.map((i: { name: string; dtype: string; shape: number[]; source: string }) => ({
        name: i.name,
        dtype: i.dtype,
        shape: i.shape,
        source: i.source,
      })),
    ).toEqual([
      { name: 'input', dtype: 'float32', shape: [1, 512], source: 'random uniform [-1, 1), seed 1' },
      { name: 'state', dtype: 'float32', shape: [2, 1, 128], source: 'random uniform [-1, 1), seed 2' },
      { name: 'sr', dtype: 'int64', shape: [], source: 'constant 16000' },
    ]);
    expect(p.inputs.map((i: { declared: string }) => i.declared)).toEqual(['[?,?]', '[2,?,128]', '[]']);
    expect(p.inputsAssumed).toBeNull();
    expect(r.json.warnings).toEqual([]);
    expect(p.latencyMs.p50).toBeGreaterThan(0);
    expect(r.json.settings).toMatchObject({ shapes: { input: [1, 512], state: [2, 1, 128] }, values: { sr: 16000 } });
  });

  it('8000 is accepted too; any other rate fails inside the model, and the error says to set --value', async () => {
    const ok = await runCli(
      [
        'bench',
        'silero_like',
        '--iterations',
        '50',
        ...steady,
        '--shape',
        'input=1x256,state=2x1x128',
        '--value',
        'sr=8000',
      ],
      { env: env() },
    );
    expect(ok.code, ok.stderr).toBe(0);
    const bad = await runCli(
      ['bench', 'silero_like', '--iterations', '50', ...steady, '--shape', 'input=1x512,state=2x1x128'],
      { env: env(), json: false },
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^!! INPUTS ASSUMED: sr is an int64 scalar filled with random integers 0–9/m);
    expect(bad.stdout).toMatch(/cpu b1 c1: ERROR first inference failed: If node: .*Reshape/);
    expect(bad.stdout).toContain(
      '  check: sr (int64 scalar) held random integers 0–9: if the model needs a particular value, set it with --value sr=N',
    );
    expect(bad.stdout).not.toContain('/onnxruntime_src/'); // the summary, not the source path…
    const verbose = await runCli(
      ['bench', 'silero_like', '--iterations', '50', ...steady, '--shape', 'input=1x512,state=2x1x128', '--verbose'],
      { env: env(), json: false },
    );
    expect(verbose.stdout).toMatch(/onnxruntime said: .*reshape_helper\.h/); // …which --verbose shows verbatim
  });

  it('without flags the unnamed dims are assumed 1: the Pad error is shown with what to set, and the assumption leads the output', async () => {
    const r = await runCli(['bench', 'silero_like', '--iterations', '50', ...steady], { env: env(), json: false });
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toMatch(
      /^!! INPUTS ASSUMED: input \[\?,\?\]: dimension 1 \(unnamed\) = 1 — nothing sets it; state \[2,\?,128\]: dimension 1 \(unnamed\) = 1/,
    );
    expect(lines[1]).toContain('--shape input=1x?,state=2x?x128');
    expect(r.stdout).toContain(
      'ERROR first inference failed: Pad node: Pad reflect requires axis length >= 2 after slicing. Input shape:{1,1}',
    );
    expect(r.stdout).toContain(
      '  check: input was fed float32[1,1] with a dimension nobody set: give its real shape with --shape input=1x? (each ? replaced)',
    );
    expect(r.stdout).toMatch(/^input +float32 +1x1 +\[\?,\?\] +random uniform \[-1, 1\), seed 1 \(SHAPE ASSUMED\)$/m);
  });

  it('--inputs shows what a run would feed, without running, and checks the names the same way', async () => {
    const plan = await runCli(['bench', 'silero_like', '--inputs', '--shape', 'input=1x512'], {
      env: env(),
      json: false,
    });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/^input +float32 +\[\?,\?\] +1x512 +random uniform \[-1, 1\), seed 1$/m);
    expect(plan.stdout).toMatch(/^!! INPUTS ASSUMED: state \[2,\?,128\]: dimension 1 \(unnamed\) = 1/m);
    const json = await runCli(['bench', 'silero_like', '--inputs', '--value', 'sr=16000'], { env: env() });
    expect(json.json.inputs.find((i: { name: string }) => i.name === 'sr')).toMatchObject({
      shape: [],
      source: { kind: 'constant', value: 16000 },
    });
    expect((await runCli(['bench', 'silero_like', '--inputs', '--dim', 'T=1'], { env: env() })).code).toBe(2);
  });

  it('unknown names and impossible shapes are exit 2 before anything runs, naming the valid ones', async () => {
    const before = (await runCli(['bench', '--list'], { env: env() })).json.length;
    const cases: [string[], RegExp][] = [
      [['--shape', 'inptu=1x512'], /--shape inptu: the model has no input named "inptu" \(inputs: input, state, sr\)/],
      [['--value', 'rate=16000'], /--value rate: the model has no input named "rate" \(inputs: input, state, sr\)/],
      [
        ['--dim', 'T=512'],
        /--dim T: no input has a dimension named "T" \(named dimensions: none; unnamed dimensions of input, state are set with --shape INPUT=AxBx…\)/,
      ],
      [
        ['--shape', 'input=1x512x2'],
        /--shape input=1x512x2: input has rank 2 \(\[\?,\?\]\), the shape given has 3 dimensions/,
      ],
      [['--shape', 'state=4x1x128'], /dimension 0 of state is fixed at 2 in the model \(\[2,\?,128\]\), not 4/],
      [['--value', 'sr=16000.5'], /sr is int64, which holds integers only/],
      [['--shape', 'input=1xW'], /--shape input= "W"|expected sizes like 1x3x48x320/],
      [['--value', 'sr'], /--value "sr": expected NAME=NUMBER/],
    ];
    for (const [flags, message] of cases) {
      const r = await runCli(['bench', 'silero_like', '--iterations', '10', ...flags], { env: env() });
      expect(r.code, `${flags.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.json.error.message).toMatch(message);
    }
    expect(
      (await runCli(['bench', 'silero_like', '--ab', 'silero_like', '--shape', 'nope=1'], { env: env() })).code,
    ).toBe(2);
    expect((await runCli(['bench', '--list'], { env: env() })).json.length).toBe(before);
  });
});

describe('OCR models with free image dimensions', () => {
  let assumedRun: number;
  let realRun: number;

  it('the recognition model at 48×320 is much slower than the 48×1 it is silently given otherwise — and the 48×1 run says it was assumed', async () => {
    const assumed = await runCli(['bench', rec, '--iterations', '600', ...steady], { env: env() });
    const real = await runCli(['bench', 'ocr_rec_like', '--iterations', '600', ...steady, '--shape', 'x=1x3x48x320'], {
      env: env(),
    });
    expect(assumed.code, assumed.stderr).toBe(0);
    expect(real.code, real.stderr).toBe(0);
    assumedRun = assumed.json.runId;
    realRun = real.json.runId;
    const a = assumed.json.results[0];
    const b = real.json.results[0];
    expect(a.inputs[0].shape).toEqual([1, 3, 48, 1]);
    expect(a.inputsAssumed).toMatch(
      /^INPUTS ASSUMED: x \[p2o.DynamicDimension.0,3,48,p2o.DynamicDimension.1\]: dimension 3 \(p2o.DynamicDimension.1\) = 1/,
    );
    expect(a.warnings[0]).toBe(a.inputsAssumed); // first, not one line among many
    expect(assumed.json.warnings).toEqual([a.inputsAssumed]);
    expect(b.inputs[0].shape).toEqual([1, 3, 48, 320]);
    expect(b.inputsAssumed).toBeNull();
    // 320 columns of convolutions against 1: measured 0.022 ms vs 0.32 ms on the 2-core VM.
    expect(b.latencyMs.p50).toBeGreaterThan(4 * a.latencyMs.p50);
  });

  it('--dim by the width’s own name gives the same shape as --shape, over a batch sweep', async () => {
    const r = await runCli(
      [
        'bench',
        'ocr_rec_like',
        '--iterations',
        '30',
        ...steady,
        '--dim',
        'p2o.DynamicDimension.1=320',
        '--batch',
        '1,2',
      ],
      { env: env() },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.results.map((p: { inputs: { shape: number[] }[] }) => p.inputs[0].shape)).toEqual([
      [1, 3, 48, 320],
      [2, 3, 48, 320],
    ]);
  });

  it('comparing the 48×1 run with the 48×320 run is refused a verdict: not comparable, with the reason, in JSON and in words', async () => {
    const json = await runCli(['bench', '--compare', `${assumedRun},${realRun}`], { env: env() });
    expect(json.code).toBe(0);
    expect(json.json.comparable).toBe(false);
    expect(json.json.reasons).toEqual(['input x is float32[1,3,48,1] in A but float32[1,3,48,320] in B']);
    expect(json.json.comparison.comparable).toBe(false);
    expect(json.json.comparison.verdict).not.toMatch(/significant,|slower|faster/);
    expect(json.json.a.inputsAssumed).toMatch(/^INPUTS ASSUMED/);
    const human = await runCli(['bench', '--compare', `${assumedRun},${realRun}`], { env: env(), json: false });
    const lines = human.stdout.split('\n');
    expect(lines[0]).toBe(
      'NOT COMPARABLE: input x is float32[1,3,48,1] in A but float32[1,3,48,320] in B. The numbers below are shown for reading; there is no significance verdict for this pair.',
    );
    expect(human.stdout).toMatch(/^!! A: INPUTS ASSUMED/m);
    expect(human.stdout).toMatch(/^p50 +[\d.]+ +[\d.]+ +[\d.]+ +\[.*\] +n\/a$/m);
    const same = await runCli(['bench', '--compare', `${realRun},${realRun}`], { env: env() });
    expect(same.json).toMatchObject({ comparable: true, reasons: [] });
  });

  it('the classifier: 1×1 is assumed and fast, 48×192 is set and slower; --list shows which run assumed', async () => {
    const small = await runCli(['bench', cls, '--iterations', '600', ...steady], { env: env() });
    const real = await runCli(['bench', 'ocr_cls_like', '--iterations', '600', ...steady, '--shape', 'x=1x3x48x192'], {
      env: env(),
    });
    expect(small.json.results[0].inputs[0].shape).toEqual([1, 3, 1, 1]);
    expect(small.json.results[0].inputs[0].assumed).toHaveLength(2);
    expect(real.json.results[0].inputsAssumed).toBeNull();
    expect(real.json.results[0].latencyMs.p50).toBeGreaterThan(3 * small.json.results[0].latencyMs.p50);
    const list = await runCli(['bench', '--list'], { env: env(), json: false });
    expect(list.stdout).toMatch(new RegExp(`^${small.json.runId} .*ASSUMED x float32\\[1,3,1,1\\]$`, 'm'));
    expect(list.stdout).toMatch(new RegExp(`^${real.json.runId} .* x float32\\[1,3,48,192\\]$`, 'm'));
  });

  it('an A/B run of two settings on the same inputs is comparable; its verdict names p50 and p99', async () => {
    const r = await runCli(
      [
        'bench',
        'ocr_cls_like',
        '--ab',
        'ocr_cls_like',
        '--ab-threads',
        '1',
        '--shape',
        'x=1x3x48x192',
        '--blocks',
        '2',
        '--block-iterations',
        '100',
        '--warmup',
        '5',
      ],
      { env: env() },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.comparison.comparable).toBe(true);
    expect(r.json.comparison.verdict).toMatch(/at p50/);
    expect(r.json.comparison.verdict).toMatch(/at p99/);
    expect(r.json.results.map((p: { inputs: { shape: number[] }[] }) => p.inputs[0].shape)).toEqual([
      [1, 3, 48, 192],
      [1, 3, 48, 192],
    ]);
  });
});

describe('providers', () => {
  it('an unavailable provider is one readable line; --verbose adds onnxruntime’s own message', async () => {
    const r = await runCli(
      ['bench', 'ocr_cls_like', '--ep', 'cpu,webgpu', '--iterations', '20', '--shape', 'x=1x3x48x192'],
      { env: env(), json: false },
    );
    const json = await runCli(
      ['bench', 'ocr_cls_like', '--ep', 'cpu,webgpu', '--iterations', '20', '--shape', 'x=1x3x48x192'],
      { env: env() },
    );
    const webgpu = json.json.providers.find((p: { name: string }) => p.name === 'webgpu');
    if (webgpu.available) return; // a machine with a GPU adapter has nothing to explain
    expect(webgpu.summary).toBe('WebGPU: no GPU adapter found');
    expect(json.json.results.find((p: { ep: string }) => p.ep === 'webgpu').errorSummary).toBe(
      'WebGPU: no GPU adapter found',
    );
    expect(r.stdout).toContain('webgpu (unavailable: WebGPU: no GPU adapter found)');
    expect(r.stdout).toContain('webgpu b1 c1: ERROR WebGPU: no GPU adapter found');
    expect(r.stdout).not.toContain('/onnxruntime_src/');
    const verbose = await runCli(
      ['bench', 'ocr_cls_like', '--ep', 'cpu,webgpu', '--iterations', '20', '--shape', 'x=1x3x48x192', '--verbose'],
      { env: env(), json: false },
    );
    expect(verbose.stdout).toContain(`webgpu, onnxruntime said: ${webgpu.reason}`);
  });
});
