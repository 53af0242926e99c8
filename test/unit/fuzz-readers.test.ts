// Property-based fuzzing (fast-check, fixed seeds so a failure replays exactly) of the readers that take
// untrusted files: the ONNX metadata reader, and the CSV / JSON Lines importers. What must hold for any
// input: a typed error or a result, never a crash or an internal error; an external-data escape is
// reported wherever it is hidden; nothing half-imported is left behind.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../shared/client';
import { PreflightError } from '../../shared/contract/errors';
import { createCore, type Core } from '../../electron/core/api';
import { inProcessTransport } from '../../electron/core/in-process';
import { OnnxFormatError, readOnnxMetadata } from '../../electron/core/models/onnx';
import { MODELS, tempDir } from '../helpers/workspace';
import {
  ESCAPES,
  bytes as pbBytes,
  int as pbInt,
  model,
  msg,
  plainGraph,
  str as pbStr,
  tensorFields,
} from '../fixtures/models/make-crafted.mjs';

const SEED = 20261203;
const tmp = tempDir('preflight-fuzz-');
afterAll(() => tmp.cleanup());
let n = 0;
const writeTmp = (ext: string, data: Buffer | string) => {
  const p = path.join(tmp.dir, `f${n++}.${ext}`);
  fs.writeFileSync(p, data);
  return p;
};

/** Reads and classifies: 'ok', 'format' (OnnxFormatError), or the unexpected error itself. */
async function readKind(file: string): Promise<'ok' | 'format' | Error> {
  try {
    await readOnnxMetadata(file);
    return 'ok';
  } catch (err) {
    return err instanceof OnnxFormatError ? 'format' : (err as Error);
  }
}

describe('ONNX reader under fuzzing', () => {
  const seeds = ['tiny_mlp.onnx', 'subgraph_if.onnx', 'constant_weights.onnx', 'sklearn_like.onnx'].map((f) =>
    fs.readFileSync(path.join(MODELS, f)),
  );
  const crafted = Object.values(ESCAPES as Record<string, () => Buffer>).map((make) => make());
  const corpus = [...seeds, ...crafted];

  it('mutated real and crafted models: a result or OnnxFormatError, nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: corpus.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(), { nil: undefined }),
        async (which, flips, cut) => {
          const data = Buffer.from(corpus[which]);
          for (const [at, b] of flips) data[at % data.length] = b;
          const file = writeTmp('onnx', cut === undefined ? data : data.subarray(0, 1 + (cut % data.length)));
          const kind = await readKind(file);
          if (kind instanceof Error) throw kind;
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('an escaping location wrapped in any amount of unknown fields and repeated graphs is always reported', async () => {
    // Field numbers ModelProto does not use (a known one with garbage inside is rightly refused).
    const unknownField = fc
      .tuple(fc.integer({ min: 26, max: 1000 }), fc.uint8Array({ maxLength: 12 }))
      .map(([no, b]) => pbBytes(no, Buffer.from(b)));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(ESCAPES as Record<string, unknown>)),
        fc.array(unknownField, { maxLength: 4 }),
        fc.nat({ max: 3 }),
        async (layout, noise, extraGraphs) => {
          const base = (ESCAPES as Record<string, () => Buffer>)[layout]();
          // More graph occurrences after it (merged by protobuf) and unknown fields around it.
          const extra = Array.from({ length: extraGraphs }, (_, i) => msg(7, ...plainGraph(), pbStr(2, `g${i}`)));
          const file = writeTmp('onnx', Buffer.concat([...noise, base, ...extra]));
          const meta = await readOnnxMetadata(file);
          expect(meta.externalData.map((r) => r.location)).toContain('../secret.bin');
        },
      ),
      { seed: SEED, numRuns: 120 },
    );
  });

  it('random small protobuf-shaped models: a result or OnnxFormatError', async () => {
    const tensor = fc.record({
      name: fc.string({ maxLength: 6 }),
      location: fc.option(fc.constantFrom('w.bin', '../x', '/etc/passwd', 'a\\..\\..\\b'), { nil: null }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(tensor, { maxLength: 5 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.nat({ max: 300 })), { maxLength: 6 }),
        async (tensors, ints) => {
          const graph = [
            ...plainGraph(),
            ...tensors.map((t) => msg(5, ...tensorFields({ name: t.name || 't', location: t.location }))),
          ];
          const file = writeTmp('onnx', Buffer.concat([model(graph), ...ints.map(([no, v]) => pbInt(no, v))]));
          const kind = await readKind(file);
          if (kind instanceof Error) throw kind;
          if (kind === 'ok') {
            const meta = await readOnnxMetadata(file);
            for (const t of tensors)
              if (t.location) expect(meta.externalData.map((r) => r.location)).toContain(t.location);
          }
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });
});

describe('CSV and JSON Lines importers under fuzzing', () => {
  let core: Core;
  let client: ReturnType<typeof createClient>;
  beforeAll(() => {
    core = createCore({ workspaceDir: path.join(tmp.dir, 'ws') });
    client = createClient(inProcessTransport(core));
  });
  afterAll(async () => {
    await core?.close();
  });

  /** Imports and checks the outcome: a dataset, or a user-facing error (never INTERNAL), nothing left behind. */
  async function importChecked(file: string): Promise<void> {
    const before = (await client.call('datasets/list', {})).length;
    try {
      const d = await client.run('datasets/add', { path: file, name: `d${n++}` });
      expect(d.rows).toBeGreaterThanOrEqual(0);
      await client.call('datasets/remove', { ref: d.name });
    } catch (err) {
      expect(err).toBeInstanceOf(PreflightError);
      expect((err as PreflightError).code, (err as Error).message).not.toBe('INTERNAL');
      expect((err as Error).message).not.toContain('\n');
    }
    expect((await client.call('datasets/list', {})).length).toBe(before);
    await expect(core.dispatch('datasets/list', {})).resolves.toMatchObject({ ok: true }); // the core still answers
  }

  const cell = fc.oneof(
    fc.constantFrom(
      '',
      '007',
      '1e999',
      'NaN',
      '-inf',
      'NA',
      'true',
      '2024-02-30',
      '9007199254740995',
      '"',
      '""',
      ',',
      '\n',
      '\r\n',
      'é',
      '\uFEFF',
    ),
    fc.string({ maxLength: 8 }),
  );

  it('CSV from arbitrary cells, quotes and line ends', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(',', ';', '\t'),
        async (rows, d) => {
          await importChecked(writeTmp('csv', rows.map((r) => r.join(d)).join('\n')));
        },
      ),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('CSV as raw bytes (invalid UTF-8, NULs, lone quotes)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), async (raw) => {
        await importChecked(writeTmp('csv', Buffer.concat([Buffer.from('a,b\n'), Buffer.from(raw)])));
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('JSON Lines from arbitrary values and broken lines', async () => {
    const object = fc
      .dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
      .map((o) => JSON.stringify(o));
    const raw = fc.constantFrom(
      '{"a": 1e999}',
      '{"a": -1e-999, "b": 12345678901234567890}',
      '{"a": "\\ud800"}',
      '{',
      'null',
      '[1]',
      '{"a": 1}\r',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(object, raw, fc.string({ maxLength: 12 })), { minLength: 1, maxLength: 6 }),
        async (lines) => {
          await importChecked(writeTmp('jsonl', lines.join('\n')));
        },
      ),
      { seed: SEED, numRuns: 60 },
    );
  });
});
