import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { MODELS } from '../helpers/workspace';
import { describeThroughEveryHost, type Host, type Intent } from './hosts';

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
