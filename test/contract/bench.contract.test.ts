import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { MODELS } from '../helpers/workspace';
import { describeThroughEveryHost, lacksForm, type Host, type Intent } from './hosts';

const silero = path.join(MODELS, 'silero_like.onnx');
const rec = path.join(MODELS, 'ocr_rec_like.onnx');
const quick = { iterations: 50, warmup: 2, intraOpThreads: 1 };
const quickCli = ['--iterations', '50', '--warmup', '2', '--threads', '1'];

const start = (model: string, args: Record<string, unknown>, cli: string[]): Intent => ({
  method: 'bench/start',
  args: { model, ...quick, ...args },
  job: true,
  cli: ['bench', model, ...quickCli, ...cli],
});
const compare = (a: number, b: number): Intent => ({
  method: 'bench/compare',
  args: { a: { runId: a }, b: { runId: b } },
  job: false,
  cli: ['bench', '--compare', `${a},${b}`],
});

// The input flags mean the same through the core, the HTTP server and the CLI.
describeThroughEveryHost('benchmark inputs', (current) => {
  let host: Host;
  beforeAll(() => {
    host = current();
  });

  it('Silero-like: shapes for unnamed dims and a constant sample rate are fed as given, nothing assumed', async () => {
    const out = await host.perform(
      start(silero, { shapes: { input: [1, 512], state: [2, 1, 128] }, values: { sr: 16000 } }, [
        '--shape',
        'input=1x512,state=2x1x128',
        '--value',
        'sr=16000',
      ]),
    );
    expect(out.error).toBeUndefined();
    const p = out.result.results[0];
    expect(p.error).toBeNull();
    expect(p.inputs.map((i: { name: string; shape: number[]; source: string }) => [i.name, i.shape, i.source])).toEqual(
      [
        ['input', [1, 512], 'random uniform [-1, 1), seed 1'],
        ['state', [2, 1, 128], 'random uniform [-1, 1), seed 2'],
        ['sr', [], 'constant 16000'],
      ],
    );
    expect(p.inputsAssumed).toBeNull();
  });

  it('a --shape for an input the model does not have is BAD_ARGUMENTS naming the inputs', async () => {
    const out = await host.perform(start('silero_like', { shapes: { audio: [1, 512] } }, ['--shape', 'audio=1x512']));
    expect(out.error).toMatchObject({
      code: 'BAD_ARGUMENTS',
      message: expect.stringContaining('(inputs: input, state, sr)'),
    });
  });

  it('runs of other shapes compare as not comparable, with the reason', async () => {
    const assumed = await host.perform(start(rec, {}, []));
    const real = await host.perform(
      start('ocr_rec_like', { shapes: { x: [1, 3, 48, 320] } }, ['--shape', 'x=1x3x48x320']),
    );
    expect(assumed.result.results[0].inputsAssumed).toMatch(/^INPUTS ASSUMED: x /);
    const out = await host.perform(compare(assumed.result.runId, real.result.runId));
    expect(out.result).toMatchObject({
      comparable: false,
      reasons: ['input x is float32[1,3,48,1] in A but float32[1,3,48,320] in B'],
    });
    expect(out.result.comparison.verdict).toMatch(/^not comparable: /);
  });
});

const SILERO_SHAPES = { shapes: { input: [1, 512], state: [2, 1, 128] }, values: { sr: 16000 } };
const SILERO_FLAGS = ['--shape', 'input=1x512,state=2x1x128', '--value', 'sr=16000'];

// Before a run and beside it: the inputs a run would feed, the providers a model can run on, A/B.
describeThroughEveryHost(
  'benchmark planning and A/B',
  (current) => {
    let host: Host;
    beforeAll(() => {
      host = current();
    });

    it('shows the inputs a run would feed, nothing assumed, before running', async () => {
      const out = await host.perform({
        method: 'bench/inputs',
        args: { model: 'silero_like', ...SILERO_SHAPES },
        job: false,
        cli: ['bench', 'silero_like', '--inputs', ...SILERO_FLAGS],
      });
      expect(out.result).toMatchObject({
        model: { name: 'silero_like', version: 1 },
        batchSize: 1,
        inputsAssumed: null,
      });
      expect(out.result.inputs.map((i: { name: string; shape: number[] }) => [i.name, i.shape])).toEqual([
        ['input', [1, 512]],
        ['state', [2, 1, 128]],
        ['sr', []],
      ]);
    });

    it('probes each execution provider on its own: the CPU always runs the model', async () => {
      const out = await host.perform({
        method: 'bench/providers',
        args: { model: 'silero_like' },
        job: false,
        cli: {
          none: '`preflight bench --ep a,b` runs on the providers asked for; one that cannot run says why in its row',
        },
      });
      if (lacksForm(out, /says why in its row/)) return;
      expect(out.result.find((p: { name: string }) => p.name === 'cpu')).toMatchObject({
        available: true,
        reason: null,
      });
      for (const p of out.result.filter((x: { available: boolean }) => !x.available))
        expect(p.reason).toEqual(expect.any(String));
    });

    it('runs A and B interleaved in blocks and compares B with A', async () => {
      const out = await host.perform({
        method: 'bench/ab',
        args: {
          a: { model: 'silero_like' },
          b: { model: 'silero_like', intraOpThreads: 1 },
          blocks: 2,
          blockIterations: 10,
          warmup: 2,
          ...SILERO_SHAPES,
        },
        job: true,
        cli: [
          'bench',
          'silero_like',
          '--ab',
          'silero_like',
          '--ab-threads',
          '1',
          '--blocks',
          '2',
          '--block-iterations',
          '10',
          '--warmup',
          '2',
          ...SILERO_FLAGS,
        ],
      });
      expect(out.error).toBeUndefined();
      expect(out.result).toMatchObject({ kind: 'ab', model: { name: 'silero_like' } });
      expect(out.result.results.map((r: { label: string; iterations: number }) => [r.label, r.iterations])).toEqual([
        ['A: silero_like@1 cpu, intra-op default', 20],
        ['B: silero_like@1 cpu, intra-op 1', 20],
      ]);
      expect(out.result.comparison).not.toBeNull();
    });
  },
  // A first run registers the file under its name, as it does for a user.
  [start(silero, SILERO_SHAPES, SILERO_FLAGS)],
);
