// Packed column chunks (migration 0007) hold exactly what the rows read back as numbers: for CSV (every
// awkward spelling), JSON Lines and Parquet, a column read from its chunks equals the same column read
// from its rows — the same doubles bit for bit, the same missing / NaN / ±inf counts. Columns that are
// not numeric keep no chunks; failed imports and removed datasets leave none behind.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../shared/client';
import { createRng } from '../../shared/math/latency/rng';
import { createCore, type Core } from '../../electron/core/api';
import { inProcessTransport } from '../../electron/core/in-process';
import { readColumnsSorted, type TableColumns } from '../../electron/core/drift/column-read';
import { ColumnChunker } from '../../electron/core/datasets/chunks';
import { FLOAT } from '../../electron/core/datasets/infer';
import { tempDir } from '../helpers/workspace';
import { attached, datasetFileNames } from '../../electron/core/workspace/queries/dataset-files';

const tmp = tempDir('preflight-chunks-');
const ws = path.join(tmp.dir, 'ws');
let core: Core;
let client: ReturnType<typeof createClient>;

beforeAll(() => {
  core = createCore({ workspaceDir: ws });
  client = createClient(inProcessTransport(core));
});
afterAll(async () => {
  await core.close();
  tmp.cleanup();
});

const AWKWARD = ['1.50', '-0', '+3', '.5', '5.', '1e5', '2.5E-3', 'NaN', 'inf', '-Infinity', 'NA', 'null', '', '1e999'];

/** A seeded CSV: floats in many spellings, integers with gaps, a column that turns to text late, a category. */
function writeCsv(file: string, rows: number, seed: number): void {
  const r = createRng(seed);
  const lines = ['f,i,late,cat,big'];
  for (let k = 0; k < rows; k++) {
    const u = r();
    const f =
      u < 0.02
        ? AWKWARD[Math.floor(r() * AWKWARD.length)]
        : u < 0.5
          ? (r() * 2000 - 1000).toFixed(1 + Math.floor(r() * 5))
          : String((r() - 0.5) * 10 ** Math.floor(r() * 12 - 6));
    const i = r() < 0.01 ? '' : String(Math.floor(r() * 1e6) - 5e5);
    const late = k === rows - 10 ? 'n/a-ish' : String(Math.floor(r() * 100));
    const big = r() < 0.001 ? '+17' : String(Math.floor(r() * 1e15));
    lines.push(`${f},${i},${late},${['a', 'b', 'c'][Math.floor(r() * 3)]},${big}`);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

interface Stored {
  table: string;
  rows: number;
  keys: (string | null)[];
  kinds: string[];
}

function stored(db: Database.Database, name: string): Stored {
  const d = db.prepare('SELECT id, table_name, row_count FROM datasets WHERE name = ?').get(name) as {
    id: number;
    table_name: string;
    row_count: number;
  };
  const cols = db
    .prepare('SELECT kind, chunk_key FROM dataset_columns WHERE dataset_id = ? ORDER BY ordinal')
    .all(d.id) as { kind: string; chunk_key: string | null }[];
  return { table: d.table_name, rows: d.row_count, keys: cols.map((c) => c.chunk_key), kinds: cols.map((c) => c.kind) };
}

/** A column read from its chunks and from its rows, as comparable plain data (−0 kept apart from 0). */
function bothWays(db: Database.Database, s: Stored, ordinal: number) {
  const maxRowid = db
    .prepare(`SELECT max(rowid) FROM ${attached(db, s.table)}"${s.table}"`)
    .pluck()
    .get() as number;
  const t: TableColumns = { table: s.table, maxRowid, rows: s.rows, ordinals: [ordinal], chunkKeys: [s.keys[ordinal]] };
  const plain = (c: ReturnType<typeof readColumnsSorted>['columns'][number]) => ({
    values: Array.from(c.sorted, (x) => (Object.is(x, -0) ? '-0' : x)),
    missing: c.missing,
    nan: c.nan,
    posInf: c.posInf,
    negInf: c.negInf,
  });
  const chunks = plain(readColumnsSorted(db, t).columns[0]);
  const rows = plain(readColumnsSorted(db, { ...t, chunkKeys: [null] }).columns[0]);
  return { chunks, rows };
}

function openDb(): Database.Database {
  return new Database(path.join(ws, 'workspace.sqlite'), { readonly: true });
}

describe('packed column chunks', () => {
  it(
    'CSV: numeric columns read from chunks equal the rows, over several chunks; text and late-text columns keep none',
    { timeout: 120_000 },
    async () => {
      const file = path.join(tmp.dir, 'awkward.csv');
      writeCsv(file, 70_000, 11);
      await client.run('datasets/add', { path: file, name: 'awkward' });
      const db = openDb();
      try {
        const s = stored(db, 'awkward');
        expect(s.kinds).toEqual(['float', 'integer', 'categorical', 'categorical', 'integer']);
        expect(s.keys.map((k) => k !== null)).toEqual([true, true, false, false, true]);
        const chunkCount = db
          .prepare(
            `SELECT ordinal, count(*) AS n FROM ${attached(db, s.keys[0]!)}dataset_column_chunks WHERE import_key = ? GROUP BY ordinal`,
          )
          .all(s.keys[0]);
        // 70,000 rows in 65,536-row chunks: two per chunked column; the late-text column's chunks are gone.
        expect(chunkCount).toEqual([
          { ordinal: 0, n: 2 },
          { ordinal: 1, n: 2 },
          { ordinal: 4, n: 2 },
        ]);
        for (const ordinal of [0, 1, 4]) {
          const { chunks, rows } = bothWays(db, s, ordinal);
          expect(chunks).toEqual(rows);
          expect(chunks.values.length + chunks.missing + chunks.nan + chunks.posInf + chunks.negInf).toBe(70_000);
        }
        const f = bothWays(db, s, 0).chunks;
        expect(f.nan).toBeGreaterThan(0);
        expect(f.posInf).toBeGreaterThan(0);
        expect(f.negInf).toBeGreaterThan(0);
        expect(f.values).toContain('-0');
      } finally {
        db.close();
      }
    },
  );

  it('JSON Lines and Parquet: typed doubles, NaN, infinities, nulls and integers beyond 2^53 read the same both ways', async () => {
    const r = createRng(5);
    const n = 3000;
    const xs = Array.from({ length: n }, (_, k) =>
      k % 97 === 0 ? NaN : k % 89 === 0 ? null : k % 83 === 0 ? -Infinity : (r() - 0.5) * 1e3,
    );
    const ints = Array.from({ length: n }, (_, k) => (k % 50 === 0 ? 9007199254740995n + BigInt(k) : BigInt(k - 1500)));
    const pq = path.join(tmp.dir, 'typed.parquet');
    fs.writeFileSync(
      pq,
      Buffer.from(
        parquetWriteBuffer({
          columnData: [
            { name: 'x', data: xs, type: 'DOUBLE' },
            { name: 'i', data: ints, type: 'INT64' },
          ],
        } as never),
      ),
    );
    const jl = path.join(tmp.dir, 'typed.jsonl');
    fs.writeFileSync(
      jl,
      xs
        .map((x, k) =>
          JSON.stringify({ x: x === null || Number.isFinite(x) ? x : String(x), i: k % 7 === 0 ? 'NA' : k - 1500 }),
        )
        .join('\n') + '\n',
    );
    await client.run('datasets/add', { path: pq, name: 'typed-parquet' });
    await client.run('datasets/add', { path: jl, name: 'typed-jsonl' });
    const db = openDb();
    try {
      for (const name of ['typed-parquet', 'typed-jsonl']) {
        const s = stored(db, name);
        expect(s.keys.every((k) => k !== null)).toBe(true);
        for (const ordinal of [0, 1]) {
          const { chunks, rows } = bothWays(db, s, ordinal);
          expect(chunks).toEqual(rows);
        }
        expect(bothWays(db, s, 0).chunks.nan).toBe(xs.filter((x) => x !== null && Number.isNaN(x)).length);
      }
    } finally {
      db.close();
    }
  });

  it('a failed import leaves no chunks, and removing a dataset removes its chunks', { timeout: 120_000 }, async () => {
    const file = path.join(tmp.dir, 'ragged.csv');
    writeCsv(file, 70_000, 3);
    fs.appendFileSync(file, '1,2\n');
    const count = () => {
      const db = openDb();
      try {
        // In the workspace (datasets imported before dataset files) and in every dataset file.
        let n = db.prepare('SELECT count(*) FROM dataset_column_chunks').pluck().get() as number;
        for (const f of datasetFileNames(db))
          n += db
            .prepare(`SELECT count(*) FROM ${attached(db, f)}dataset_column_chunks`)
            .pluck()
            .get() as number;
        return n;
      } finally {
        db.close();
      }
    };
    const before = count();
    await expect(client.run('datasets/add', { path: file, name: 'ragged' })).rejects.toThrow(/expected 5 fields/);
    expect(count()).toBe(before);
    await client.call('datasets/remove', { ref: 'awkward' });
    expect(count()).toBe(before - 6);
  });
});

describe('ColumnChunker', () => {
  // 4,000 expected columns make 1,024-row chunks (chunkRowsFor's floor).
  const fill = (chunker: ColumnChunker, from: number, count: number) => {
    for (let r = from; r < from + count; r++) chunker.put(0, FLOAT, r + 0.5, true);
  };

  it('a chunk keeps its values until the target gives its array back, then the array holds the next chunk', () => {
    const chunker = new ColumnChunker(4000);
    chunker.addColumns(1, 0);
    fill(chunker, 0, 1024);
    const [first] = chunker.take();
    fill(chunker, 1024, 2048); // two more chunks while the first is still being written
    const [second, third] = chunker.take();
    for (const [k, chunk] of [first, second, third].entries()) {
      expect(chunk.rows).toBe(1024);
      expect(chunk.vals[0]).toBe(k * 1024 + 0.5);
      expect(chunk.vals[1023]).toBe(k * 1024 + 1023.5);
    }
    expect(new Set([first, second, third].map((c) => c.vals.buffer)).size).toBe(3);
    // The column goes on in the first chunk's array once the chunk it is filling now is sealed.
    chunker.recycle([first.vals]);
    fill(chunker, 3072, 1024 + 10);
    chunker.finish();
    const [fourth, last] = chunker.take();
    expect(Array.from(fourth.vals.subarray(0, 2))).toEqual([3072.5, 3073.5]);
    expect(fourth.vals[1023]).toBe(4095.5);
    expect(last.vals.buffer).toBe(first.vals.buffer);
    expect(Array.from(last.vals)).toEqual(Array.from({ length: 10 }, (_, i) => 4096.5 + i));
    expect(second.vals[0]).toBe(1024.5); // untouched: never given back
  });
});
