// The input plan every benchmark feeds (shared/bench/input-plan.ts), how two points are judged
// comparable, the one-line error summaries, and what the run forms send. Pure: no onnxruntime here;
// test/unit/bench-real-models.test.ts runs the same patterns through the CLI on real fixtures.
import { describe, expect, it } from 'vitest';
import {
  assumptionWarning,
  checkOverrideNames,
  explicitFlags,
  parseShape,
  planInputs,
} from '../../shared/bench/input-plan';
import { comparabilityReasons, normalizePoint } from '../../shared/bench/comparability';
import { plainOrtMessage, summarizePointError, summarizeProviderError } from '../../shared/bench/provider-summary';
import type { BenchPointResult } from '../../shared/types/bench';
import type { Dim, TensorInfo } from '../../shared/types/models';
import { inputArgs } from '../../renderer/bench/inputChoice';

const t = (name: string, elemType: string, shape: Dim[] | null): TensorInfo => ({
  name,
  kind: 'tensor',
  elemType,
  shape,
  type: '',
  docString: '',
});
const v = (value: number): Dim => ({ value });
const p = (param: string): Dim => ({ param });
const unknown: Dim = { unknown: true };

// Silero VAD's inputs exactly as its .onnx declares them: two unnamed dims, a state with an unnamed batch, an int64 scalar.
const silero = [
  t('input', 'float', [p(''), unknown]),
  t('state', 'float', [v(2), p(''), v(128)]),
  t('sr', 'int64', []),
];
const ocrRec = [t('x', 'float', [p('p2o.DynamicDimension.0'), v(3), v(48), p('p2o.DynamicDimension.1')])];
const cls = [t('x', 'float', [p('N'), v(3), unknown, unknown])];
const opts = { seed: 1 };

describe('input plan: shapes, dims and values, explicitly', () => {
  it('Silero: --shape sets unnamed dimensions and --value the sample rate; nothing is assumed', () => {
    const plan = planInputs(
      silero,
      1,
      { shapes: { input: [1, 512], state: [2, 1, 128] }, values: { sr: 16000 } },
      opts,
    );
    expect(plan.map((i) => [i.name, i.dtype, i.shape, i.source])).toEqual([
      ['input', 'float32', [1, 512], { kind: 'random', seed: 1 }],
      ['state', 'float32', [2, 1, 128], { kind: 'random', seed: 2 }],
      ['sr', 'int64', [], { kind: 'constant', value: 16000 }],
    ]);
    expect(plan.flatMap((i) => i.assumed)).toEqual([]);
    expect(assumptionWarning(plan)).toBeNull();
  });

  it('Silero without flags: every unset dimension and the random integer scalar are assumptions, said once, prominently', () => {
    const plan = planInputs(silero, 1, {}, opts);
    expect(plan.map((i) => i.shape)).toEqual([[1, 1], [2, 1, 128], []]);
    expect(plan[0].dims.map((d) => d.origin)).toEqual(['batch', 'default']);
    const warning = assumptionWarning(plan)!;
    expect(warning).toMatch(
      /^INPUTS ASSUMED: input \[\?,\?\]: dimension 1 \(unnamed\) = 1 — nothing sets it; state \[2,\?,128\]: dimension 1 \(unnamed\) = 1/,
    );
    expect(warning).toContain(
      'sr is an int64 scalar filled with random integers 0–9; if it must hold a particular value (a sample rate, a flag), set it with --value sr=N',
    );
    // The way out names the unnamed dimensions by position, as --shape does.
    expect(explicitFlags(plan)).toBe('--shape input=1x?,state=2x?x128');
  });

  it('OCR recognition: the free width is assumed 1 unless set by --shape or by its name with --dim', () => {
    expect(planInputs(ocrRec, 1, {}, opts)[0]).toMatchObject({
      shape: [1, 3, 48, 1],
      declared: '[p2o.DynamicDimension.0,3,48,p2o.DynamicDimension.1]',
    });
    expect(planInputs(ocrRec, 4, { dims: { 'p2o.DynamicDimension.1': 320 } }, opts)[0]).toMatchObject({
      shape: [4, 3, 48, 320],
      assumed: [],
    });
    expect(planInputs(ocrRec, 1, { shapes: { x: [1, 3, 48, 320] } }, opts)[0]).toMatchObject({
      shape: [1, 3, 48, 320],
      assumed: [],
    });
  });

  it('a classifier with free H and W: 1×1 is an assumption, the metadata hint is used (and still reported) when the model has one', () => {
    const bare = planInputs(cls, 1, {}, opts);
    expect(bare[0].shape).toEqual([1, 3, 1, 1]);
    expect(bare[0].assumed).toHaveLength(2);
    const hinted = planInputs(cls, 2, {}, { seed: 1, metadataProps: { 'x.shape': '1x3x48x192' } });
    expect(hinted[0].shape).toEqual([2, 3, 48, 192]);
    expect(hinted[0].dims.map((d) => d.origin)).toEqual(['batch', 'fixed', 'hint', 'hint']);
    expect(assumptionWarning(hinted)).toMatch(
      /dimension 2 \(unnamed\) = 48, taken from the model's metadata "x.shape"/,
    );
  });

  it('a dimension name shared by two inputs takes the size the batch or another input’s --shape gave it', () => {
    const two = [t('ids', 'int64', [p('B'), p('T')]), t('mask', 'int64', [p('B'), p('T')])];
    const plan = planInputs(two, 3, { shapes: { ids: [3, 128] } }, opts);
    expect(plan.map((i) => i.shape)).toEqual([
      [3, 128],
      [3, 128],
    ]);
    expect(plan[1].dims.map((d) => d.origin)).toEqual(['same-name', 'same-name']);
    expect(plan.flatMap((i) => i.assumed)).toEqual([]);
  });

  it('names that match nothing are usage errors listing the valid ones', () => {
    expect(() => checkOverrideNames(silero, { shapes: { inptu: [1, 512] } })).toThrow(
      /--shape inptu: the model has no input named "inptu" \(inputs: input, state, sr\)/,
    );
    expect(() => checkOverrideNames(silero, { values: { rate: 16000 } })).toThrow(
      /--value rate: .*\(inputs: input, state, sr\)/,
    );
    expect(() => checkOverrideNames(silero, { dims: { T: 512 } })).toThrow(
      /--dim T: no input has a dimension named "T" \(named dimensions: none; unnamed dimensions of input, state are set with --shape INPUT=AxBx…\)/,
    );
    expect(() => checkOverrideNames(ocrRec, { dims: { W: 320 } })).toThrow(
      /named dimensions: p2o.DynamicDimension.0, p2o.DynamicDimension.1\)/,
    );
    try {
      checkOverrideNames(silero, { shapes: { nope: [1] } });
    } catch (err) {
      expect((err as { code: string }).code).toBe('BAD_ARGUMENTS');
    }
  });

  it('a shape of the wrong rank or against a fixed size is refused with the model’s declared shape', () => {
    expect(() => planInputs(silero, 1, { shapes: { input: [1, 512, 3] } }, opts)).toThrow(
      '--shape input=1x512x3: input has rank 2 ([?,?]), the shape given has 3 dimensions',
    );
    expect(() => planInputs(silero, 1, { shapes: { state: [3, 1, 128] } }, opts)).toThrow(
      '--shape state=3x1x128: dimension 0 of state is fixed at 2 in the model ([2,?,128]), not 3',
    );
    expect(() => planInputs(ocrRec, 1, { shapes: { x: [1, 3, 32, 100] } }, opts)).toThrow(
      /dimension 2 of x is fixed at 48/,
    );
    expect(() => planInputs(silero, 1, { shapes: { sr: [1] } }, opts)).toThrow(/sr has rank 0/);
  });

  it('a constant must fit the dtype', () => {
    expect(() => planInputs(silero, 1, { values: { sr: 1.5 } }, opts)).toThrow(
      '--value sr=1.5: sr is int64, which holds integers only',
    );
    expect(() => planInputs([t('b', 'bool', [v(1)])], 1, { values: { b: 2 } }, opts)).toThrow(/give 0 or 1/);
    expect(() => planInputs([t('u', 'uint8', [v(1)])], 1, { values: { u: 300 } }, opts)).toThrow(
      /outside the range of uint8 \(0…255\)/,
    );
    expect(planInputs(silero, 1, { values: { input: 0.5 } }, opts)[0].source).toEqual({ kind: 'constant', value: 0.5 });
  });

  it('parses trtexec-style shapes', () => {
    expect(parseShape('1x512')).toEqual([1, 512]);
    expect(parseShape('2x1x128')).toEqual([2, 1, 128]);
    expect(parseShape('')).toEqual([]);
    expect(() => parseShape('1x0')).toThrow(/positive integers/);
    expect(() => parseShape('1xW')).toThrow(/positive integers/);
  });
});

const point = (over: Partial<BenchPointResult>): BenchPointResult =>
  ({
    index: 0,
    label: 'cpu b1 c1',
    ep: 'cpu',
    batchSize: 1,
    concurrency: 1,
    warnings: [],
    error: null,
    sessionOptions: { executionProviders: ['cpu'], graphOptimizationLevel: 'all' },
    inputs: [
      {
        name: 'x',
        dtype: 'float32',
        shape: [1, 3, 48, 320],
        source: 'random uniform [-1, 1), seed 1',
        declared: '[N,3,48,W]',
        assumed: [],
      },
    ],
    inputShapes: {},
    inputSource: '',
    inputsAssumed: null,
    ...over,
  }) as BenchPointResult;

describe('comparability', () => {
  it('two points with other input shapes are not comparable, whatever the mode', () => {
    const small = point({ inputs: [{ ...point({}).inputs[0], shape: [1, 3, 48, 1] }] });
    expect(comparabilityReasons({ sha256: 'a', point: small }, { sha256: 'a', point: point({}) }, 'compare')).toEqual([
      'input x is float32[1,3,48,1] in A but float32[1,3,48,320] in B',
    ]);
    expect(comparabilityReasons({ sha256: 'a', point: small }, { sha256: 'b', point: point({}) }, 'ab')).toEqual([
      'input x is float32[1,3,48,1] in A but float32[1,3,48,320] in B',
    ]);
  });

  it('stored runs must also share model bytes, session settings and concurrency; an A/B run varies those on purpose', () => {
    const spun = point({
      sessionOptions: {
        executionProviders: ['cpu'],
        graphOptimizationLevel: 'all',
        intraOpNumThreads: 1,
        extra: { session: { intra_op: { allow_spinning: '0' } } },
      },
      concurrency: 2,
    });
    const reasons = comparabilityReasons(
      { sha256: 'a'.repeat(64), point: point({}) },
      { sha256: 'b'.repeat(64), point: spun },
      'compare',
    );
    expect(reasons).toEqual([
      'the model bytes differ (A sha256:aaaaaaaaaaaa…, B sha256:bbbbbbbbbbbb…)',
      'the session settings differ (intra-op threads: default in A, 1 in B; spinning: default in A, off in B)',
      'the concurrency differs (1 in A, 2 in B)',
    ]);
    expect(comparabilityReasons({ sha256: 'a', point: point({}) }, { sha256: 'b', point: spun }, 'ab')).toEqual([]);
    // Another seed is another sample of the same distribution, not other work; a constant is.
    expect(
      comparabilityReasons(
        { sha256: 'a', point: point({}) },
        {
          sha256: 'a',
          point: point({ inputs: [{ ...point({}).inputs[0], source: 'random uniform [-1, 1), seed 7' }] }),
        },
        'compare',
      ),
    ).toEqual([]);
    expect(
      comparabilityReasons(
        { sha256: 'a', point: point({}) },
        { sha256: 'a', point: point({ inputs: [{ ...point({}).inputs[0], source: 'constant 0' }] }) },
        'compare',
      ),
    ).toHaveLength(1);
  });

  it('reads points stored before inputs listed sources, and their old free-dimension warnings as assumptions', () => {
    const old = {
      ...point({}),
      inputs: { x: 'float32[1,3,48,1]' },
      inputsAssumed: undefined,
      inputShapes: undefined,
      inputSource: 'synthetic, seed 1',
      warnings: ['input x: free dimension 3 set to 1; override it with --dim NAME=N'],
    } as unknown as BenchPointResult;
    const p = normalizePoint(old);
    expect(p.inputs).toEqual([
      {
        name: 'x',
        dtype: 'float32',
        shape: [1, 3, 48, 1],
        source: 'synthetic, seed 1',
        declared: 'not recorded',
        assumed: [],
      },
    ]);
    expect(p.inputsAssumed).toMatch(/^INPUTS ASSUMED: input x: free dimension 3 set to 1/);
  });
});

describe('errors people can read', () => {
  const webgpu =
    '/onnxruntime_src/onnxruntime/core/providers/webgpu/webgpu_context.cc:136 onnxruntime::webgpu::WebGpuContext::Initialize(const onnxruntime::webgpu::WebGpuContextConfig&)::<lambda()> adapter_result.status == wgpu::RequestAdapterStatus::Success was false. Failed to get a WebGPU adapter: No supported adapters\n';
  it('summarises every provider onnxruntime-node can name in one line', () => {
    expect(summarizeProviderError('webgpu', webgpu)).toBe('WebGPU: no GPU adapter found');
    expect(
      summarizeProviderError('cuda', 'OrtSessionOptionsAppendExecutionProvider_Cuda: Failed to load shared library'),
    ).toMatch(/^CUDA: the CUDA provider libraries .* are not installed$/);
    expect(
      summarizeProviderError(
        'tensorrt',
        'OrtSessionOptionsAppendExecutionProvider_TensorRT: Failed to load shared library',
      ),
    ).toMatch(/^TensorRT: /);
    expect(summarizeProviderError('dml', 'no available backend found. ERR: [dml] backend not found.')).toBe(
      'DirectML: not available in onnxruntime-node on this operating system',
    );
    expect(summarizeProviderError('coreml', 'no available backend found. ERR: [coreml] backend not found.')).toBe(
      'CoreML: not available in onnxruntime-node on this operating system',
    );
    expect(summarizeProviderError('cpu', '/onnxruntime_src/x/y.cc:12 f() a was false. Something odd')).toBe(
      'CPU: Something odd',
    );
  });

  it('an inference error keeps onnxruntime’s point without its source path, node boilerplate or input list', () => {
    const err =
      "first inference failed with inputs {input: float32[1,1], state: float32[2,1,128], sr: int64[]}: Non-zero status code returned while running Pad node. Name:'' Status Message: Pad reflect requires axis length >= 2 after slicing. Input shape:{1,1} — check: input was fed float32[1,1]";
    expect(summarizePointError('cpu', err)).toBe(
      'first inference failed: Pad node: Pad reflect requires axis length >= 2 after slicing. Input shape:{1,1}',
    );
    expect(summarizePointError('webgpu', `webgpu is unavailable: ${webgpu}`)).toBe('WebGPU: no GPU adapter found');
    expect(plainOrtMessage('plain words')).toBe('plain words');
  });
});

describe('the run forms send what the user set, and only that', () => {
  const plan = planInputs(silero, 1, {}, opts);
  it('untouched suggestions are not sent (the run then reports them as assumed); edited unnamed dims become whole shapes', () => {
    expect(inputArgs(plan, { dims: {}, sources: {} }, [1], false)).toEqual({
      problem: null,
      dims: undefined,
      shapes: undefined,
      values: undefined,
      data: undefined,
    });
    const set = inputArgs(
      plan,
      { dims: { 'input#1': '512', 'state#1': '1' }, sources: { sr: { kind: 'constant', value: '16000', column: '' } } },
      [1],
      false,
    );
    expect(set).toEqual({
      problem: null,
      dims: undefined,
      shapes: { input: [1, 512], state: [2, 1, 128] },
      values: { sr: 16000 },
      data: undefined,
    });
  });

  it('Run waits while a size or a constant is not a number', () => {
    expect(inputArgs(plan, { dims: { 'input#1': '' }, sources: {} }, [1], false).problem).toBe(
      'input: dimension 1 needs a positive whole number',
    );
    expect(
      inputArgs(plan, { dims: {}, sources: { sr: { kind: 'constant', value: 'x', column: '' } } }, [1], false).problem,
    ).toBe('sr: the constant value must be a number');
    expect(inputArgs(plan, { dims: { 'input#1': '512' }, sources: {} }, [1, 8], false).problem).toMatch(
      /input has unnamed free dimensions: run one batch size at a time/,
    );
  });

  it('a dataset column per input: only those inputs take rows, with their columns in input order', () => {
    const two = planInputs([t('a', 'float', [p('N')]), t('b', 'float', [p('N')]), t('k', 'int64', [])], 1, {}, opts);
    const choice = inputArgs(
      two,
      {
        dims: {},
        sources: {
          a: { kind: 'dataset', value: '', column: 'x1' },
          b: { kind: 'random', value: '', column: '' },
          k: { kind: 'constant', value: '3', column: '' },
        },
      },
      [8],
      true,
    );
    expect(choice).toMatchObject({ problem: null, values: { k: 3 }, data: { inputs: ['a'], columns: ['x1'] } });
    // With a dataset chosen every input defaults to it; without one, the dataset source is a problem to fix.
    expect(
      inputArgs(two, { dims: {}, sources: { k: { kind: 'constant', value: '3', column: '' } } }, [8], true).data,
    ).toEqual({ inputs: ['a', 'b'], columns: undefined });
    expect(
      inputArgs(two, { dims: {}, sources: { a: { kind: 'dataset', value: '', column: '' } } }, [8], false).problem,
    ).toMatch(/a: choose a dataset/);
  });

  it('named dims are sent by name, so a sweep over batch sizes keeps working', () => {
    const rec = planInputs(ocrRec, 1, {}, opts);
    expect(inputArgs(rec, { dims: { '@p2o.DynamicDimension.1': '320' }, sources: {} }, [1, 8], false)).toMatchObject({
      problem: null,
      dims: { 'p2o.DynamicDimension.1': 320 },
      shapes: undefined,
    });
  });
});
