// `preflight datasets …` as a user runs it: exit 0 with a JSON result, or exit 2 with one line saying
// what is wrong and where; the workspace keeps its datasets either way.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { FIXTURES, requireBuild, tempDir } from '../helpers/workspace';

const tmp = tempDir('preflight-datasets-cli-');
const ws = path.join(tmp.dir, 'ws');
const data = (f: string) => path.join(FIXTURES, 'datasets', f);
const cli = (...args: string[]) => runCli([...args, '--workspace', ws]);

beforeAll(() => requireBuild());
afterAll(() => tmp.cleanup());

describe('preflight datasets', () => {
  it('add, list and show with --json', async () => {
    const added = await cli('datasets', 'add', data('ids.csv'), '--name', 'ids', '--type', 'code=integer,amount=float');
    expect(added.code).toBe(0);
    expect(added.json).toMatchObject({ name: 'ids', rows: 3, columns: 4, format: 'csv' });
    expect(added.json.columnInfo.map((c: { kind: string }) => c.kind)).toEqual([
      'integer',
      'categorical',
      'categorical',
      'float',
    ]);
    const list = await cli('datasets', 'list');
    expect(list.json.map((d: { name: string }) => d.name)).toEqual(['ids']);
    const shown = await cli('datasets', 'show', 'ids');
    expect(shown.json.columnInfo[1]).toMatchObject({
      name: 'hex',
      kind: 'categorical',
      profile: { distinct: 3, distinctExact: true },
    });
  });

  it('prints a readable table without --json', async () => {
    const r = await runCli(['datasets', 'add', data('specials.csv'), '--workspace', ws], { json: false });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/imported specials: 6 rows × 2 columns/);
    expect(r.stdout).toMatch(/x\s+float\s+1\s+1\/2/);
  });

  it.each([
    [['datasets', 'add', data('ragged.csv')], /ragged\.csv: line 3: expected 3 fields, found 2/],
    [['datasets', 'add', data('bad-footer.parquet')], /is a damaged Parquet file/],
    [['datasets', 'add', data('bad-line.jsonl')], /line 3: not valid JSON/],
    [['datasets', 'add', data('ids.csv'), '--type', 'code'], /--type: "code" should be COLUMN=KIND/],
    [['datasets', 'add', data('ids.csv'), '--name', 'bad name!'], /names use letters/],
    [['datasets', 'show', 'nope'], /no dataset nope \(datasets: ids, specials\)/],
    [['datasets', 'frobnicate'], /unknown subcommand "frobnicate"/],
  ])('%j exits 2 with one line', async (args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.json.error.message).toMatch(message);
    expect(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('error:')),
    ).toHaveLength(1);
    expect((await cli('datasets', 'list')).json).toHaveLength(2);
  });
});
