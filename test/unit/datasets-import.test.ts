// datasets/add through the core: every bad or odd fixture gives a correct import or one clear
// INVALID_INPUT message, and the workspace keeps what it had (no dataset, no staging table left).
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../shared/client';
import { PreflightError } from '../../shared/contract/errors';
import type { DatasetDetail } from '../../shared/types/datasets';
import { createCore, type Core } from '../../electron/core/api';
import { inProcessTransport } from '../../electron/core/in-process';
import { openWorkspace } from '../../electron/core/workspace/open';
import { datasetFileNames } from '../../electron/core/workspace/queries/dataset-files';
import { FIXTURES, tempDir } from '../helpers/workspace';
import { makeQueries, type CoreContext } from '../../electron/core/context';
import { JobManager } from '../../electron/core/jobs/manager';
import { nodeLauncher } from '../../electron/core/jobs/launcher';
import {
  datasetColumns,
  datasetIdOf,
  iterateRows,
  readCategoricalColumn,
  readColumnValues,
  readNumericColumn,
} from '../../electron/core/datasets/columns';

const DATA = path.join(FIXTURES, 'datasets');
const tmp = tempDir('preflight-datasets-');
let core: Core;
let client: ReturnType<typeof createClient>;

beforeAll(async () => {
  core = createCore({ workspaceDir: path.join(tmp.dir, 'ws') });
  client = createClient(inProcessTransport(core));
  await client.run('datasets/add', { path: path.join(DATA, 'quoted-newlines.csv'), name: 'baseline' });
});
afterAll(async () => {
  await core.close();
  tmp.cleanup();
});

const add = (
  file: string,
  extra: { name?: string; types?: Record<string, 'integer' | 'float' | 'boolean' | 'datetime' | 'categorical'> } = {},
) => client.run('datasets/add', { path: path.isAbsolute(file) ? file : path.join(DATA, file), ...extra });

async function rejects(file: string, message: RegExp, extra = {}): Promise<void> {
  const before = await client.call('datasets/list', {});
  const err = await add(file, extra).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PreflightError);
  expect((err as PreflightError).message).toMatch(message);
  expect((err as PreflightError).message).not.toContain('\n');
  expect(await client.call('datasets/list', {})).toEqual(before);
  const baseline = await client.call('datasets/show', { ref: 'baseline' });
  expect(baseline.rows).toBe(3);
  expect(stagingTables()).toEqual([]);
}

function stagingTables(): string[] {
  const ws = openWorkspace(path.join(tmp.dir, 'ws'));
  try {
    const registered = new Set(ws.db.prepare('SELECT table_name FROM datasets').pluck().all() as string[]);
    const inWorkspace = ws.db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'ds_staging_%'").pluck().all();
    return [...(inWorkspace as string[]), ...datasetFileNames(ws.db)].filter((t) => !registered.has(t));
  } finally {
    ws.close();
  }
}

const col = (d: DatasetDetail, name: string) => d.columnInfo.find((c) => c.name === name)!;

describe('datasets/add: bad input is refused with line and column, the workspace untouched', () => {
  it('ragged rows', () => rejects('ragged.csv', /ragged\.csv: line 3: expected 3 fields, found 2$/));
  it('an unclosed quote', () => rejects('unclosed-quote.csv', /line 3: the quoted field in column 2 is never closed/));
  it('an empty file', () => rejects('empty.csv', /empty\.csv: the file is empty/));
  it('a JSON Lines file with a bad line', () => rejects('bad-line.jsonl', /bad-line\.jsonl: line 3: not valid JSON/));
  it('a Parquet file with a damaged footer', () =>
    rejects('bad-footer.parquet', /bad-footer\.parquet is a damaged Parquet file: /));
  it('a missing file', () => rejects('nope.csv', /nope\.csv: no such file/));
  it('a value that does not fit an explicit --type', () =>
    rejects('ids.csv', /line 2, column "hex": "0x1A" is not an integer/, {
      name: 'ids-typed',
      types: { hex: 'integer' },
    }));
  it('a --type naming no column', () =>
    rejects('ids.csv', /--type names column\(s\) the file does not have: "nope"/, {
      name: 'ids-typed',
      types: { nope: 'float' },
    }));
  it('10,000 columns', async () => {
    const file = path.join(tmp.dir, 'wide.csv');
    const names = Array.from({ length: 10_000 }, (_, i) => `f${i}`);
    fs.writeFileSync(file, `${names.join(',')}\n${names.map((_, i) => i).join(',')}\n`);
    await rejects(file, /has 10,000 columns; Preflight stores at most 2,000/);
  });
  it('binary data named .csv, UTF-16 text, and random bytes named .parquet', async () => {
    const bin = path.join(tmp.dir, 'binary.csv');
    fs.writeFileSync(bin, Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x00, 0x01, 0x02, 0x0a]));
    await rejects(bin, /binary\.csv looks binary \(it contains NUL bytes\)/);
    const utf16 = path.join(tmp.dir, 'utf16.csv');
    fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,2\n', 'utf16le')]));
    await rejects(utf16, /utf16\.csv is UTF-16 text; save it as UTF-8/);
    const junk = path.join(tmp.dir, 'junk.parquet');
    fs.writeFileSync(junk, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251)));
    await rejects(junk, /junk\.parquet is a damaged Parquet file: /);
  });
  it('a JSON array (not JSON Lines)', async () => {
    const file = path.join(tmp.dir, 'array.json');
    fs.writeFileSync(file, '[{"a": 1}, {"a": 2}]');
    await rejects(file, /array\.json holds a JSON array; Preflight reads JSON Lines/);
  });
  it('a record that never ends (64 MiB cap) is refused, not buffered', async () => {
    const file = path.join(tmp.dir, 'endless.csv');
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, 'a,b\n1,"');
    const block = 'x'.repeat(1 << 20);
    for (let i = 0; i < 66; i++) fs.writeSync(fd, block);
    fs.closeSync(fd);
    await rejects(file, /line 2: a record longer than 64 MiB — probably a quote that is never closed/);
  }, 120_000); // ~12 s on a quiet 2-core machine; the whole suite shares those cores
  it('a name that is taken', () => rejects('bom.csv', /a dataset named baseline already exists/, { name: 'baseline' }));
});

describe('datasets/add: odd input imports correctly', () => {
  it('UTF-8 with a BOM: the BOM is not part of the first name', async () => {
    const d = await add('bom.csv');
    expect(d.import.encoding).toBe('utf-8 (BOM)');
    expect(d.columnInfo.map((c) => c.name)).toEqual(['id', 'name']);
    expect(
      col(d, 'name')
        .profile.top.map((t) => t.value)
        .sort(),
    ).toEqual(['Zoë', 'Åsa']);
  });

  it('Latin-1 with semicolons', async () => {
    const d = await add('latin1.csv');
    expect(d.import).toMatchObject({ encoding: 'latin-1', delimiter: 'semicolon' });
    expect(
      col(d, 'city')
        .profile.top.map((t) => t.value)
        .sort(),
    ).toEqual(['Malmö', 'São Paulo', 'Zürich']);
  });

  it('quoted newlines, doubled quotes and delimiters inside quotes', async () => {
    const d = await client.call('datasets/show', { ref: 'baseline' });
    expect(
      col(d, 'comment')
        .profile.top.map((t) => t.value)
        .sort(),
    ).toEqual(['a,b', 'first line\nsecond line', 'say "hi"']);
    expect(col(d, 'score')).toMatchObject({ kind: 'float', profile: { numeric: { min: 1.5, max: 3.5, mean: 2.5 } } });
  });

  it("Excel's sep= line", async () => {
    const file = path.join(tmp.dir, 'excel.csv');
    fs.writeFileSync(file, 'sep=;\r\na;b\r\n1,5;x\r\n');
    const d = await add(file);
    expect(d.import.delimiter).toBe('semicolon');
    expect(d.columnInfo.map((c) => [c.name, c.kind])).toEqual([
      ['a', 'categorical'],
      ['b', 'categorical'],
    ]);
    expect(d.rows).toBe(1);
  });

  it('a header without rows', async () => {
    const d = await add('header-only.csv');
    expect(d.rows).toBe(0);
    expect(d.columnInfo.map((c) => c.name)).toEqual(['a', 'b', 'c']);
  });

  it('duplicate, empty and hostile column names are kept as data, with notes', async () => {
    const d = await add('odd-names.csv');
    expect(d.columnInfo.map((c) => c.name)).toEqual(['x', 'column_2', 'x_2', 'a"; DROP TABLE x;--', ' spaced ']);
    expect(col(d, 'x_2').notes.join()).toMatch(/appears more than once/);
    expect(col(d, 'a"; DROP TABLE x;--').profile.numeric).toMatchObject({ min: 4, max: 9 });
  });

  it('codes, hex and 20-digit ids stay text; a clean integer column is numeric', async () => {
    const d = await add('ids.csv');
    expect(d.columnInfo.map((c) => c.kind)).toEqual(['categorical', 'categorical', 'categorical', 'integer']);
    expect(col(d, 'code').profile.top.map((t) => t.value)).toEqual(['007', '008', '010']);
    expect(col(d, 'big_id').profile.top.map((t) => t.value)).toContain('12345678901234567890');
    const mixed = path.join(tmp.dir, 'mixed.csv');
    fs.writeFileSync(mixed, 'amount\n1\n2.5\nn.a.\n4\n');
    expect(col(await add(mixed), 'amount').notes).toEqual([
      '1 non-numeric value(s) among 3 numbers (first: "n.a." on line 4): kept as text',
    ]);
    // pandas' missing-value words are missing in a numeric column, not text (datasets-na-words.test.ts).
    const na = path.join(tmp.dir, 'mixed-na.csv');
    fs.writeFileSync(na, 'amount\n1\n2.5\nN/A\n4\n');
    expect(col(await add(na), 'amount')).toMatchObject({
      kind: 'float',
      notes: ['1 value(s) such as "N/A" read as missing'],
      profile: { missing: 1 },
    });
  });

  it('an explicit --type is honoured and noted', async () => {
    const d = await add('ids.csv', { name: 'ids-as-int', types: { code: 'integer' } });
    expect(col(d, 'code')).toMatchObject({ kind: 'integer', inferredKind: 'categorical' });
    expect(col(d, 'code').profile.numeric).toMatchObject({ min: 7, max: 10 });
  });

  it('NaN, inf and empty values are counted as what they are', async () => {
    const d = await add('specials.csv');
    expect(col(d, 'x')).toMatchObject({
      kind: 'float',
      profile: { count: 6, missing: 1, nan: 1, posInf: 1, negInf: 1, numeric: { count: 2, min: 1.5, max: 2.5 } },
    });
    expect(col(d, 'label').profile.missing).toBe(1);
  });

  it('pipes, tabs, dates and booleans', async () => {
    expect((await add('pipes.txt')).import.delimiter).toBe('pipe');
    const d = await add('data.tsv');
    expect(d.columnInfo.map((c) => c.kind)).toEqual(['datetime', 'integer', 'boolean']);
    expect(col(d, 'when').profile.numeric?.min).toBe(Date.UTC(2024, 0, 1));
  });

  it('JSON Lines: keys in order of appearance, nulls missing, big integers exact', async () => {
    const d = await add('good.jsonl');
    expect(d.columnInfo.map((c) => c.name)).toEqual(['id', 'name', 'score', 'big', 'extra']);
    expect(col(d, 'name').profile.missing).toBe(1);
    expect(col(d, 'extra')).toMatchObject({ kind: 'boolean', profile: { missing: 2 } });
    expect(col(d, 'big').profile.top[0].value).toBe('12345678901234567890');
  });

  it.each(['snappy.parquet', 'zstd.parquet'])(
    'Parquet %s: INT64 exact (also beyond 2^53), nulls, NaN',
    async (file) => {
      const d = await add(file);
      expect(d.rows).toBe(50);
      expect(d.columnInfo.map((c) => [c.name, c.kind])).toEqual([
        ['id', 'integer'],
        ['count', 'integer'],
        ['score', 'float'],
        ['label', 'categorical'],
        ['flag', 'boolean'],
      ]);
      expect(col(d, 'count').profile).toMatchObject({ missing: 7, numeric: { min: 0, max: 49 } });
      expect(col(d, 'score').profile.nan).toBe(1);
      const ctx = context();
      try {
        expect(readColumnValues(ctx, d.id, 0)[0]).toBe('9007199254740993');
        expect(readColumnValues(ctx, d.id, 0)[1]).toBe(1000);
      } finally {
        ctx.workspace.close();
      }
    },
  );
});

/** A second connection to the test workspace, shaped like the context handlers receive. */
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

describe('nothing is lost', () => {
  const cells = [
    '1',
    '007',
    '-0',
    '+5',
    '1.50',
    '1e5',
    '0.1',
    '-2.25',
    '12345678901234567890',
    '9007199254740993',
    'NaN',
    '-inf',
    'true',
    '2024-02-29',
    'say "hi"',
    'a,b',
    'two\nlines',
    'Zoë',
    'a long value of more than twelve characters',
    ' padded ',
    '0x1A',
    '.5',
    '5.',
    '1e-7',
    '0.0000001',
  ];

  it.each([
    ['the insert thread', '1'],
    ['the calling thread', '0'],
  ])('every value reads back as the exact text of the file (%s)', async (_label, thread) => {
    const file = path.join(tmp.dir, `roundtrip-${thread}.csv`);
    const rows = Array.from({ length: 3000 }, (_, r) => [
      cells[r % cells.length],
      cells[(r * 7) % cells.length],
      r % 5 === 0 ? '' : String(r),
    ]);
    const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    fs.writeFileSync(file, `a,b,n\n${rows.map((r) => r.map(quote).join(',')).join('\n')}\n`);
    const saved = process.env.PREFLIGHT_INGEST_THREAD;
    process.env.PREFLIGHT_INGEST_THREAD = thread;
    try {
      await add(file);
    } finally {
      if (saved === undefined) delete process.env.PREFLIGHT_INGEST_THREAD;
      else process.env.PREFLIGHT_INGEST_THREAD = saved;
    }
    const ctx = context();
    try {
      const id = datasetIdOf(ctx, `roundtrip-${thread}`);
      for (let c = 0; c < 3; c++) {
        const back = readColumnValues(ctx, id, c).map((v) => (v === null ? '' : String(v)));
        expect(back).toEqual(rows.map((r) => r[c]));
      }
      expect(datasetColumns(ctx, id)[2]).toMatchObject({ kind: 'integer', profile: { missing: 600 } });
    } finally {
      ctx.workspace.close();
    }
  });
});

describe('nothing is lost, for any table (property)', () => {
  it('random cells — quotes, delimiters, newlines, numbers, padding — read back verbatim', async () => {
    const cell = fc.oneof(
      fc.string({
        unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', 'é', '0', '1', '.', '-', 'e', '+'),
        maxLength: 8,
      }),
      fc.integer().map(String),
      fc.double({ noNaN: true }).map(String),
      fc.constantFrom('NaN', 'inf', '-inf', 'true', '2024-01-31', '007', '0x1A', '12345678901234567890'),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 40 }), async (rows) => {
        const name = `prop-${run++}`;
        const file = path.join(tmp.dir, `${name}.csv`);
        const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
        fs.writeFileSync(file, `p,q\n${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`);
        const d = await add(file);
        const ctx = context();
        try {
          for (const c of [0, 1])
            expect(readColumnValues(ctx, d.id, c).map((v) => (v === null ? '' : String(v)))).toEqual(
              rows.map((r) => r[c]),
            );
        } finally {
          ctx.workspace.close();
        }
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});

describe('JSON Lines keys that appear late', () => {
  it.each([['1'], ['0']])('add a column; earlier rows read as missing (insert thread %s)', async (thread) => {
    const file = path.join(tmp.dir, `late-${thread}.jsonl`);
    const lines = Array.from({ length: 60_000 }, (_, i) =>
      JSON.stringify(i < 30_000 ? { a: i } : { a: i, b: `v${i % 4}` }),
    );
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const saved = process.env.PREFLIGHT_INGEST_THREAD;
    process.env.PREFLIGHT_INGEST_THREAD = thread;
    try {
      const d = await add(file);
      expect(d.rows).toBe(60_000);
      expect(col(d, 'b').profile).toMatchObject({ missing: 30_000, distinct: 4 });
      const ctx = context();
      try {
        const b = readColumnValues(ctx, d.id, 1);
        expect(b[29_999]).toBeNull();
        expect(b[30_001]).toBe('v1');
        expect(readColumnValues(ctx, d.id, 0)[59_999]).toBe(59_999);
      } finally {
        ctx.workspace.close();
      }
    } finally {
      if (saved === undefined) delete process.env.PREFLIGHT_INGEST_THREAD;
      else process.env.PREFLIGHT_INGEST_THREAD = saved;
    }
  });
});

describe('distinct counts past the exact cap', () => {
  it.each([['1'], ['0']])('are estimated within 5%% and flagged (insert thread %s)', async (thread) => {
    const file = path.join(tmp.dir, `distinct-${thread}.csv`);
    fs.writeFileSync(
      file,
      `id,x,few\n${Array.from({ length: 50_000 }, (_, i) => `id-${i},${i * 0.5},${i % 3}`).join('\n')}\n`,
    );
    const saved = process.env.PREFLIGHT_INGEST_THREAD;
    process.env.PREFLIGHT_INGEST_THREAD = thread;
    try {
      const d = await add(file);
      for (const name of ['id', 'x']) {
        expect(col(d, name).profile.distinctExact).toBe(false);
        expect(Math.abs(col(d, name).profile.distinct - 50_000) / 50_000).toBeLessThan(0.05);
      }
      expect(col(d, 'few').profile).toMatchObject({ distinct: 3, distinctExact: true });
      // The notes say so in the user's words, naming no internal field.
      expect(d.import.notes).toContain(
        'distinct counts of 2 columns are estimates (too many distinct values to count exactly)',
      );
      expect(d.import.notes.join(' ')).not.toMatch(/distinctExact|sampleSize/);
    } finally {
      if (saved === undefined) delete process.env.PREFLIGHT_INGEST_THREAD;
      else process.env.PREFLIGHT_INGEST_THREAD = saved;
    }
  });
});

describe('concurrent imports', () => {
  it('two imports at once in one core both land, each with its own rows', async () => {
    const files = [0, 1].map((k) => {
      const file = path.join(tmp.dir, `concurrent-${k}.csv`);
      fs.writeFileSync(file, `k,v\n${Array.from({ length: 60_000 }, (_, i) => `${k},${i}`).join('\n')}\n`);
      return file;
    });
    const [a, b] = await Promise.all(files.map((f) => add(f)));
    expect([a.rows, b.rows]).toEqual([60_000, 60_000]);
    expect(col(a, 'k').profile.top).toEqual([{ value: '0', count: 60_000 }]);
    expect(col(b, 'k').profile.top).toEqual([{ value: '1', count: 60_000 }]);
    expect(stagingTables()).toEqual([]);
  });
});

describe('columns API (what drift reads)', () => {
  it('numeric columns: finite values in row order, and missing / NaN / ±inf counted apart', () => {
    const ctx = context();
    try {
      const cols = datasetColumns(ctx, 'specials');
      expect(cols.map((c) => [c.ordinal, c.name, c.kind])).toEqual([
        [0, 'x', 'float'],
        [1, 'label', 'categorical'],
      ]);
      const id = datasetIdOf(ctx, 'specials');
      const x = readNumericColumn(ctx, id, 0);
      expect([...x.values]).toEqual([1.5, 2.5]);
      expect(x).toMatchObject({ missing: 1, nan: 1, posInf: 1, negInf: 1, invalid: 0 });
      expect(readColumnValues(ctx, id, 0)).toEqual([1.5, 'NaN', 'inf', '-inf', null, 2.5]);
    } finally {
      ctx.workspace.close();
    }
  });

  it('categorical counts keep values verbatim; datetimes read as epoch ms; rows come in file order', () => {
    const ctx = context();
    try {
      const ids = datasetIdOf(ctx, 'ids');
      expect(readCategoricalColumn(ctx, ids, 0)).toEqual({
        counts: new Map([
          ['007', 1],
          ['008', 1],
          ['010', 1],
        ]),
        missing: 0,
      });
      const data = datasetIdOf(ctx, 'data');
      expect([...readNumericColumn(ctx, data, 0).values]).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2, 10)]);
      const batches = [...iterateRows(ctx, ids, [3, 0], 2)];
      expect(batches).toEqual([
        [
          [10, '007'],
          [20, '008'],
        ],
        [[30, '010']],
      ]);
      expect(() => readNumericColumn(ctx, ids, 9)).toThrow(/has no column #9/);
      expect(() => datasetColumns(ctx, 'nope')).toThrow(/no dataset nope/);
    } finally {
      ctx.workspace.close();
    }
  });
});
