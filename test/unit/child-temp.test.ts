// Model children leave nothing behind: onnxruntime's scratch files (mat-debug-<pid>.log) land in a
// folder of Preflight's own, removed when the child exits.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { childTempDir, sweepChildTempDirs } from '../../electron/core/jobs/child-temp';
import { runCli } from '../helpers/cli';
import { MODELS, tempDir } from '../helpers/workspace';

const tmp = tempDir('preflight-childtmp-');
afterAll(() => tmp.cleanup());

describe('temporary files of model children', () => {
  it('models add (a load check in a child) leaves the temporary folder as it found it', async () => {
    const scratch = path.join(tmp.dir, 'scratch');
    fs.mkdirSync(scratch);
    const res = await runCli(
      ['models', 'add', path.join(MODELS, 'tiny_mlp.onnx'), '--workspace', path.join(tmp.dir, 'ws')],
      { env: { TMPDIR: scratch, TMP: scratch, TEMP: scratch } },
    );
    expect(res.code).toBe(0);
    expect(fs.readdirSync(scratch)).toEqual([]);
  });

  it('a child folder is removable, and folders of dead parents are swept, a live one kept', () => {
    const base = path.join(tmp.dir, 'sweep');
    fs.mkdirSync(base);
    const mine = childTempDir(base);
    expect(mine.env.TMPDIR).toBe(mine.dir);
    fs.writeFileSync(path.join(mine.dir, 'mat-debug-1.log'), '');
    const dead = path.join(base, 'preflight-child-999999999-abc');
    fs.mkdirSync(dead);
    const live = path.join(base, `preflight-child-${process.ppid}-abc`);
    fs.mkdirSync(live);
    sweepChildTempDirs(base);
    expect(fs.existsSync(dead)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
    expect(fs.existsSync(mine.dir)).toBe(true);
    mine.remove();
    expect(fs.existsSync(mine.dir)).toBe(false);
  });
});
