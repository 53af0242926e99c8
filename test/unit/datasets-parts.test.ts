// A folder of Parquet part files (as Spark, pandas and DuckDB write them) imports as one dataset: the
// same rows, kinds, profiles and packed chunks as the same data in one file; parts whose columns differ,
// and folders without parts, are refused with a message and leave nothing behind.
import fs from 'node:fs';
import path from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer/src/node.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../shared/client';
import { createRng } from '../../shared/math/latency/rng';
import { createCore, type Core } from '../../electron/core/api';
import { inProcessTransport } from '../../electron/core/in-process';
import { readNumericColumn } from '../../electron/core/datasets/columns';
import { makeQueries, type CoreContext } from '../../electron/core/context';
import { JobManager } from '../../electron/core/jobs/manager';
import { nodeLauncher } from '../../electron/core/jobs/launcher';
import { openWorkspace } from '../../electron/core/workspace/open';
import { tempDir } from '../helpers/workspace';

const tmp = tempDir('preflight-parts-');
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

/** Seeded columns: a double with nulls and a NaN now and then, an int32, a string category. */
function columns(rows: number, seed: number) {
  const r = createRng(seed);
  const x = Array.from({ length: rows }, () => (r() < 0.01 ? null : r() < 0.002 ? NaN : (r() - 0.3) * 100));
  const n = Array.from({ length: rows }, () => Math.floor(r() * 1000) - 200);
  const cat = Array.from({ length: rows }, () => ['north', 'south', 'east'][Math.floor(r() * 3)]);
  return { x, n, cat };
}

function write(file: string, c: ReturnType<typeof columns>, from: number, to: number, names = ['x', 'n', 'cat']): void {
  parquetWriteFile({
    filename: file,
    columnData: [
      { name: names[0], data: c.x.slice(from, to), type: 'DOUBLE', nullable: true },
      { name: names[1], data: c.n.slice(from, to), type: 'INT32' },
      { name: names[2], data: c.cat.slice(from, to), type: 'STRING' },
    ],
    rowGroupSize: 4000,
  } as never);
}

/** A second connection to the workspace, for the column reading API. */
function context(): CoreContext {
  const workspace = openWorkspace(path.join(tmp.dir, 'ws'));
  return {
    workspace,
    queries: makeQueries(workspace),
    jobs: new JobManager(() => {}),
    launcher: nodeLauncher(),
    appVersion: 'test',
    invoke: () => Promise.reject(new Error('not used by these tests')),
  };
}

describe('a folder of Parquet parts', () => {
  it('imports as one dataset equal to the same rows in one file', async () => {
    // Under the 20,000-value sample cap, so every profile statistic is exact and must match to the bit.
    const rows = 18_000;
    const c = columns(rows, 9);
    const dir = path.join(tmp.dir, 'events');
    fs.mkdirSync(dir);
    // Spark's names, its marker and checksum files; part 10 sorts after part 2 (numbers compared as numbers).
    const cuts = [0, 5000, 9000, 13000, rows];
    [
      'part-00000-a1.snappy.parquet',
      'part-00002-a1.snappy.parquet',
      'part-00010-a1.snappy.parquet',
      'part-00011-a1.snappy.parquet',
    ].forEach((name, k) => write(path.join(dir, name), c, cuts[k], cuts[k + 1]));
    fs.writeFileSync(path.join(dir, '_SUCCESS'), '');
    fs.writeFileSync(path.join(dir, '.part-00000-a1.snappy.parquet.crc'), 'crc');
    const whole = path.join(tmp.dir, 'whole.parquet');
    write(whole, c, 0, rows);

    const parts = await client.run('datasets/add', { path: dir });
    const single = await client.run('datasets/add', { path: whole });
    expect(parts.name).toBe('events');
    expect(parts.rows).toBe(rows);
    expect(parts.format).toBe('parquet');
    expect(parts.import.notes[0]).toMatch(/^4 part files, 6 row group\(s\)/);
    // The parts are read in parallel and their profiles merged: mean and std by Chan's formula, the
    // same to the last bits or so; everything else (under the sample cap) exactly.
    const rounded = (info: typeof parts.columnInfo) =>
      info.map((c) => ({
        ...c,
        profile: {
          ...c.profile,
          numeric: c.profile.numeric && {
            ...c.profile.numeric,
            mean: Number(c.profile.numeric.mean.toPrecision(12)),
            std: Number(c.profile.numeric.std.toPrecision(12)),
          },
        },
      }));
    expect(rounded(parts.columnInfo)).toEqual(rounded(single.columnInfo));
    // Row order is part-name order: the packed chunks read back the same values, in order.
    const ctx = context();
    try {
      expect(ctx.queries.datasets.chunkKeys(parts.id).map((k) => k !== null)).toEqual([true, true, false]);
      for (const ordinal of [0, 1]) {
        const a = readNumericColumn(ctx, parts.id, ordinal);
        const b = readNumericColumn(ctx, single.id, ordinal);
        expect(Array.from(a.values)).toEqual(Array.from(b.values));
        expect([a.missing, a.nan]).toEqual([b.missing, b.nan]);
      }
    } finally {
      ctx.workspace.close();
    }
    const drift = await client.run('drift/run', { reference: 'whole', current: 'events' });
    expect(drift.dataset.drifted).toBe(0);
    expect(drift.features.every((f) => f.metrics.ksStatistic === null || f.metrics.ksStatistic === 0)).toBe(true);
  }, 120_000);

  it('refuses parts with other columns, and a folder without parts, leaving no dataset', async () => {
    const c = columns(2000, 4);
    const dir = path.join(tmp.dir, 'mixed');
    fs.mkdirSync(dir);
    write(path.join(dir, 'part-0.parquet'), c, 0, 1000);
    write(path.join(dir, 'part-1.parquet'), c, 1000, 2000, ['x', 'count', 'cat']);
    const before = await client.call('datasets/list', {});
    await expect(client.run('datasets/add', { path: dir })).rejects.toThrow(
      /part-1\.parquet has other columns than part-0\.parquet \(x DOUBLE, count INT32, cat BYTE_ARRAY instead of x DOUBLE, n INT32, cat BYTE_ARRAY\)/,
    );
    const empty = path.join(tmp.dir, 'no-parts');
    fs.mkdirSync(path.join(empty, 'year=2024'), { recursive: true });
    fs.writeFileSync(path.join(empty, 'notes.txt'), 'x');
    await expect(client.run('datasets/add', { path: empty })).rejects.toThrow(
      /is a directory with no Parquet part files \(\*\.parquet\): it holds 1 other file\(s\) and 1 folder\(s\)/,
    );
    expect(await client.call('datasets/list', {})).toEqual(before);
  }, 60_000);
});
