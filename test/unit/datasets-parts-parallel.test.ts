// A folder of Parquet parts is read in parallel child processes and its profile is the merge of the
// parts': checked against the same rows imported one part after another in one process and as one
// file — rows, chunks, exact statistics, quantiles within the sample's tolerance, distinct counts —
// and the stored reference profile against the profile of the whole. Kinds merge across parts; a
// damaged part, a part that fails in its child, and a cancel leave no dataset and no part tables.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer/src/node.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../shared/client';
import { PreflightError } from '../../shared/contract/errors';
import { createRng } from '../../shared/math/latency/rng';
import { decodeProfile, upperBound } from '../../shared/math/drift-profile/index';
import type { ColumnProfile } from '../../shared/types/datasets';
import type { NumericDriftProfile } from '../../shared/types/drift';
import { createCore, type Core } from '../../electron/core/api';
import { inProcessTransport } from '../../electron/core/in-process';
import { readColumnValues, readNumericColumn } from '../../electron/core/datasets/columns';
import { makeQueries, type CoreContext } from '../../electron/core/context';
import { JobManager } from '../../electron/core/jobs/manager';
import { nodeLauncher } from '../../electron/core/jobs/launcher';
import { isAlive } from '../../electron/core/jobs/pid';
import { openWorkspace } from '../../electron/core/workspace/open';
import { runCli } from '../helpers/cli';
import { CLI, requireBuild, ROOT, strayChunkCount, tempDir, unregisteredTables } from '../helpers/workspace';

const tmp = tempDir('preflight-parts-parallel-');
const WS = path.join(tmp.dir, 'ws');
let core: Core;
let client: ReturnType<typeof createClient>;
beforeAll(() => {
  // Children whatever the cores (on fewer than 4 the CLI reads parts in process: parts-import.ts).
  process.env.PREFLIGHT_PARTS_IN_CHILDREN = '1';
  core = createCore({ workspaceDir: WS });
  client = createClient(inProcessTransport(core));
});
afterAll(async () => {
  delete process.env.PREFLIGHT_PARTS_IN_CHILDREN;
  await core.close();
  tmp.cleanup();
});

/** Seeded columns: a double with nulls and NaNs, an int32 of 1,000 values, a category, a unique int64 id. */
function columns(rows: number, seed: number) {
  const r = createRng(seed);
  const x = Array.from({ length: rows }, () => (r() < 0.01 ? null : r() < 0.002 ? NaN : (r() - 0.3) * 100));
  const n = Array.from({ length: rows }, () => Math.floor(r() * 1000) - 200);
  const cat = Array.from({ length: rows }, () => ['north', 'south', 'east'][Math.floor(r() * 3)]);
  const id = Array.from({ length: rows }, (_, i) => BigInt(i * 7 + 3));
  return { x, n, cat, id };
}

function write(file: string, c: ReturnType<typeof columns>, from: number, to: number): void {
  parquetWriteFile({
    filename: file,
    columnData: [
      { name: 'x', data: c.x.slice(from, to), type: 'DOUBLE', nullable: true },
      { name: 'n', data: c.n.slice(from, to), type: 'INT32' },
      { name: 'cat', data: c.cat.slice(from, to), type: 'STRING' },
      { name: 'id', data: c.id.slice(from, to), type: 'INT64' },
    ],
    rowGroupSize: 5000,
  } as never);
}

/** A folder of parts cut at `cuts` (part-0.parquet, part-1.parquet, …). */
function folder(name: string, c: ReturnType<typeof columns>, cuts: number[]): string {
  const dir = path.join(tmp.dir, name);
  fs.mkdirSync(dir);
  for (let k = 0; k + 1 < cuts.length; k++) write(path.join(dir, `part-${k}.parquet`), c, cuts[k], cuts[k + 1]);
  return dir;
}

/** A second connection to the workspace. */
function context(): CoreContext {
  const workspace = openWorkspace(WS);
  return {
    workspace,
    queries: makeQueries(workspace),
    jobs: new JobManager(() => {}),
    launcher: nodeLauncher(),
    appVersion: 'test',
    invoke: () => Promise.reject(new Error('not used by these tests')),
  };
}

/** Part and staging tables, and column chunks no dataset owns: what a failed import must not leave. */
function leftovers(): { tables: string[]; strayChunks: number } {
  const ctx = context();
  try {
    const db = ctx.workspace.db;
    const tables = unregisteredTables(db);
    const strayChunks = strayChunkCount(db);
    return { tables, strayChunks };
  } finally {
    ctx.workspace.close();
  }
}

async function sequentially<T>(fn: () => Promise<T>): Promise<T> {
  process.env.PREFLIGHT_PARTS_IN_PROCESS = '1';
  try {
    return await fn();
  } finally {
    delete process.env.PREFLIGHT_PARTS_IN_PROCESS;
  }
}

/** Where x falls among the sorted values, as a fraction: [#values < x, #values ≤ x] / n. */
function rankOf(sorted: Float64Array, x: number): [number, number] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return [lo / sorted.length, upperBound(sorted, x) / sorted.length];
}

describe('a folder of Parquet parts read in parallel', () => {
  // 48,000 rows: past the 20,000-value sample (quantiles from the merged sample) and the 10,000-value
  // distinct cap of the id column (distinct from the merged HyperLogLog registers).
  const ROWS = 48_000;
  const c = columns(ROWS, 21);
  const cuts = [0, 9_000, 21_000, 30_000, ROWS];

  it('equals the same rows imported part after part and as one file', async () => {
    const whole = path.join(tmp.dir, 'whole.parquet');
    write(whole, c, 0, ROWS);
    const progress: number[] = [];
    const parallel = await client.run(
      'datasets/add',
      { path: folder('events', c, cuts) },
      { onProgress: (p) => void (typeof p.data?.bytes === 'number' && progress.push(p.data.bytes)) },
    );
    const serial = await sequentially(() =>
      client.run('datasets/add', { path: folder('events-serial', c, cuts), name: 'serial' }),
    );
    const single = await client.run('datasets/add', { path: whole });
    expect(parallel.rows).toBe(ROWS);
    expect(parallel.import.notes[0]).toMatch(/^4 part files, 11 row group\(s\)/);
    // Progress counts the bytes of all parts read so far: it only grows.
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((b, i) => i === 0 || b >= progress[i - 1])).toBe(true);

    const ctx = context();
    try {
      // Rows in part order, chunks read back in row order.
      for (const ordinal of [0, 1, 2, 3])
        expect(readColumnValues(ctx, parallel.id, ordinal)).toEqual(readColumnValues(ctx, single.id, ordinal));
      expect(ctx.queries.datasets.chunkKeys(parallel.id).map((k) => k !== null)).toEqual([true, true, false, true]);
      for (const ordinal of [0, 1, 3]) {
        const a = readNumericColumn(ctx, parallel.id, ordinal);
        const b = readNumericColumn(ctx, single.id, ordinal);
        expect(Array.from(a.values)).toEqual(Array.from(b.values));
        expect([a.missing, a.nan, a.posInf, a.negInf]).toEqual([b.missing, b.nan, b.posInf, b.negInf]);
      }
    } finally {
      ctx.workspace.close();
    }

    const finite = (k: number) =>
      Float64Array.from(
        (k === 0 ? c.x : k === 1 ? c.n : c.id.map(Number)).filter(
          (v): v is number => typeof v === 'number' && Number.isFinite(v),
        ),
      ).sort();
    // Against part after part in one process (the old path, kept) and against one file: the sampled
    // statistics differ between those two as well (the sample depends on how rows arrive).
    for (const other of [serial, single])
      parallel.columnInfo.forEach((col, k) => {
        const want = other.columnInfo[k];
        expect([col.name, col.kind, col.inferredKind, col.notes]).toEqual([
          want.name,
          want.kind,
          want.inferredKind,
          want.notes,
        ]);
        const p: ColumnProfile = col.profile;
        const w: ColumnProfile = want.profile;
        expect([p.count, p.missing, p.nan, p.posInf, p.negInf, p.distinctExact, p.topExact]).toEqual([
          w.count,
          w.missing,
          w.nan,
          w.posInf,
          w.negInf,
          w.distinctExact,
          w.topExact,
        ]);
        // Exact distinct counts add up exactly; past the cap both come from the same HyperLogLog registers.
        expect(p.distinct).toBe(w.distinct);
        if (p.topExact) expect(p.top).toEqual(w.top);
        if (!w.numeric) return expect(p.numeric).toBeNull();
        const a = p.numeric!;
        const b = w.numeric;
        expect([a.count, a.min, a.max, a.exact]).toEqual([b.count, b.min, b.max, b.exact]);
        // The finite values among a uniform sample of 20,000 values (NaN spellings are sampled too).
        expect(a.sampleSize).toBeGreaterThan(19_900);
        expect(a.mean).toBeCloseTo(b.mean, 9);
        expect(a.std).toBeCloseTo(b.std, 9);
        // Quantiles come from a uniform sample of 20,000 of the values: each within 0.02 of its rank
        // in the whole (the sample's standard error is at most 0.0035).
        const sorted = finite(k === 3 ? 2 : k);
        for (const [name, q] of Object.entries(a.quantiles)) {
          const [lo, hi] = rankOf(sorted, q);
          const level = Number(name.slice(1)) / 100;
          expect(Math.max(lo - level, level - hi, 0)).toBeLessThanOrEqual(0.02);
        }
        expect(a.histogram.counts.reduce((s, x) => s + x, 0)).toBeGreaterThan(a.count * 0.99);
      });
  }, 180_000);

  it('stores the merged reference profile, within the merge bound of the profile of the whole', async () => {
    const ctx = context();
    let merged;
    try {
      const row = ctx.queries.drift.profile('events');
      expect(row).not.toBeNull();
      expect(row!.datasetId).toBe(ctx.queries.datasets.byName('events')!.id);
      merged = decodeProfile(row!.json);
    } finally {
      ctx.workspace.close();
    }
    await client.run('drift/profile', { dataset: 'whole', gridSize: merged.gridSize });
    const ctx2 = context();
    const whole = decodeProfile(ctx2.queries.drift.profile('whole')!.json);
    ctx2.workspace.close();
    expect(merged.rows).toBe(whole.rows);
    expect(merged.columns.map((x) => [x.name, x.columnType, x.profile?.kind])).toEqual(
      whole.columns.map((x) => [x.name, x.columnType, x.profile?.kind]),
    );
    const G = merged.gridSize;
    merged.columns.forEach((col, k) => {
      const w = whole.columns[k].profile!;
      const m = col.profile!;
      if (m.kind === 'categorical') return expect(m).toEqual(w);
      const a = m as NumericDriftProfile;
      const b = w as NumericDriftProfile;
      expect([a.rows, a.count, a.missing, a.nan, a.posInf, a.negInf, a.min, a.max]).toEqual([
        b.rows,
        b.count,
        b.missing,
        b.nan,
        b.posInf,
        b.negInf,
        b.min,
        b.max,
      ]);
      expect(a.mean).toBeCloseTo(b.mean, 9);
      expect(a.std).toBeCloseTo(b.std, 9);
      expect(a.binCounts.reduce((s, x) => s + x, 0)).toBe(b.count);
      // The merge's stated bound: every grid point within 2/G of its rank in the whole.
      const all = Float64Array.from(
        (k === 0 ? c.x : k === 1 ? c.n : c.id.map(Number)).filter(
          (v): v is number => typeof v === 'number' && Number.isFinite(v),
        ),
      ).sort();
      let worst = 0;
      a.points.forEach((x, i) => {
        const [lo, hi] = rankOf(all, x);
        const q = i / G;
        worst = Math.max(worst, q < lo ? lo - q : q > hi ? q - hi : 0);
      });
      expect(worst).toBeLessThanOrEqual(2 / G);
    });
    // Drift against the folder uses the stored profile: the same rows show no drift.
    const drift = await client.run('drift/run', { reference: 'events', current: 'whole' });
    expect(drift.dataset.drifted).toBe(0);
  }, 120_000);

  it('an empty part (Spark writes them) adds nothing but its schema; the merged profiles are those of the rows', async () => {
    const dir = path.join(tmp.dir, 'with-empty');
    fs.mkdirSync(dir);
    const part = (k: number, xs: (number | null)[]) =>
      parquetWriteFile({
        filename: path.join(dir, `part-${k}.parquet`),
        columnData: [
          { name: 'x', data: xs, type: 'DOUBLE', nullable: true },
          { name: 's', data: xs.map((x) => (x === null ? null : `v${x}`)), type: 'STRING', nullable: true },
        ],
      } as never);
    part(0, [1.5, 2.5, null]);
    part(1, []);
    part(2, [3.5, 1.5]);
    const d = await client.run('datasets/add', { path: dir });
    expect(d.rows).toBe(5);
    expect(d.columnInfo.map((c) => [c.name, c.kind, c.profile.count, c.profile.missing, c.profile.distinct])).toEqual([
      ['x', 'float', 5, 1, 3],
      ['s', 'categorical', 5, 1, 3],
    ]);
    expect(d.columnInfo[0].profile.numeric).toMatchObject({ min: 1.5, max: 3.5, mean: 2.25 });
    const ctx = context();
    try {
      const stored = decodeProfile(ctx.queries.drift.profile('with-empty')!.json);
      const [x, cat] = stored.columns.map((c) => c.profile!);
      expect(x).toMatchObject({ kind: 'numerical', rows: 5, count: 4, missing: 1, min: 1.5, max: 3.5, exact: true });
      expect(Array.from((x as NumericDriftProfile).points)).toEqual([1.5, 1.5, 2.5, 3.5]);
      expect(cat).toMatchObject({ kind: 'categorical', rows: 5, count: 4, missing: 1 });
    } finally {
      ctx.workspace.close();
    }
  }, 60_000);

  it('refuses a damaged part by name, leaving no dataset and no part tables', async () => {
    const dir = folder('damaged', c, [0, 4000, 8000, 12000]);
    const part = path.join(dir, 'part-1.parquet');
    fs.truncateSync(part, fs.statSync(part).size - 5);
    const before = await client.call('datasets/list', {});
    await expect(client.run('datasets/add', { path: dir })).rejects.toThrow(
      /part-1\.parquet is a damaged Parquet file: it does not end with the PAR1 trailer/,
    );
    expect(await client.call('datasets/list', {})).toEqual(before);
    expect(leftovers()).toEqual({ tables: [], strayChunks: 0 });
  }, 60_000);

  it('a part that fails in its child stops the import: its message, with the row in the dataset, and nothing left', async () => {
    // flag is 0/1 in every part except row 8 of the last: --type flag=boolean refuses it there.
    const dir = path.join(tmp.dir, 'flags');
    fs.mkdirSync(dir);
    const sizes = [3000, 2500, 4000];
    sizes.forEach((m, k) => {
      const flag = Array.from({ length: m }, (_, i) => (k === 2 && i === 7 ? 2 : i % 2));
      parquetWriteFile({
        filename: path.join(dir, `part-${k}.parquet`),
        columnData: [
          { name: 'flag', data: flag, type: 'INT32' },
          { name: 'v', data: flag.map((f, i) => i * 0.5 + f), type: 'DOUBLE' },
        ],
      } as never);
    });
    const before = await client.call('datasets/list', {});
    await expect(client.run('datasets/add', { path: dir, types: { flag: 'boolean' } })).rejects.toThrow(
      /part-2\.parquet: line 5508, column "flag": "2" is not a boolean \(--type flag=boolean\)/,
    );
    expect(await client.call('datasets/list', {})).toEqual(before);
    expect(leftovers()).toEqual({ tables: [], strayChunks: 0 });
  }, 60_000);

  it('cancel mid-import: CANCELLED, no dataset, no part tables', async () => {
    const big = columns(120_000, 5);
    const dir = folder('to-cancel', big, [0, 30_000, 60_000, 90_000, 120_000]);
    const before = await client.call('datasets/list', {});
    const controller = new AbortController();
    const err = await client
      .run(
        'datasets/add',
        { path: dir },
        { signal: controller.signal, onProgress: (p) => (p.data?.rows ? controller.abort() : undefined) },
      )
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(PreflightError);
    expect((err as PreflightError).code).toBe('CANCELLED');
    expect(await client.call('datasets/list', {})).toEqual(before);
    expect(leftovers()).toEqual({ tables: [], strayChunks: 0 });
  }, 60_000);

  it('a killed import leaves part tables that the next command drops (their process is dead)', async () => {
    requireBuild();
    const ws = path.join(tmp.dir, 'ws-kill');
    const big = columns(240_000, 6);
    const dir = folder('to-kill', big, [0, 60_000, 120_000, 180_000, 240_000]);
    const cli = spawn(process.execPath, [CLI, 'datasets', 'add', dir, '--workspace', ws], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, PREFLIGHT_PARTS_IN_CHILDREN: '1' },
    });
    let children: number[] = [];
    await new Promise<void>((resolve, reject) => {
      let err = '';
      cli.stderr!.on('data', (d) => {
        err += d;
        const read = [...err.matchAll(/read ([\d,]+) rows/g)].map((m) => Number(m[1].replace(/,/g, '')));
        if (read.some((n) => n > 0)) {
          // The part children, then the importing process: the children go on alone until they end.
          children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(cli.pid)], { encoding: 'utf8' })
            .split('\n')
            .map(Number)
            .filter((pid) => pid > 0);
          cli.kill('SIGKILL');
          resolve();
        }
      });
      cli.on('exit', () => reject(new Error(`the import ended before it could be killed: ${err}`)));
    });
    expect(children.length).toBeGreaterThan(0);
    for (let t = 0; t < 300 && children.some(isAlive); t++) await new Promise((r) => setTimeout(r, 100));
    expect(children.filter(isAlive)).toEqual([]);
    const w = openWorkspace(ws);
    const parts = unregisteredTables(w.db);
    w.close();
    expect(parts.length).toBeGreaterThan(0);
    const list = await runCli(['datasets', 'list', '--workspace', ws]);
    expect(list.json).toEqual([]);
    const after = openWorkspace(ws);
    try {
      expect(unregisteredTables(after.db)).toEqual([]);
      expect(strayChunkCount(after.db)).toBe(0);
    } finally {
      after.close();
    }
  }, 90_000);
});
