// Duplicates through the real CLI (build first: node scripts/build.mjs): a model whose bytes are
// already registered under another name is offered instead of copied (unless --duplicate), and a
// dataset file imported twice is said to be there already.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { FIXTURES, MODELS, requireBuild, tempDir } from '../helpers/workspace';

let ws: { dir: string; cleanup: () => void };
const cli = (args: string[]) => runCli([...args, '--workspace', ws.dir]);

beforeAll(() => {
  requireBuild();
  ws = tempDir('preflight-dup-');
});
afterAll(() => ws?.cleanup());

describe('models add with bytes already registered', () => {
  it('offers the existing version when the same bytes come under another file name', async () => {
    expect((await cli(['models', 'add', path.join(MODELS, 'tiny_mlp.onnx')])).json).toMatchObject({
      name: 'tiny_mlp',
      version: 1,
      created: true,
    });
    const copy = path.join(ws.dir, 'renamed.onnx');
    fs.copyFileSync(path.join(MODELS, 'tiny_mlp.onnx'), copy);
    const again = await cli(['models', 'add', copy]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json).toMatchObject({ name: 'tiny_mlp', version: 1, created: false, sameBytesAs: ['tiny_mlp@1'] });
    expect(again.stderr).toMatch(
      /the same bytes are already registered as tiny_mlp@1: nothing was added; use tiny_mlp@1/,
    );
    const named = await cli(['models', 'add', copy, '--name', 'twin']);
    expect(named.json).toMatchObject({ name: 'tiny_mlp', created: false });
    expect(named.stderr).toMatch(/register them as twin too with --duplicate/);
    expect((await cli(['models', 'list'])).json).toHaveLength(1);
  });

  it('keeps a second copy under another name only with --duplicate, and says so', async () => {
    const r = await cli(['models', 'add', path.join(MODELS, 'tiny_mlp.onnx'), '--name', 'twin', '--duplicate']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ name: 'twin', version: 1, created: true, sameBytesAs: ['tiny_mlp@1'] });
    expect(r.stderr).toMatch(/note: the same bytes are also registered as tiny_mlp@1/);
    expect((await cli(['models', 'list'])).json).toHaveLength(2);
  });

  it('still says "already registered" for the same bytes under the same name', async () => {
    const r = await cli(['models', 'add', path.join(MODELS, 'tiny_mlp.onnx')]);
    expect(r.json).toMatchObject({ name: 'tiny_mlp', version: 1, created: false });
  });
});

describe('datasets add of the same file twice', () => {
  it('says the file is already there, naming the dataset it became (exit 2)', async () => {
    const file = path.join(FIXTURES, 'drift', 'reference.csv');
    expect((await cli(['datasets', 'add', file])).code).toBe(0);
    const again = await cli(['datasets', 'add', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/reference\.csv is already there: dataset reference \(2,000 rows, imported .*\)/);
    expect((await cli(['datasets', 'list'])).json).toHaveLength(1);
  });

  it('still calls a different file under a taken name a name clash', async () => {
    const r = await cli(['datasets', 'add', path.join(FIXTURES, 'drift', 'current.csv'), '--name', 'reference']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a dataset named reference already exists/);
  });
});
