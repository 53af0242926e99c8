// Values are never changed without a note: a Parquet/JSON "" is an empty string, not a missing
// value; a JSON number beyond the double range is kept as written (and noted); INT64 extremes
// beyond 2^53 are reported exactly.
import fs from 'node:fs';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../shared/client';
import type { DatasetDetail } from '../../shared/types/datasets';
import { createCore, type Core } from '../../electron/core/api';
import { inProcessTransport } from '../../electron/core/in-process';
import { makeQueries, type CoreContext } from '../../electron/core/context';
import { JobManager } from '../../electron/core/jobs/manager';
import { nodeLauncher } from '../../electron/core/jobs/launcher';
import { openWorkspace } from '../../electron/core/workspace/open';
import { readColumnValues } from '../../electron/core/datasets/columns';
import { tempDir } from '../helpers/workspace';

const tmp = tempDir('preflight-coercions-');
let core: Core;
let client: ReturnType<typeof createClient>;
beforeAll(() => {
  core = createCore({ workspaceDir: path.join(tmp.dir, 'ws') });
  client = createClient(inProcessTransport(core));
});
afterAll(async () => {
  await core.close();
  tmp.cleanup();
});

const col = (d: DatasetDetail, name: string) => d.columnInfo.find((c) => c.name === name)!;
function values(d: DatasetDetail, ordinal: number): unknown[] {
  const workspace = openWorkspace(path.join(tmp.dir, 'ws'));
  const ctx: CoreContext = {
    workspace,
    queries: makeQueries(workspace),
    jobs: new JobManager(() => {}),
    launcher: nodeLauncher(),
    appVersion: 'test',
    invoke: () => Promise.reject(new Error('not used by these tests')),
  };
  try {
    return readColumnValues(ctx, d.id, ordinal);
  } finally {
    workspace.close();
  }
}

describe('Parquet', () => {
  it('"" stays an empty string (not NULL, not missing); INT64 min/max beyond 2^53 are exact', async () => {
    const file = path.join(tmp.dir, 'typed.parquet');
    const columnData = [
      { name: 'label', data: ['a', '', null, 'b'], type: 'STRING' },
      { name: 'id', data: [9007199254740995n, 9007199254740997n, 12n, 9007199254740995n], type: 'INT64' },
      { name: 'neg', data: [-9007199254740995n, 1n, 2n, 3n], type: 'INT64' },
    ];
    fs.writeFileSync(file, Buffer.from(parquetWriteBuffer({ columnData } as never)));
    const d = await client.run('datasets/add', { path: file, name: 'typed' });
    expect(col(d, 'label').profile.missing).toBe(1);
    expect(values(d, 0)).toEqual(['a', '', null, 'b']);
    expect(col(d, 'id').profile.numeric).toMatchObject({ min: 12, maxExact: '9007199254740997' });
    expect(col(d, 'id').profile.numeric!.minExact).toBeUndefined();
    expect(col(d, 'neg').profile.numeric).toMatchObject({ minExact: '-9007199254740995', max: 3 });
    const single = path.join(tmp.dir, 'single.parquet');
    fs.writeFileSync(
      single,
      Buffer.from(
        parquetWriteBuffer({ columnData: [{ name: 'id', data: [9007199254740995n], type: 'INT64' }] } as never),
      ),
    );
    const s = await client.run('datasets/add', { path: single, name: 'single' });
    expect(s.columnInfo[0].profile.numeric).toMatchObject({
      minExact: '9007199254740995',
      maxExact: '9007199254740995',
    });
  });
});

describe('JSON Lines', () => {
  it('1e999 and 1e-999 are kept as written, counted as inf / a number, and noted; "" is a value', async () => {
    const file = path.join(tmp.dir, 'range.jsonl');
    fs.writeFileSync(
      file,
      [
        '{"x": 1.5, "s": "a"}',
        '{"x": 1e999, "s": ""}',
        '{"x": -1e999, "s": null}',
        '{"x": 1e-999, "s": "b"}',
        '{"x": "1e999", "s": "c"}',
      ].join('\n'),
    );
    const d = await client.run('datasets/add', { path: file, name: 'range' });
    expect(values(d, 0)).toEqual([1.5, '1e999', '-1e999', '1e-999', '1e999']);
    expect(col(d, 'x').profile).toMatchObject({ posInf: 1, negInf: 1 });
    expect(d.import.notes.join(' ')).toMatch(/3 number\(s\) beyond the range of a double/);
    expect(values(d, 1)).toEqual(['a', '', null, 'b', 'c']);
    expect(col(d, 's').profile.missing).toBe(1);
  });
});
