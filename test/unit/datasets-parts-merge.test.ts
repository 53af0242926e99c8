// Merging the import profiles of parts (sink.ts#merged, profile.ts#ColumnAccumulator.merge): the kinds the
// merged counts decide (a part of integers and a part of floats make a float column; a text value in
// any part makes it categorical, and unchunked), and statistics equal to one sink fed every value —
// counts, extremes (big integers too), mean and std, exact value counts, HyperLogLog registers — with
// a merged sample that is a uniform sample of the union.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOAT, INT, MISSING, TEXT } from '../../electron/core/datasets/infer';
import { DirectTarget } from '../../electron/core/datasets/insert-pipe';
import { ColumnAccumulator } from '../../electron/core/datasets/profile';
import { DatasetSink } from '../../electron/core/datasets/sink';
import { makeQueries } from '../../electron/core/context';
import { openWorkspace, type Workspace } from '../../electron/core/workspace/open';
import type { DatasetQueries, StoredValue } from '../../electron/core/workspace/queries/datasets';
import { createRng } from '../../shared/math/latency/rng';
import { tempDir } from '../helpers/workspace';

const tmp = tempDir('preflight-parts-merge-');
let ws: Workspace;
let q: DatasetQueries;
beforeAll(() => {
  ws = openWorkspace(path.join(tmp.dir, 'ws'));
  q = makeQueries(ws).datasets;
});
afterAll(() => {
  ws.close();
  tmp.cleanup();
});

type Cell = [tok: number, v: StoredValue];
const int = (x: number): Cell => [INT, x];
const float = (x: number): Cell => [FLOAT, x];
const text = (s: string): Cell => [TEXT, s];
const missing: Cell = [MISSING, null];

/** A sink fed one column of cells (as the Parquet reader feeds it), finished; its staging table dropped. */
async function feed(cells: Cell[]): Promise<DatasetSink> {
  const sink = new DatasetSink(q, {}, 1);
  sink.useChunks(new DirectTarget(q));
  sink.addColumns(['v'], [[]]);
  const base = sink.beginBlock(cells.length);
  cells.forEach(([tok, v], r) => sink.putTyped(0, base + r, tok, v, typeof v === 'number' ? v : NaN, r + 1));
  sink.endBlock(cells.length);
  await sink.endTypedChunk();
  await sink.finishChunks();
  q.dropTable(sink.staging!);
  return sink;
}

async function merged(...parts: Cell[][]) {
  const sinks = await Promise.all(parts.map(feed));
  return {
    merged: DatasetSink.merged(
      q,
      {},
      sinks.map((s) => s.partState()),
    ),
    whole: await feed(parts.flat()),
  };
}

describe('merging the import profiles of parts', () => {
  it('a part of integers and a part of floats make a float column, kept in chunks', async () => {
    const { merged: m, whole } = await merged([int(1), int(2), missing], [float(2.5), float(-1.25)]);
    const [col] = m.columns();
    expect(col.kind).toBe('float');
    expect(m.chunked(0)).toBe(true);
    expect(col).toEqual(whole.columns()[0]);
  });

  it('a text value in any part makes the column categorical, not chunked, with the first text named', async () => {
    const { merged: m, whole } = await merged([int(1), int(2)], [int(3), text('n/a?'), int(5)], [float(0.5)]);
    const [col] = m.columns();
    expect(col.kind).toBe('categorical');
    expect(m.chunked(0)).toBe(false);
    expect(col.notes.join(' ')).toMatch(/1 non-numeric value\(s\) among 5 numbers \(first: "n\/a\?" on line 2\)/);
    expect(col.profile).toEqual(whole.columns()[0].profile);
  });

  it('big-integer extremes, exact value counts and distinct counts past the cap merge to the whole', () => {
    const caps = { sample: 50, distinct: 100 };
    const feedAcc = (keys: (string | number)[], seed: number) => {
      const a = new ColumnAccumulator(caps, createRng(seed));
      for (const k of keys) a.observe(INT, k, Number(k));
      return a;
    };
    const big = ['9007199254740993', '-9007199254740995', 5, 7];
    const a = feedAcc(big.slice(0, 2), 1);
    const b = feedAcc(big.slice(2), 2);
    const m = ColumnAccumulator.merge([a.state(), b.state()], caps, createRng(3));
    const p = m.finish(4, 'integer');
    expect([p.numeric!.minExact, p.numeric!.maxExact, p.distinct, p.distinctExact]).toEqual([
      '-9007199254740995',
      '9007199254740993',
      4,
      true,
    ]);
    // Past the cap: the registers of the parts' sketches, register-wise max, are the whole's registers.
    const keys = Array.from({ length: 3000 }, (_, i) => i * 3);
    const parts = [keys.slice(0, 40), keys.slice(40, 1200), keys.slice(1200)].map((k, s) => feedAcc(k, s));
    const all = feedAcc(keys, 9);
    const mm = ColumnAccumulator.merge(
      parts.map((p) => p.state()),
      caps,
      createRng(4),
    );
    expect(mm.finish(keys.length, 'integer').distinct).toBe(all.finish(keys.length, 'integer').distinct);
    expect(mm.finish(keys.length, 'integer').distinctExact).toBe(false);
  });

  it('the merged sample is a uniform sample of the union: each part in proportion to its size', () => {
    const caps = { sample: 200, distinct: 10 };
    // Part A: 1,000 values below 0; part B: 9,000 values above 0. A uniform sample of the union holds
    // about 10% of A's: over 200 merges, the mean share is within 1% of 10%.
    const acc = (n: number, sign: number, seed: number) => {
      const a = new ColumnAccumulator(caps, createRng(seed));
      for (let i = 1; i <= n; i++) a.observe(FLOAT, sign * i, sign * i);
      return a.state();
    };
    const states = [acc(1000, -1, 1), acc(9000, 1, 2)];
    const rng = createRng(7);
    let share = 0;
    for (let t = 0; t < 200; t++) {
      const m = ColumnAccumulator.merge(states, caps, rng);
      const sample = m.state().sample as number[];
      expect(sample).toHaveLength(200);
      share += sample.filter((x) => x < 0).length / 200;
    }
    expect(Math.abs(share / 200 - 0.1)).toBeLessThan(0.01);
  });
});
