import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { mkdtemp, open, readFile, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkExternalDataPaths, OnnxFormatError, readOnnxMetadata } from '../../electron/core/models/onnx';
import type { ExternalDataRef, OnnxMetadata } from '../../shared/types/models';

const FIXTURES = fileURLToPath(new URL('../fixtures/models/', import.meta.url));
const fixture = (rel: string) => path.join(FIXTURES, rel);

/** Facts computed by make_models.py with the onnx Python package. */
interface Expected {
  file: string;
  irVersion: number;
  opsetImports: { domain: string; version: number }[];
  producerName: string;
  modelVersion: number;
  graphName: string;
  metadataProps: Record<string, string>;
  inputs: { name: string; type: string }[];
  outputs: { name: string; type: string }[];
  parameterCount: number;
  initializerCount: number;
  operators: Record<string, number>;
  nodeCount: number;
  externalData: ExternalDataRef[];
  fileSizeBytes: number;
}
const expected: Record<string, Expected> = JSON.parse(readFileSync(fixture('expected.json'), 'utf8'));

const read = (name: string): Promise<OnnxMetadata> => readOnnxMetadata(fixture(expected[name].file));

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'preflight-onnx-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('readOnnxMetadata agrees with the onnx Python package', () => {
  it.each(Object.keys(expected))('%s', async (name) => {
    const want = expected[name];
    const meta = await read(name);
    expect(meta.irVersion).toBe(want.irVersion);
    expect(meta.opsetImports).toEqual(want.opsetImports);
    expect(meta.producerName).toBe(want.producerName);
    expect(meta.modelVersion).toBe(want.modelVersion);
    expect(meta.graphName).toBe(want.graphName);
    expect(meta.metadataProps).toEqual(want.metadataProps);
    expect(meta.inputs.map(({ name: n, type }) => ({ name: n, type }))).toEqual(want.inputs);
    expect(meta.outputs.map(({ name: n, type }) => ({ name: n, type }))).toEqual(want.outputs);
    expect(meta.parameterCount).toBe(want.parameterCount);
    expect(meta.initializerCount).toBe(want.initializerCount);
    expect(meta.operators).toEqual(want.operators);
    expect(meta.nodeCount).toBe(want.nodeCount);
    expect(meta.externalData).toEqual(want.externalData);
    expect(meta.fileSizeBytes).toBe(want.fileSizeBytes);
  });
});

describe('model quirks', () => {
  it('tiny_mlp: symbolic batch dimension, opsets, metadata', async () => {
    const meta = await read('tiny_mlp');
    expect(meta.inputs).toEqual([
      {
        name: 'x',
        kind: 'tensor',
        elemType: 'float',
        shape: [{ param: 'N' }, { value: 4 }],
        type: 'tensor(float)[N,4]',
        docString: '',
      },
    ]);
    expect(meta.outputs[0]).toMatchObject({
      name: 'probs',
      elemType: 'float',
      shape: [{ param: 'N' }, { value: 3 }],
    });
    expect(meta.opsetImports).toEqual([{ domain: '', version: 17 }]);
    expect(meta.metadataProps).toEqual({ author: 'fixtures', task: 'classification' });
    expect(meta.producerName).toBe('preflight-fixtures');
    expect(meta.producerVersion).toBe('1.0.0');
    expect(meta.modelVersion).toBe(3);
    expect(meta.docString).toMatch(/Tiny MLP/);
    expect(meta.operators).toEqual({ Gemm: 2, Relu: 1, Softmax: 1 });
    expect(meta.parameterCount).toBe(4 * 8 + 8 + 8 * 3 + 3);
  });

  it('keeps an empty dimension name verbatim and tells it from an unknown dimension', async () => {
    const meta = await read('empty_dim_names');
    expect(meta.inputs[0].shape).toEqual([{ param: '' }, { unknown: true }, { value: 4 }]);
    expect(meta.outputs[0]).toMatchObject({ name: '39', shape: null, type: 'tensor(float)' });
  });

  it('a rank-0 input has shape [], not null', async () => {
    const meta = await read('scalar_int64');
    const k = meta.inputs.find((i) => i.name === 'k');
    expect(k).toMatchObject({ kind: 'tensor', elemType: 'int64', shape: [], type: 'tensor(int64)[]' });
  });

  it('several inputs of different dtypes and oddly named outputs', async () => {
    const meta = await read('multi_dtype');
    expect(meta.inputs.map((i) => [i.name, i.elemType])).toEqual([
      ['a', 'float'],
      ['ids', 'int64'],
      ['mask', 'bool'],
      ['h', 'float16'],
    ]);
    expect(meta.outputs.map((o) => o.name)).toEqual(['out:0', 'score/prob']);
    expect(meta.outputs[1].type).toBe('tensor(int64)[B]');
  });

  it('float16 model', async () => {
    const meta = await read('float16');
    expect(meta.inputs[0].elemType).toBe('float16');
    expect(meta.parameterCount).toBe(6);
  });

  it('weights held in Constant nodes count as parameters', async () => {
    const meta = await read('constant_weights');
    expect(meta.initializerCount).toBe(0);
    expect(meta.operators.Constant).toBe(2);
    expect(meta.parameterCount).toBe(4 * 3 + 3);
  });

  it('sklearn-style sequence-of-map output', async () => {
    const meta = await read('sklearn_like');
    const [label, proba] = meta.outputs;
    expect(label).toMatchObject({ name: 'output_label', kind: 'tensor', elemType: 'int64' });
    expect(label.shape).toEqual([{ unknown: true }]);
    expect(proba).toMatchObject({
      name: 'output_probability',
      kind: 'sequence',
      elemType: null,
      shape: null,
      type: 'seq(map(int64,tensor(float)))',
    });
    expect(meta.operators['ai.onnx.ml.ZipMap']).toBe(1);
    expect(meta.opsetImports).toContainEqual({ domain: 'ai.onnx.ml', version: 3 });
  });

  it('counts operators and Constant weights inside If subgraphs', async () => {
    const meta = await read('subgraph_if');
    expect(meta.operators).toEqual({ Add: 1, Constant: 2, If: 1, Mul: 1, Neg: 1 });
    expect(meta.nodeCount).toBe(6);
    expect(meta.parameterCount).toBe(6);
  });
});

describe('external data', () => {
  it('reads the references and accepts a data file inside the model folder', async () => {
    const meta = await read('external_data');
    expect(meta.externalData.map((r) => [r.tensor, r.location])).toEqual([
      ['W', 'weights.bin'],
      ['b', 'weights.bin'],
    ]);
    expect(meta.externalData[0]).toMatchObject({ offset: 0, length: 128 });
    expect(meta.parameterCount).toBe(8 * 4 + 4);
    await expect(checkExternalDataPaths(fixture('external_data'), meta.externalData)).resolves.toBeUndefined();
  });

  it('rejects a location that climbs out of the model folder', async () => {
    const meta = await read('escaping_external');
    const err = await checkExternalDataPaths(fixture('escaping_external'), meta.externalData).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OnnxFormatError);
    expect((err as Error).message).toMatch(/"W".*"\.\.\/outside\.bin".*leaves the model's folder/);
  });

  const ref = (location: string, length: number | null = null): ExternalDataRef[] => [
    { tensor: 'W', location, offset: 0, length },
  ];

  it.each([
    ['/etc/passwd', /absolute/],
    ['C:\\Windows\\win.ini', /absolute/],
    ['..\\outside.bin', /backslashes/],
    ['sub/../../outside.bin', /leaves the model's folder/],
    ['', /empty location/],
    ['missing.bin', /is missing/],
  ])('rejects %j', async (location, why) => {
    const dir = await mkdtemp(path.join(tmp, 'ext-'));
    await expect(checkExternalDataPaths(dir, ref(location))).rejects.toThrow(why);
    await expect(checkExternalDataPaths(dir, ref(location))).rejects.toBeInstanceOf(OnnxFormatError);
  });

  it('rejects a symlink that leads outside, accepts ./ and sub/.. that stay inside', async () => {
    const dir = await mkdtemp(path.join(tmp, 'ext-'));
    const outside = path.join(tmp, 'secret.bin');
    await writeFile(outside, Buffer.alloc(64));
    await symlink(outside, path.join(dir, 'weights.bin'));
    await expect(checkExternalDataPaths(dir, ref('weights.bin'))).rejects.toThrow(/symbolic link/);
    await mkdir(path.join(dir, 'sub'));
    await writeFile(path.join(dir, 'data.bin'), Buffer.alloc(64));
    await expect(checkExternalDataPaths(dir, ref('./sub/../data.bin', 64))).resolves.toBeUndefined();
    await expect(checkExternalDataPaths(dir, ref('data.bin', 65))).rejects.toThrow(/too short/);
  });
});

describe('files that are not ONNX models', () => {
  it.each([
    ['empty.onnx', /not a valid ONNX model: file is empty/],
    ['not_onnx.onnx', /^not an ONNX model: it looks like a text file .*; details: .*wire type/],
    ['truncated.onnx', /not a valid ONNX model: truncated at byte \d+/],
    ['bitflip.onnx', /not a valid ONNX model: /],
  ])('%s', async (file, message) => {
    const err = await readOnnxMetadata(fixture(file)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OnnxFormatError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });

  it('a missing file is an I/O error, not a format error', async () => {
    const err = await readOnnxMetadata(path.join(tmp, 'nope.onnx')).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(OnnxFormatError);
    expect((err as NodeJS.ErrnoException).code).toBe('ENOENT');
  });

  it('a huge length prefix is refused without allocating it', async () => {
    // ModelProto.graph (field 7) claiming 2^40 bytes in a 9-byte file.
    const file = path.join(tmp, 'huge-len.onnx');
    await writeFile(file, Buffer.from([0x08, 0x08, 0x3a, ...varint(2 ** 40)]));
    await expect(readOnnxMetadata(file)).rejects.toThrow(/truncated at byte 2: field 7 of ModelProto/);
  });

  it('a model without a graph', async () => {
    const file = path.join(tmp, 'no-graph.onnx');
    await writeFile(file, Buffer.from([0x08, 0x08]));
    await expect(readOnnxMetadata(file)).rejects.toThrow(/has no graph/);
  });

  it('types nested absurdly deep are refused', async () => {
    let type = field(1, lenOf(field(1, varint(1)))); // tensor(float)
    for (let i = 0; i < 40; i++) type = field(4, lenOf(field(1, lenOf(type)))); // seq(...)
    const input = field(11, lenOf([...field(1, lenOf(utf8('x'))), ...field(2, lenOf(type))]));
    const file = path.join(tmp, 'deep.onnx');
    await writeFile(file, Buffer.from([...field(1, varint(8)), ...field(7, lenOf(input))]));
    await expect(readOnnxMetadata(file)).rejects.toThrow(/nested deeper/);
  });
});

describe('streaming', () => {
  it('reads a 256 MiB model in well under a second, without reading its weights', async () => {
    const k = 8192; // an 8192 x 8192 float initializer: 256 MiB of raw_data, never written (sparse)
    const raw = 4 * k * k;
    const tensorHead = [
      ...field(1, varint(k)),
      ...field(1, varint(k)),
      ...field(2, varint(1)),
      ...field(8, lenOf(utf8('W'))),
      ...tag(9, 2),
      ...varint(raw),
    ];
    const node = field(
      1,
      lenOf([
        ...field(1, lenOf(utf8('x'))),
        ...field(1, lenOf(utf8('W'))),
        ...field(2, lenOf(utf8('y'))),
        ...field(4, lenOf(utf8('MatMul'))),
      ]),
    );
    const valueInfo = (no: number, name: string) =>
      field(no, lenOf([...field(1, lenOf(utf8(name))), ...field(2, lenOf(field(1, lenOf(field(1, varint(1))))))]));
    const graphTail = [...valueInfo(11, 'x'), ...valueInfo(11, 'W'), ...valueInfo(12, 'y')];
    const initHead = [...tag(5, 2), ...varint(tensorHead.length + raw)];
    const graphLen = node.length + initHead.length + tensorHead.length + raw + graphTail.length;
    const head = Buffer.from([
      ...field(1, varint(8)),
      ...field(8, lenOf(field(2, varint(17)))),
      ...tag(7, 2),
      ...varint(graphLen),
      ...node,
      ...initHead,
      ...tensorHead,
    ]);
    const file = path.join(tmp, 'big.onnx');
    const fh = await open(file, 'w');
    await fh.write(head, 0, head.length, 0);
    await fh.write(Buffer.from(graphTail), 0, graphTail.length, head.length + raw);
    await fh.close();

    const probe = await open(file, 'r');
    const readSpy = vi.spyOn(Object.getPrototypeOf(probe), 'read');
    await probe.close();
    try {
      const meta = await readOnnxMetadata(file);
      expect(meta.parameterCount).toBe(k * k);
      expect(meta.fileSizeBytes).toBe(head.length + raw + graphTail.length);
      expect(meta.inputs.map((i) => i.name)).toEqual(['x']);
      expect(meta.outputs.map((o) => o.name)).toEqual(['y']);
      expect(readSpy).toHaveBeenCalled();
      const requested = readSpy.mock.calls.reduce((sum, call) => sum + Number(call[2] ?? 0), 0);
      expect(requested).toBeLessThan(1024 * 1024);
    } finally {
      readSpy.mockRestore();
    }
  });
});

describe('robustness (property-based)', () => {
  const mustReturnOrThrowFormatError = async (bytes: Uint8Array, file: string) => {
    await writeFile(file, bytes);
    try {
      await readOnnxMetadata(file);
    } catch (err) {
      if (!(err instanceof OnnxFormatError)) throw err;
      expect(err.message).not.toContain('\n');
    }
  };

  it('random bytes either parse or throw OnnxFormatError', async () => {
    const file = path.join(tmp, 'random.onnx');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), (bytes) => mustReturnOrThrowFormatError(bytes, file)),
      { numRuns: 300 },
    );
  });

  it('a real model with random bytes changed or cut either parses or throws OnnxFormatError', async () => {
    const file = path.join(tmp, 'mutated.onnx');
    const originals = await Promise.all(
      ['tiny_mlp', 'sklearn_like', 'subgraph_if', 'multi_dtype'].map((n) => readFile(fixture(expected[n].file))),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...originals),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 8 }),
        fc.option(fc.nat(), { nil: undefined }),
        async (original, flips, cut) => {
          const bytes = Buffer.from(original);
          for (const [pos, mask] of flips) bytes[pos % bytes.length] ^= mask;
          const end = cut === undefined ? bytes.length : cut % (bytes.length + 1);
          await mustReturnOrThrowFormatError(bytes.subarray(0, end), file);
        },
      ),
      { numRuns: 500 },
    );
  });
});

// Minimal protobuf encoder for hand-made test models.
function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 128) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}
function tag(no: number, wire: number): number[] {
  return varint(no * 8 + wire);
}
function utf8(s: string): number[] {
  return [...Buffer.from(s, 'utf8')];
}
function lenOf(payload: number[]): { len: number[] } {
  return { len: payload };
}
/** A field: a varint value (number[] from varint()) or a length-delimited payload (lenOf). */
function field(no: number, value: number[] | { len: number[] }): number[] {
  if (Array.isArray(value)) return [...tag(no, 0), ...value];
  return [...tag(no, 2), ...varint(value.len.length), ...value.len];
}
