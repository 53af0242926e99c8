// The native row writer (native/preflight_rows.c) makes the rows on the insert thread in C. It must store
// exactly what the JavaScript writer binds (same values, same storage classes) and sketch every column
// to the same HyperLogLog registers, bit for bit; and a malformed chunk must fail whole, not half-write.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { useInProcessCore } from '../helpers/core';
import { openWorkspace } from '../../electron/core/workspace/open';
import { makeQueries } from '../../electron/core/context';
import {
  ChunkBuffer,
  EXTRA_VALUE,
  NULL_VALUE,
  NUMBER_VALUE,
  SLICE_VALUE,
  WORD_VALUE,
  WorkerTarget,
} from '../../electron/core/datasets/insert-pipe';
import { rowWriterPath } from '../../electron/core/datasets/native';
import { insertSql } from '../../electron/core/workspace/queries/datasets';
import { createRng } from '../../shared/math/latency/rng';
import { datasetTable, tempDir } from '../helpers/workspace';

const tmp = tempDir('preflight-row-writer-');
afterAll(() => tmp.cleanup());
const inProcess = useInProcessCore();
const library = rowWriterPath();
if (!library)
  console.log(
    'skipped: the native row writer is not built (`npm run build` found no C compiler); imports use the JavaScript writer',
  );

type Writer = 'native' | 'javascript';
async function withWriter<T>(writer: Writer, fn: () => Promise<T>): Promise<T> {
  const before = process.env.PREFLIGHT_ROW_WRITER;
  process.env.PREFLIGHT_ROW_WRITER = writer;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.PREFLIGHT_ROW_WRITER;
    else process.env.PREFLIGHT_ROW_WRITER = before;
  }
}

/** Imports `file` once with each writer: its stored rows and its columns (without the staging key). */
async function importWithEach(file: string, name: string) {
  const imported = [];
  for (const writer of ['native', 'javascript'] as const) {
    const d = await withWriter(writer, () =>
      inProcess.client().run('datasets/add', { path: file, name: `${name}-${writer}` }),
    );
    const db = new Database(path.join(inProcess.dir, 'workspace.sqlite'), { readonly: true });
    try {
      // Each value with its storage class: both writers must bind a value the same way.
      const classes = d.columnInfo.map((_, i) => `typeof(c${i})`).join(', ');
      const rows = db
        .prepare(`SELECT *, ${classes} FROM ${datasetTable(db, d.id)} ORDER BY rowid`)
        .raw()
        .all() as unknown[][];
      imported.push({ rows, columns: d.columnInfo.map((c) => ({ ...c, chunkKey: undefined })) });
    } finally {
      db.close();
    }
  }
  return imported;
}

type Value = [number, number | string] | null; // kind and payload, as a chunk holds them

/** A chunk of `columns` values per row from [kind, payload] pairs (slices are [SLICE_VALUE, 'text in buffer']). */
function chunkOf(buffer: string, values: Value[], words: string[] = []): ChunkBuffer {
  const c = new ChunkBuffer(values.length);
  values.forEach((v, k) => {
    if (v === null) c.kinds[k] = NULL_VALUE;
    else {
      const [kind, x] = v;
      c.kinds[k] = kind;
      if (kind === NUMBER_VALUE || kind === WORD_VALUE) c.nums[k] = x as number;
      else if (kind === EXTRA_VALUE) c.extras.push(x as string);
      else {
        c.starts[k] = buffer.indexOf(x as string);
        c.ends[k] = c.starts[k] + (x as string).length;
      }
    }
  });
  c.length = values.length;
  c.words = words;
  return c;
}

describe.skipIf(!library)('native row writer', () => {
  it('stores what the JavaScript writer stores and sketches every column to the same registers', async () => {
    const columns = 4;
    const buffer = 'héllo,😀 grin,日本語,plain,lone \uD800 half,"a ""quoted"" one"';
    const first = chunkOf(
      buffer,
      [
        [SLICE_VALUE, 'héllo'],
        [NUMBER_VALUE, -0],
        [WORD_VALUE, 0],
        [EXTRA_VALUE, 'multi\nline, "quoted"'],
        [SLICE_VALUE, '😀 grin'],
        [NUMBER_VALUE, 1.5e308],
        [WORD_VALUE, 1],
        null,
        [SLICE_VALUE, '日本語'],
        [NUMBER_VALUE, -1234.5678],
        [SLICE_VALUE, ''],
        [SLICE_VALUE, 'lone \uD800 half'],
      ],
      ['red', 'café ☕'],
    );
    const second = chunkOf(
      buffer,
      [
        [SLICE_VALUE, 'plain'],
        [NUMBER_VALUE, 2 ** 53 + 2],
        [WORD_VALUE, 2],
        [EXTRA_VALUE, ''],
        [EXTRA_VALUE, 'Ωmega'],
        [NUMBER_VALUE, Number.MIN_VALUE],
        [WORD_VALUE, 0],
        [SLICE_VALUE, '"a ""quoted"" one"'],
      ],
      ['z😀'],
    );
    const results = [];
    for (const writer of ['native', 'javascript'] as const) {
      const ws = openWorkspace(path.join(tmp.dir, `chunks-${writer}`));
      try {
        const staging = makeQueries(ws).datasets.createStaging(columns);
        const registers = await withWriter(writer, async () => {
          const target = new WorkerTarget(ws.file);
          await target.ready;
          expect([target.writer, target.writerWhy]).toEqual([writer, writer === 'native' ? '' : 'not built']);
          target.prepare(staging, columns);
          await target.send(buffer, first, 3, []);
          await target.send(buffer, second, 2, []);
          return target.finish();
        });
        const stored = ws.db
          .prepare(
            `SELECT *, ${Array.from({ length: columns }, (_, i) => `typeof(c${i})`).join(', ')} FROM "${staging}" ORDER BY rowid`,
          )
          .raw()
          .all();
        results.push({
          stored: stored as unknown[][],
          registers: registers.map((r) => Buffer.from(r).toString('base64')),
        });
      } finally {
        ws.close();
      }
    }
    const [native, js] = results;
    expect(native.stored).toHaveLength(5);
    // One difference, on purpose: a lone surrogate (only a JSON escape such as "\ud800" can make one)
    // is stored as U+FFFD, valid UTF-8; the driver writes its three raw bytes (ED A0 80), which are not.
    expect(native.stored[2][3]).toBe('lone \uFFFD half');
    expect(js.stored[2][3]).not.toBe('lone \uFFFD half');
    js.stored[2][3] = native.stored[2][3];
    expect(native.stored).toEqual(js.stored);
    expect(native.stored[0].slice(0, 4)).toEqual(['héllo', -0, 'red', 'multi\nline, "quoted"']);
    expect(native.stored[4].slice(0, 4)).toEqual(['Ωmega', Number.MIN_VALUE, 'red', '"a ""quoted"" one"']);
    expect(native.registers).toHaveLength(columns);
    expect(native.registers).toEqual(js.registers);
    expect(native.registers.every((r) => Buffer.from(r, 'base64').some((b) => b > 0))).toBe(true);
  });

  it('refuses a chunk whose offsets, kinds or words do not fit, and writes none of its rows', () => {
    const db = new Database(':memory:');
    try {
      db.loadExtension(library!); // its entry point, sqlite3_preflightrows_init, follows from the file's name
      db.exec('CREATE TABLE "ds_staging_0000000000000001" (c0, c1)');
      const sql = insertSql('ds_staging_0000000000000001', 2);
      db.exec(sql.rowsTable);
      const insert = db.prepare(sql.fromChunk);
      const u8 = (a: number[]) => Buffer.from(Uint8Array.from(a).buffer);
      const f64 = (a: number[]) => Buffer.from(Float64Array.from(a).buffer);
      const i32 = (a: number[]) => Buffer.from(Int32Array.from(a).buffer);
      const text = Buffer.from('abcdef', 'utf16le');
      // tail: 2 bytes per character (UTF-16LE), 6 characters, no extras, no new words.
      const run = (kinds: number[], nums: number[], starts: number[], ends: number[], tail = [2, 6, 0, 0]) =>
        insert.run(u8(kinds), f64(nums), i32(starts), i32(ends), text, i32(tail));
      run([1, 2, 0, 2], [7, 0, 0, 0], [0, 0, 0, 3], [0, 2, 0, 6]);
      expect(db.prepare('SELECT * FROM "ds_staging_0000000000000001"').raw().all()).toEqual([
        [7, 'ab'],
        [null, 'def'],
      ]);
      // Slices may overlap (the tokenizer never makes such, but nothing assumes it): each gets its own text.
      run([2, 2, 2, 0], [0, 0, 0, 0], [0, 0, 1, 0], [6, 6, 5, 0]);
      expect(() => run([1, 2, 1, 2], [1, 0, 2, 0], [0, 0, 0, 4], [0, 2, 0, 9])).toThrow(/text offsets out of range/);
      expect(() => run([1, 4, 1, 1], [1, 0, 2, 3], [0, 0, 0, 0], [0, 0, 0, 0])).toThrow(/unknown word/);
      expect(() => run([1, 9], [1, 0], [0, 0], [0, 0])).toThrow(/unknown value kind/);
      expect(() => run([1, 3], [1, 0], [0, 0], [0, 0])).toThrow(/more extra values than strings/);
      expect(() => run([1, 1, 1], [1, 2, 3], [0, 0, 0], [0, 0, 0])).toThrow(/chunk arrays do not match/);
      expect(() => run([1, 1], [1, 2], [0, 0], [0, 0], [2, 6, 1, 9, 0])).toThrow(/text shorter than its parts/);
      expect(() => run([1, 3], [1, 0], [0, 0], [0, 0], [2, 2, 2, -3, 5, 0])).toThrow(/negative length/);
      expect(() => run([1, 1], [1, 2], [0, 0], [0, 0], [2, 6, 2 ** 31 - 1])).toThrow(/bad extras/);
      expect(() => run([1, 1], [1, 2], [0, 0], [0, 0], [3, 6, 0, 0])).toThrow(/bad text width/);
      expect(db.prepare('SELECT * FROM "ds_staging_0000000000000001"').raw().all()).toEqual([
        [7, 'ab'],
        [null, 'def'],
        ['abcdef', 'abcdef'],
        ['bcde', null],
      ]);
    } finally {
      db.close();
    }
  });

  it('takes text one byte per character (Latin-1) as it takes UTF-16: the same rows, words and sketches', () => {
    const u8 = (a: number[]) => Buffer.from(Uint8Array.from(a).buffer);
    const f64 = (a: number[]) => Buffer.from(Float64Array.from(a).buffer);
    const i32 = (a: number[]) => Buffer.from(Int32Array.from(a).buffer);
    const body = 'café,Ærø,x ÿ';
    const more = ['ñandú', 'zoë']; // an extra string, then a new word
    const results = (['latin1', 'utf16le'] as const).map((encoding) => {
      const db = new Database(':memory:');
      try {
        db.loadExtension(library!);
        db.exec('CREATE TABLE "ds_staging_0000000000000001" (c0, c1, c2)');
        const sql = insertSql('ds_staging_0000000000000001', 3);
        db.exec(sql.rowsTable);
        const text = Buffer.from(body + more.join(''), encoding);
        const tail = [encoding === 'latin1' ? 1 : 2, body.length, 1, 5, 1, 3];
        const kinds = [2, 2, 3, 4, 2, 1];
        db.prepare(sql.fromChunk).run(
          u8(kinds),
          f64([0, 0, 0, 0, 0, 4.5]),
          i32([0, 5, 0, 0, 9, 0]),
          i32([4, 8, 0, 0, 12, 0]),
          text,
          i32(tail),
        );
        const rows = db.prepare('SELECT * FROM "ds_staging_0000000000000001"').raw().all();
        const sketch = db.prepare('SELECT preflight_rows_sketch(?)').pluck();
        return { rows, registers: [0, 1, 2].map((i) => Buffer.from(sketch.get(i) as Buffer).toString('base64')) };
      } finally {
        db.close();
      }
    });
    expect(results[0].rows).toEqual([
      ['café', 'Ærø', 'ñandú'],
      ['zoë', 'x ÿ', 4.5],
    ]);
    expect(results[0]).toEqual(results[1]);
  });

  // Text beyond U+00FF reaches the row writer as UTF-16; text within it (most files), one byte per character.
  it.each([
    ['any text', ['Zoë', 'Łukasz', '李雷', 'Ana "the" Best', 'O, Brien', '😀 emoji', 'plain']],
    ['Latin-1 text', ['Zoë', 'Ærøskøbing', 'Ana "the" Best', 'O, Brien', 'ÿ ñ', 'plain']],
  ])(
    'an import gives the same rows and the same profile, distinct counts included, with either writer (%s)',
    async (_, names) => {
      const rnd = createRng(29);
      const lines = Array.from({ length: 40_000 }, (_, r) => {
        const name = names[Math.floor(rnd() * names.length)];
        const quoted = /[",]/.test(name) ? `"${name.replaceAll('"', '""')}"` : name;
        return [
          quoted,
          (rnd() * 1000 - 500).toFixed(3),
          String(r),
          `id-${Math.floor(rnd() * 1e9).toString(36)}`,
          r % 11 === 0 ? '' : r % 13 === 0 ? 'NaN' : String(Math.floor(rnd() * 50)),
          r % 97 === 0 ? '"two\nlines"' : 'x',
        ].join(',');
      });
      const file = path.join(tmp.dir, `mixed-${names.length}.csv`);
      fs.writeFileSync(file, `name,score,n,id,small,note\n${lines.join('\n')}\n`);
      const [native, js] = await importWithEach(file, `mixed${names.length}`);
      expect(native.rows).toHaveLength(40_000);
      expect(native.rows[0]).toHaveLength(12);
      // Integers within ±2^53 are INTEGER, other numbers REAL, as the file wrote them: "3" stays 3, not 3.0.
      expect(native.rows[3].slice(1, 3)).toEqual([expect.any(Number), 3]);
      expect(native.rows[3].slice(7, 9)).toEqual(['real', 'integer']);
      expect(native.rows).toEqual(js.rows);
      expect(native.columns).toEqual(js.columns);
      const id = native.columns[3];
      expect(id.profile.distinctExact).toBe(false); // counted by the sketch, past the exact count's cap
      expect(Math.abs(id.profile.distinct - 40_000) / 40_000).toBeLessThan(0.05);
    },
  );

  it('JSON Lines whose later records add keys: the same rows and profile with either writer', async () => {
    const rnd = createRng(31);
    const lines = Array.from({ length: 6_000 }, (_, r) => {
      const o: Record<string, unknown> = { k: r, s: r % 3 === 0 ? 'caf\u00e9 ☕' : `v${r % 17}`, f: rnd() - 0.5 };
      if (r >= 2_000) o.added = r % 5 === 0 ? null : { nested: [r, '😀'] };
      if (r >= 4_000) o.late = r % 2 === 0 ? true : 'x\ny';
      return JSON.stringify(o);
    });
    const file = path.join(tmp.dir, 'grows.jsonl');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const [native, js] = await importWithEach(file, 'grows');
    expect(native.rows).toHaveLength(6_000);
    expect(native.rows[0]).toEqual([
      0,
      'caf\u00e9 ☕',
      expect.any(Number),
      null,
      null,
      'integer',
      'text',
      'real',
      'null',
      'null',
    ]);
    expect(native.rows[5_999].slice(3, 5)).toEqual([expect.stringContaining('😀'), 'x\ny']);
    expect(native.rows).toEqual(js.rows);
    expect(native.columns).toEqual(js.columns);
  });
});
