// Realistic BundleFacts for the bundle-part tests: a credit-risk classifier with everything measured,
// and a bare model with nothing measured. Numbers are fixed so tests can look for them.
import type { BundleFacts, FeatureRule } from '../../shared/types/bundles';
import type { CategoricalDriftProfile, ColumnDriftProfile, NumericDriftProfile } from '../../shared/types/drift';
import type { OnnxMetadata, TensorInfo } from '../../shared/types/models';

const SHA = (c: string): string => c.repeat(64).slice(0, 64);
export const MODEL_SHA = 'a3f1c9e2b7d4058e6f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7a';
export const PREVIOUS_SHA = '0b1c2d3e4f5061728394a5b6c7d8e9f00112233445566778899aabbccddeeff0';

/** Numeric profile with decile edges over [min, max] and the given in-range counts (no under/overflow). */
export function numericProfile(
  rows: number,
  min: number,
  max: number,
  inner: number[],
  missing = 0,
): NumericDriftProfile {
  const count = inner.reduce((a, b) => a + b, 0);
  const edges = inner.map((_, i) => min + ((max - min) * i) / inner.length).concat([max]);
  return {
    kind: 'numerical',
    rows,
    count,
    missing,
    nan: 0,
    posInf: 0,
    negInf: 0,
    min,
    max,
    mean: (min + max) / 2,
    std: (max - min) / 4,
    gridSize: 4,
    exact: false,
    points: Float64Array.from([min, (3 * min + max) / 4, (min + max) / 2, (min + 3 * max) / 4, max]),
    binEdges: edges,
    binCounts: [0, ...inner, 0],
    distinct: null,
  };
}

function categoricalProfile(rows: number, categories: [string, number][], missing = 0): CategoricalDriftProfile {
  return { kind: 'categorical', rows, count: rows - missing, missing, categories, truncated: false };
}

function numericRule(
  name: string,
  columnType: string,
  p: NumericDriftProfile,
  index: number | null,
  input = 'features',
): FeatureRule {
  const ref = p.missing / p.rows;
  return {
    name,
    columnType,
    kind: 'numerical',
    nullable: p.missing > 0,
    referenceNullRate: ref,
    maxNullRate: Math.min(1, Math.max(ref * 2, ref + 0.01)),
    min: p.min,
    max: p.max,
    maxOutOfRangeShare: 0.02,
    categories: null,
    maxUnseenShare: null,
    drift: { test: 'wasserstein', threshold: 0.1, scoreKind: 'distance' },
    driftScore: null,
    input: index === null ? null : { name: input, index },
  };
}

function categoricalRule(name: string, p: CategoricalDriftProfile): FeatureRule {
  const ref = p.missing / p.rows;
  return {
    name,
    columnType: 'categorical',
    kind: 'categorical',
    nullable: p.missing > 0,
    referenceNullRate: ref,
    maxNullRate: Math.min(1, Math.max(ref * 2, ref + 0.01)),
    min: null,
    max: null,
    maxOutOfRangeShare: null,
    categories: p.categories.map(([c]) => c),
    maxUnseenShare: 0.01,
    drift: { test: 'jensenshannon', threshold: 0.1, scoreKind: 'distance' },
    driftScore: null,
    input: null,
  };
}

const tensor = (name: string, elemType: string, shape: TensorInfo['shape'], type: string): TensorInfo => ({
  name,
  kind: 'tensor',
  elemType,
  shape,
  type,
  docString: '',
});

function metadata(inputs: TensorInfo[], outputs: TensorInfo[], props: Record<string, string>): OnnxMetadata {
  return {
    irVersion: 8,
    opsetImports: [
      { domain: '', version: 17 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    producerName: 'skl2onnx',
    producerVersion: '1.16.0',
    domain: 'ai.onnx',
    modelVersion: 0,
    docString: '',
    graphName: 'credit',
    metadataProps: props,
    inputs,
    outputs,
    parameterCount: 12345,
    initializerCount: 6,
    operators: { MatMul: 2, Add: 2, Relu: 1, Softmax: 1 },
    nodeCount: 6,
    externalData: [],
    fileSizeBytes: 52_311,
  };
}

const ROWS = 5000;

/** Credit risk: features float[batch,5] → probabilities float[batch,2]; bench at batch 1 and 8, drift, fallback. */
export function creditRiskFacts(): BundleFacts {
  const numeric: [string, string, NumericDriftProfile][] = [
    ['age', 'integer', numericProfile(ROWS, 18, 90, [520, 510, 505, 498, 502, 490, 495, 500, 480, 500])],
    ['income', 'float', numericProfile(ROWS, 0, 250000, [400, 450, 500, 520, 530, 510, 490, 480, 460, 440], 220)],
    ['debt_ratio', 'float', numericProfile(ROWS, 0, 1.5, [500, 500, 500, 500, 500, 500, 500, 500, 500, 500])],
    ['credit_lines', 'integer', numericProfile(ROWS, 0, 40, [700, 650, 600, 550, 500, 450, 400, 450, 350, 350])],
    [
      'months_employed',
      'integer',
      numericProfile(ROWS, 0, 480, [300, 400, 500, 600, 700, 600, 500, 600, 400, 350], 50),
    ],
  ];
  const region = categoricalProfile(ROWS, [
    ['north', 1500],
    ['south', 1200],
    ['east', 1300],
    ['west', 1000],
  ]);
  const home = categoricalProfile(
    ROWS,
    [
      ['rent', 2100],
      ['own', 1400],
      ['mortgage', 1450],
    ],
    50,
  );
  const columns: ColumnDriftProfile[] = [
    ...numeric.map(([name, columnType, profile]) => ({ name, columnType, profile })),
    { name: 'region', columnType: 'categorical', profile: region },
    { name: 'home_ownership', columnType: 'categorical', profile: home },
  ];
  const features = [
    ...numeric.map(([name, type, p], i) => numericRule(name, type, p, i)),
    categoricalRule('region', region),
    categoricalRule('home_ownership', home),
  ];
  features.forEach((f, i) => {
    f.driftScore = [0.031, 0.142, 0.02, 0.05, 0.07, 0.012, 0.2][i];
  });
  const point = (batchSize: number, p50: number, p99: number) => ({
    ep: 'cpu' as const,
    batchSize,
    concurrency: 1,
    iterations: 2000,
    latencyMs: { mean: p50 * 1.05, p50, p90: p50 * 1.3, p95: p50 * 1.5, p99, p999: p99 * 1.4, max: p99 * 2 },
    throughput: (1000 / p50) * batchSize,
    peakRssBytes: 187_695_104,
  });
  return {
    stem: 'credit-risk',
    model: {
      name: 'credit-risk',
      version: 3,
      sha256: MODEL_SHA,
      contentDigest: SHA('c'),
      files: [{ role: 'model', relativePath: 'model.onnx', sha256: MODEL_SHA, sizeBytes: 52_311 }],
      metadata: metadata(
        [tensor('features', 'float', [{ param: 'batch' }, { value: 5 }], 'tensor(float)')],
        [tensor('probabilities', 'float', [{ param: 'batch' }, { value: 2 }], 'tensor(float)')],
        { task: 'binary-classification', architecture: 'MLP' },
      ),
      addedAt: '2026-11-20T10:15:00.000Z',
    },
    previous: { name: 'credit-risk', version: 2, sha256: PREVIOUS_SHA },
    reference: {
      dataset: 'loans_2025',
      rows: ROWS,
      profileSha256: SHA('d'),
      profile: {
        version: 1,
        dataset: 'loans_2025',
        rows: ROWS,
        createdAt: '2026-11-20T10:20:00.000Z',
        gridSize: 4,
        columns,
      },
    },
    features,
    datasetDriftShare: 0.5,
    bench: {
      runId: 12,
      startedAt: '2026-11-21T08:00:00.000Z',
      environment: {
        os: 'Ubuntu 24.04',
        platform: 'linux',
        arch: 'x64',
        cpuModel: 'AMD EPYC 7B13',
        cores: 8,
        memoryBytes: 34_359_738_368,
        nodeVersion: 'v20.18.0',
        ortVersion: '1.20.1',
        gpuAdapter: null,
      },
      points: [point(1, 0.412, 1.237), point(8, 0.903, 2.481)],
    },
    drift: {
      reportId: 7,
      createdAt: '2026-11-22T09:00:00.000Z',
      current: 'loans_2026_10',
      share: 2 / 7,
      detected: false,
      predictionScores: [{ name: 'probabilities[1]', score: 0.043, threshold: 0.1, test: 'wasserstein' }],
    },
    slos: [
      {
        text: 'p99<=1.9ms',
        percentile: 'p99',
        thresholdMs: 1.9,
        ep: 'cpu',
        batchSize: 1,
        concurrency: 1,
        measuredMs: 1.237,
        origin: 'measured',
        met: true,
      },
      {
        text: 'b8:p99<=3.75ms',
        percentile: 'p99',
        thresholdMs: 3.75,
        ep: 'cpu',
        batchSize: 8,
        concurrency: 1,
        measuredMs: 2.481,
        origin: 'measured',
        met: true,
      },
    ],
    fallback: {
      reason: null,
      policy: {
        output: 'probabilities',
        confidence: 'max-class-probability',
        threshold: 0.8,
        fallback: 'manual underwriting review',
        measured: {
          rows: ROWS,
          automationRate: 0.874,
          accuracyAbove: 0.931,
          accuracyBelow: 0.712,
          labelColumn: 'defaulted',
        },
        histogram: {
          edges: Array.from({ length: 21 }, (_, i) => i / 20),
          counts: Array.from({ length: 20 }, (_, i) => (i < 10 ? 0 : 100 + i * 20)),
        },
        curve: [
          { threshold: 0.7, automationRate: 0.93, accuracyAbove: 0.91 },
          { threshold: 0.8, automationRate: 0.874, accuracyAbove: 0.931 },
        ],
      },
    },
    golden: {
      rows: 2,
      tolerance: { rtol: 1e-4, atol: 1e-5 },
      inputs: {
        features: { dtype: 'float', shape: [2, 5], values: [34, 52000, 0.31, 4, 60, 61, 18000.5, 0.92, 11, 2] },
      },
      outputs: { probabilities: { dtype: 'float', shape: [2, 2], values: [0.91, 0.09, 0.38, 0.62] } },
    },
    mapping: [{ input: 'features', columns: ['age', 'income', 'utilization', 'open_accounts', 'tenure_months'] }],
    predictions: null,
    owner: { team: 'Credit Risk ML', contact: 'risk-ml@bank.example', escalation: 'ml-platform-oncall' },
    versions: { preflight: '0.9.0', onnxruntime: '1.20.1' },
    createdAt: '2026-11-23T14:05:09.123Z',
  };
}

/** Nothing measured: no bench, drift, fallback, golden, previous version or owner; odd shapes. */
export function bareFacts(): BundleFacts {
  const p = numericProfile(200, -1, 1, [20, 20, 20, 20, 20, 20, 20, 20, 20, 20]);
  const k = numericProfile(200, 0, 7, [20, 20, 20, 20, 20, 20, 20, 20, 20, 20]);
  const features = [0, 1, 2].map((i) => ({ ...numericRule(`x${i}`, 'float', p, i, 'x'), drift: null }));
  features.push({ ...numericRule('k', 'integer', k, 0, 'k'), drift: null });
  return {
    stem: 'bare',
    model: {
      name: 'bare',
      version: 1,
      sha256: SHA('e'),
      contentDigest: SHA('f'),
      files: [{ role: 'model', relativePath: 'bare.onnx', sha256: SHA('e'), sizeBytes: 1000 }],
      metadata: metadata(
        [
          tensor('x', 'float', [{ param: '' }, { value: 3 }], 'tensor(float)'),
          tensor('k', 'int64', [], 'tensor(int64)'),
        ],
        [
          tensor('y', 'float', [{ unknown: true }], 'tensor(float)'),
          {
            name: 'scores',
            kind: 'sequence',
            elemType: null,
            shape: null,
            type: 'seq(map(int64,tensor(float)))',
            docString: '',
          },
        ],
        {},
      ),
      addedAt: '2026-11-01T00:00:00.000Z',
    },
    previous: null,
    reference: {
      dataset: 'bare_ref',
      rows: 200,
      profileSha256: SHA('9'),
      profile: {
        version: 1,
        dataset: 'bare_ref',
        rows: 200,
        createdAt: '2026-11-01T00:00:00.000Z',
        gridSize: 4,
        columns: [0, 1, 2]
          .map((i) => ({ name: `x${i}`, columnType: 'float', profile: p }))
          .concat([{ name: 'k', columnType: 'integer', profile: k }]),
      },
    },
    features,
    datasetDriftShare: 0.5,
    bench: null,
    drift: null,
    slos: [
      {
        text: 'p95<=50ms',
        percentile: 'p95',
        thresholdMs: 50,
        ep: 'cpu',
        batchSize: 1,
        concurrency: 1,
        measuredMs: null,
        origin: 'user',
        met: null,
      },
    ],
    fallback: { policy: null, reason: 'the model has no probability-like output' },
    golden: null,
    mapping: null,
    predictions: null,
    owner: { team: '', contact: '', escalation: ' ' },
    versions: { preflight: '0.9.0', onnxruntime: '1.20.1' },
    createdAt: '2026-11-02T00:00:00Z',
  };
}
