// The records the native CSV scanner splits go to the sink a read at a time (sink.ts#pushScanned):
// each column's plain numbers and missing values column by column, then, row by row, the sample's
// turns and every other value. It must store, chunk and profile exactly what the record-by-record
// path does — the same samples too, though the columns share one random stream — and name the same
// line in an error. The JavaScript tokenizer alone (PREFLIGHT_CSV_SCANNER=javascript) is the reference.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { useInProcessCore } from '../helpers/core';
import { csvScanner } from '../../electron/core/datasets/native';
import { DatasetSink } from '../../electron/core/datasets/sink';
import { createRng } from '../../shared/math/latency/rng';
import type { ColumnKind } from '../../shared/types/datasets';
import { datasetChunks, datasetTable, tempDir } from '../helpers/workspace';

const tmp = tempDir('preflight-scanned-batch-');
afterAll(() => tmp.cleanup());
const inProcess = useInProcessCore();
const scanner = csvScanner();
if (!scanner) console.log('skipped: the native CSV scanner is not built; CSV records are pushed one by one');
afterEach(() => vi.restoreAllMocks());

type Scanner = 'native' | 'javascript';
async function withScanner<T>(which: Scanner, fn: () => Promise<T>): Promise<T> {
  const before = process.env.PREFLIGHT_CSV_SCANNER;
  if (which === 'javascript') process.env.PREFLIGHT_CSV_SCANNER = 'javascript';
  else delete process.env.PREFLIGHT_CSV_SCANNER;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.PREFLIGHT_CSV_SCANNER;
    else process.env.PREFLIGHT_CSV_SCANNER = before;
  }
}

/** Imports `file` with one scanner: its rows (values and storage classes), columns and packed chunks. */
async function importWith(which: Scanner, file: string, name: string, types?: Record<string, ColumnKind>) {
  const d = await withScanner(which, () =>
    inProcess.client().run('datasets/add', { path: file, name: `${name}-${which}`, ...(types ? { types } : {}) }),
  );
  const db = new Database(path.join(inProcess.dir, 'workspace.sqlite'), { readonly: true });
  try {
    const n = d.columnInfo.length;
    const typeofs = Array.from({ length: n }, (_, i) => `typeof(c${i})`).join(', ');
    const rows = db
      .prepare(`SELECT *, ${typeofs} FROM ${datasetTable(db, d.id)} ORDER BY rowid`)
      .raw()
      .all();
    const keys = db
      .prepare('SELECT chunk_key FROM dataset_columns WHERE dataset_id = ? ORDER BY ordinal')
      .pluck()
      .all(d.id) as (string | null)[];
    const chunks = keys.map((key, ordinal) =>
      key === null
        ? null
        : db
            .prepare(
              `SELECT chunk, rows, missing, nan, pos_inf, neg_inf, hex(vals) FROM ${datasetChunks(db, d.id)} WHERE import_key = ? AND ordinal = ? ORDER BY chunk`,
            )
            .raw()
            .all(key, ordinal),
    );
    return { rows: rows as unknown[][], chunks, columns: d.columnInfo };
  } finally {
    db.close();
  }
}

/** Counts the records the sink takes a read at a time during `fn`. */
async function countBatched<T>(fn: () => Promise<T>): Promise<{ result: T; batched: number }> {
  const original = DatasetSink.prototype.pushScanned;
  let batched = 0;
  vi.spyOn(DatasetSink.prototype, 'pushScanned').mockImplementation(function (this: DatasetSink, t, records) {
    const taken = original.call(this, t, records);
    if (taken) batched += records.records;
    return taken;
  });
  const result = await fn();
  return { result, batched };
}

describe.skipIf(!scanner)('scanned records taken a read at a time', () => {
  it('store, chunk and profile what record-by-record import does, samples included', async () => {
    const rnd = createRng(41);
    const cats = ['red', 'green', 'blue', 'teal'];
    const rows = 60_000; // past the sample (20,000 values) and the exact distinct cap (10,000)
    const lines = Array.from({ length: rows }, (_, r) => {
      const f = (rnd() * 1000 - 500).toFixed(4); // "…0" endings are stored as text: not exact
      const wide = String(Math.floor(rnd() * 1e9) - 5e8);
      const gappy = r % 7 === 0 ? '' : String(Math.floor(rnd() * 100));
      // Numbers until a text value mid-file (the column stops being taken column by column there), then numbers.
      const turns = r === 33_333 ? 'n/a yet' : (rnd() * 10).toFixed(2);
      const words = r % 101 === 0 ? 'NA' : String(r % 50); // missing-value words in a numeric column
      const signs = r % 13 === 0 ? '-0' : r % 17 === 0 ? '+5' : r % 19 === 0 ? '"12.5"' : String(r % 9);
      const cat = cats[Math.floor(rnd() * cats.length)];
      const typed = String(r % 1000); // --type: record by record
      const id = `id-${Math.floor(rnd() * 1e9).toString(36)}`; // words.ts gives up on such a column
      const code = `C${Math.floor(rnd() * 150)}`; // more categories than a column's 64 word slots
      const note = r % 997 === 0 ? '"say ""hi""\nthere"' : r % 499 === 0 ? '"two\nlines"' : 'x';
      return [f, wide, gappy, turns, words, signs, cat, typed, note, id, code].join(',');
    });
    const file = path.join(tmp.dir, 'mixed.csv');
    fs.writeFileSync(file, `f,wide,gappy,turns,words,signs,cat,typed,note,id,code\n${lines.join('\n')}\n`);
    const types: Record<string, ColumnKind> = { typed: 'float' };
    const { result: batched, batched: taken } = await countBatched(() => importWith('native', file, 'mixed', types));
    const reference = await importWith('javascript', file, 'mixed', types);
    expect(taken).toBeGreaterThan(rows * 0.9);
    expect(batched.rows).toHaveLength(rows);
    expect(batched.rows).toEqual(reference.rows);
    expect(batched.chunks).toEqual(reference.chunks);
    expect(batched.columns).toEqual(reference.columns);
    const byName = Object.fromEntries(batched.columns.map((c) => [c.name, c]));
    expect(byName.f.profile.numeric?.exact).toBe(false); // a sample, drawn in the same order
    expect(byName.wide.profile.distinctExact).toBe(false);
    expect(byName.turns.kind).toBe('categorical');
    // Line 33,335 of the file's records, plus the 100 line breaks inside quoted notes before it.
    expect(byName.turns.notes.join(' ')).toContain('"n/a yet" on line 33435');
    expect(byName.words.kind).toBe('integer');
    expect(byName.typed.kind).toBe('float');
    expect(byName.code.profile.distinct).toBe(150);
    expect(byName.id.profile.distinctExact).toBe(false);
    // Chunked: the numeric columns that never met text (f, wide, gappy, signs: "-0" and "+5" are numbers).
    expect(batched.chunks.map((c) => c !== null)).toEqual([
      true,
      true,
      true,
      false,
      true,
      true,
      false,
      true,
      false,
      false,
      false,
    ]);
    expect(batched.chunks[0]!.length).toBeGreaterThan(0);
    // "-0" and "+5" are kept as written (text), the rest of the column as numbers.
    const signs = batched.rows.slice(0, 20).map((r) => [r[5], r[5 + 11]]);
    expect(signs[0]).toEqual(['-0', 'text']);
    expect(signs[17]).toEqual(['+5', 'text']);
    expect(signs[1]).toEqual([1, 'integer']);
  });

  it('names the same line for a short record or a value --type refuses inside a run of scanned records', async () => {
    const body = Array.from({ length: 3_000 }, (_, r) =>
      r === 1_200 ? '"multi\nline",1,2' : r === 2_500 ? 'x,1' : `a${r % 5},${r},${r * 0.5}`,
    );
    const ragged = path.join(tmp.dir, 'ragged.csv');
    fs.writeFileSync(ragged, `s,n,h\n${body.join('\n')}\n`);
    const refused = path.join(tmp.dir, 'refused.csv');
    fs.writeFileSync(refused, `s,n,h\n${body.map((l, r) => (r === 2_500 ? 'x,7.5,1' : l)).join('\n')}\n`);
    for (const [file, types, message] of [
      [ragged, undefined, 'line 2503: expected 3 fields, found 2'],
      [refused, { n: 'integer' as ColumnKind }, 'line 2503, column "n": "7.5" is not an integer'],
    ] as const) {
      for (const which of ['native', 'javascript'] as const) {
        await expect(importWith(which, file, `bad-${which}`, types)).rejects.toThrow(message);
      }
    }
    const list = await inProcess.client().call('datasets/list', {});
    expect(list.filter((d) => d.name.startsWith('bad-'))).toEqual([]);
  });
});
