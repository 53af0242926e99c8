// Crafted ONNX files (test/fixtures/models/make-crafted.mjs): external-data escapes hidden where a
// reader that follows only the obvious fields misses them, and models that cannot load.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOnnxMetadata } from '../../electron/core/models/onnx';
import { useInProcessCore } from '../helpers/core';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/workspace';
import {
  ESCAPES,
  metadataAmplification,
  nodeAmplification,
  opsetAmplification,
  unloadable,
} from '../fixtures/models/make-crafted.mjs';

const ws = useInProcessCore();
const files = tempDir('preflight-crafted-');
// model files in files/models/, the "secret" one level up, where ../secret.bin points
const modelsDir = path.join(files.dir, 'models');
fs.mkdirSync(modelsDir, { recursive: true });
fs.writeFileSync(path.join(files.dir, 'secret.bin'), Buffer.alloc(64, 7));
const write = (name: string, bytes: Buffer) => {
  const p = path.join(modelsDir, name);
  fs.writeFileSync(p, bytes);
  return p;
};
const escapes = Object.keys(ESCAPES as Record<string, () => Buffer>);

describe('an external-data location anywhere in the model is seen', () => {
  it.each(escapes)('%s: the reader reports ../secret.bin', async (name) => {
    const p = write(`${name}.onnx`, (ESCAPES as Record<string, () => Buffer>)[name]());
    const meta = await readOnnxMetadata(p);
    expect(meta.externalData.map((r) => r.location)).toContain('../secret.bin');
  });

  it.each(escapes)('%s: models/add refuses it before onnxruntime sees it (INVALID_INPUT)', async (name) => {
    const p = write(`${name}.onnx`, (ESCAPES as Record<string, () => Buffer>)[name]());
    const err = await ws
      .client()
      .run('models/add', { path: p })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/\.\.\/secret\.bin.*leaves the model's folder/),
    });
    expect(await ws.client().call('models/list', {})).toEqual([]);
  });

  it('the CLI exits 2 for the merged-graph escape and registers nothing', async () => {
    const p = write('cli-second-graph.onnx', (ESCAPES as Record<string, () => Buffer>)['second-graph']());
    const res = await runCli(['models', 'add', p, '--workspace', path.join(files.dir, 'ws-cli')]);
    expect(res.code).toBe(2);
    expect(res.json.error.message).toMatch(/secret\.bin/);
  });
});

describe('a model onnxruntime cannot load', () => {
  it('is refused by default with the runtime reason (MODEL_LOAD_FAILED, exit 2)', async () => {
    const p = write('unloadable.onnx', unloadable());
    const err = await ws
      .client()
      .run('models/add', { path: p })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'MODEL_LOAD_FAILED',
      message: expect.stringMatching(/NoSuchOp|not a registered function|unknown/i),
    });
    expect(await ws.client().call('models/list', {})).toEqual([]);
  });

  it('is kept with allowUnloadable (--allow-unloadable), marked as not loading', async () => {
    const p = write('unloadable2.onnx', unloadable());
    const res = await runCli(['models', 'add', p, '--workspace', path.join(files.dir, 'ws-cli2')]);
    expect(res.code).toBe(2);
    const kept = await runCli([
      'models',
      'add',
      p,
      '--allow-unloadable',
      '--workspace',
      path.join(files.dir, 'ws-cli2'),
    ]);
    expect(kept.code).toBe(0);
    expect(kept.json.loadCheck.loadable).toBe(false);
  });
});

describe('protobuf amplification is bounded', () => {
  it('2M tiny opset_import fields (8 MB): INVALID_INPUT at once, nothing registered', async () => {
    const p = write('opset-8mb.onnx', opsetAmplification(2_000_000));
    const started = Date.now();
    const err = await ws
      .client()
      .run('models/add', { path: p, allowUnloadable: true })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/more than 1,000 opset_import entries/),
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('300k metadata_props entries: refused rather than stored', async () => {
    const p = write('meta.onnx', metadataAmplification(300_000, 8));
    await expect(readOnnxMetadata(p)).rejects.toThrow(/more than 10,000 metadata_props entries/);
  });

  it('5M tiny nodes (40 MB): stops at the field budget within seconds', async () => {
    const p = write('nodes.onnx', nodeAmplification(5_000_000));
    const started = Date.now();
    await expect(readOnnxMetadata(p)).rejects.toThrow(/more than 8,000,000 protobuf fields/);
    expect(Date.now() - started).toBeLessThan(20_000);
    fs.rmSync(p);
  }, 30_000);
});
