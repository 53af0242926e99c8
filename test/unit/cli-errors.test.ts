// Errors a user meets first: say what the file is (not which protobuf field failed), name the file,
// suggest the command that was meant, one message for every host, no stack trace on a closed pipe.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { notADatasetFile } from '../../shared/naming/index';
import { runCli } from '../helpers/cli';
import { CLI, MODELS, tempDir } from '../helpers/workspace';

const tmp = tempDir('preflight-errors-');
afterAll(() => tmp.cleanup());
const ws = path.join(tmp.dir, 'ws');
const file = (name: string, data: string | Buffer) => {
  const p = path.join(tmp.dir, name);
  fs.writeFileSync(p, data);
  return p;
};

describe('clear errors', () => {
  it('a CSV renamed to .onnx: "not an ONNX model" first, the decoder detail after', async () => {
    const res = await runCli(['models', 'add', file('table.onnx', 'a,b\n1,2\n'), '--workspace', ws]);
    expect(res.code).toBe(2);
    expect(res.json.error.message).toMatch(
      /table\.onnx is not an ONNX model: it looks like a text file \(it starts with "a,b\\n1,2\\n"\); details: /,
    );
  });

  it.each([
    ['four.parquet', Buffer.from('PAR1'), /four\.parquet is a damaged Parquet file: it is only 4 bytes/],
    [
      'zero-footer.parquet',
      Buffer.concat([Buffer.from('PAR1xxxxxxxx'), Buffer.alloc(4), Buffer.from('PAR1')]),
      /zero-footer\.parquet is a damaged Parquet file: its footer \(the file metadata\) is empty/,
    ],
  ])('%s: names the file and says it is a damaged Parquet file', async (name, data, message) => {
    const res = await runCli(['datasets', 'add', file(name, data), '--workspace', ws]);
    expect(res.code).toBe(2);
    expect(res.json.error.message).toMatch(message);
    expect(res.json.error.message).not.toMatch(/DataView|reading 'map'/);
  });

  it('an .onnx added as a dataset: the same words as the app (shared notADatasetFile)', async () => {
    const p = path.join(MODELS, 'tiny_mlp.onnx');
    const res = await runCli(['datasets', 'add', p, '--workspace', ws]);
    expect(res.code).toBe(2);
    expect(res.json.error.message).toBe(notADatasetFile('tiny_mlp.onnx'));
    expect(res.json.error.message).toMatch(
      /tiny_mlp\.onnx is an ONNX model, not a dataset; register it as a model instead/,
    );
  });

  it.each([
    ['model', 'models'],
    ['dataset', 'datasets'],
    ['bnech', 'bench'],
  ])('`preflight %s list` suggests `preflight %s`', async (typo, meant) => {
    const res = await runCli([typo, 'list']);
    expect(res.code).toBe(2);
    expect(res.json.error.message).toContain(`did you mean \`preflight ${meant}\`?`);
  });

  it.each(['models', 'datasets'])(
    '`preflight %s` asks for its subcommand; the workspace flag may come before it',
    async (group) => {
      for (const args of [[group], [group, '--workspace', ws]]) {
        const res = await runCli(args);
        expect(res.code).toBe(2);
        expect(res.json.error.message).toBe(`${group}: add, list, show or remove? (see \`preflight ${group} --help\`)`);
      }
      const typo = await runCli([group, '--workspace', ws, 'lsit']);
      expect(typo.code).toBe(2);
      expect(typo.json.error.message).toMatch(
        new RegExp(`^${group}: unknown subcommand "lsit" \\(add, list, show or remove\\)`),
      );
      const listed = await runCli([group, '--workspace', ws, 'list']);
      expect(listed.code).toBe(0);
      expect(Array.isArray(listed.json)).toBe(true);
    },
  );

  it('`preflight … | head -1` ends quietly: no EPIPE stack trace', async () => {
    const cols = 1500;
    const csv = file(
      'wide.csv',
      `${Array.from({ length: cols }, (_, i) => `c${i}`).join(',')}\n${Array.from({ length: cols }, (_, i) => i).join(',')}\n`,
    );
    expect((await runCli(['datasets', 'add', csv, '--name', 'wide', '--workspace', ws])).code).toBe(0);
    const res = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" "${CLI}" datasets show wide --workspace "${ws}" | head -1`],
      { encoding: 'utf8' },
    );
    expect(res.stdout).toMatch(/^wide: 1 rows × 1,500 columns/);
    expect(res.stderr).not.toMatch(/EPIPE|Unhandled|at /);
  });
});
