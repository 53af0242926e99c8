// pandas' missing-value words ("NA", "N/A", "NULL", "None", "#N/A"…): missing in a column whose other
// values are typed, ordinary text in a categorical one, stored verbatim either way. Unit rules, the
// profile, the real importer, and `preflight drift` through the CLI (build first: node scripts/build.mjs).
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnInfo, DatasetDetail } from '../../shared/types/datasets';
import {
  BOOL,
  classify,
  DATE,
  decideKind,
  fitsKind,
  FLOAT,
  INT,
  MISSING,
  NA_WORD,
  TEXT,
  TOKEN_CLASSES,
} from '../../electron/core/datasets/infer';
import { ColumnAccumulator } from '../../electron/core/datasets/profile';
import { scanNumber } from '../../electron/core/datasets/scan';
import { typedCell, cell } from '../../electron/core/datasets/readers/typed';
import { isMissingWord, toNumber } from '../../electron/core/datasets/values';
import { readColumnValues } from '../../electron/core/datasets/columns';
import { openWorkspace } from '../../electron/core/workspace/open';
import { makeQueries, type CoreContext } from '../../electron/core/context';
import { JobManager } from '../../electron/core/jobs/manager';
import { nodeLauncher } from '../../electron/core/jobs/launcher';
import { createRng } from '../../shared/math/latency/rng';
import { runCli } from '../helpers/cli';
import { useInProcessCore } from '../helpers/core';
import { requireBuild, tempDir } from '../helpers/workspace';

const WORDS = ['NA', 'N/A', 'n/a', 'NULL', 'null', 'None', '#N/A', '#N/A N/A', '#NA', '<NA>'];

const counts = (entries: [number, number][]) => {
  const c = new Float64Array(TOKEN_CLASSES);
  for (const [k, n] of entries) c[k] = n;
  return c;
};

describe('missing-value words: classes and kind rules', () => {
  it.each(WORDS)('%j is a missing-value word, read back as missing', (w) => {
    expect(classify(w)).toBe(NA_WORD);
    expect(isMissingWord(w)).toBe(true);
    expect(toNumber(w)).toBeNull();
    expect(scanNumber(`,${w},`, 1, 1 + w.length)).toBe(-1); // the fast scanner leaves them to classify
  });

  it.each([
    'Na',
    'na',
    'nA',
    'NONE',
    'none',
    'Null',
    'N/a',
    ' NA',
    'NA ',
    '#N/A  N/A',
    '#n/a',
    '<na>',
    'NAN?',
    'Namibia',
    'nil',
    '#',
    '<',
  ])('%j is ordinary text', (w) => {
    expect(classify(w)).toBe(TEXT);
    expect(toNumber(w)).toBeUndefined();
  });

  it("classify, the word list and toNumber agree on any short string of the words' letters", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('N', 'A', 'n', 'a', '/', '#', '<', '>', ' ', 'U', 'L', 'u', 'l', 'o', 'e'),
          maxLength: 9,
        }),
        (s) => {
          const word = classify(s) === NA_WORD;
          expect(word).toBe(isMissingWord(s));
          if (word) expect(toNumber(s)).toBeNull();
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('decideKind: the words do not count against a typed kind, and say so in a note', () => {
    expect(
      decideKind(
        counts([
          [INT, 5],
          [NA_WORD, 3],
        ]),
        'NA',
      ),
    ).toEqual({ kind: 'integer', note: '3 value(s) such as "NA" read as missing', wordsMissing: true });
    expect(
      decideKind(
        counts([
          [INT, 5],
          [FLOAT, 2],
          [NA_WORD, 1],
          [MISSING, 1],
        ]),
        'N/A',
      ),
    ).toMatchObject({ kind: 'float', note: '1 value(s) such as "N/A" read as missing' });
    expect(
      decideKind(
        counts([
          [BOOL, 4],
          [NA_WORD, 1],
        ]),
      ).kind,
    ).toBe('boolean');
    expect(
      decideKind(
        counts([
          [DATE, 4],
          [NA_WORD, 1],
        ]),
      ).kind,
    ).toBe('datetime');
    // No words: no note, as before.
    expect(decideKind(counts([[INT, 5]]))).toEqual({ kind: 'integer', wordsMissing: false });
  });

  it('decideKind: a column categorical anyway keeps the words as text; a column of only words is all missing', () => {
    expect(
      decideKind(
        counts([
          [TEXT, 5],
          [NA_WORD, 2],
        ]),
      ),
    ).toEqual({ kind: 'categorical', wordsMissing: false });
    expect(
      decideKind(
        counts([
          [INT, 5],
          [TEXT, 1],
          [NA_WORD, 2],
        ]),
      ),
    ).toEqual({ kind: 'categorical', wordsMissing: false });
    expect(
      decideKind(
        counts([
          [NA_WORD, 3],
          [MISSING, 2],
        ]),
        'null',
      ),
    ).toEqual({
      kind: 'categorical',
      note: 'every value is missing (3 value(s) such as "null" read as missing)',
      wordsMissing: true,
    });
  });

  it('fitsKind (--type): the words fit every kind', () => {
    for (const kind of ['integer', 'float', 'boolean', 'datetime', 'categorical'] as const)
      expect(fitsKind(kind, NA_WORD, 'NA'), kind).toBe(true);
    expect(fitsKind('integer', TEXT, 'Na')).toBe(false);
  });

  it('JSON/Parquet strings: "NA" is a word, a JSON null is missing, a numeric string stays text', () => {
    typedCell('NA');
    expect(cell).toMatchObject({ tok: NA_WORD, stored: 'NA' });
    typedCell(null);
    expect(cell.tok).toBe(MISSING);
    typedCell('1.5');
    expect(cell.tok).toBe(TEXT);
  });
});

describe('missing-value words: profile', () => {
  const accumulate = (values: string[]) => {
    const a = new ColumnAccumulator({ sample: 1000, distinct: 1000 }, createRng(1));
    for (const v of values) {
      const tok = classify(v);
      a.observe(tok, tok === INT || tok === FLOAT ? Number(v) : v, tok === INT || tok === FLOAT ? Number(v) : NaN);
    }
    return a;
  };

  it('typed column: words are missing, not in distinct or top values', () => {
    const a = accumulate(['1', '2', 'NA', '2', 'NA', '', 'None', '3']);
    const p = a.finish(8, 'integer', true);
    expect(p.missing).toBe(4);
    expect(p.distinct).toBe(3);
    expect(p.top.map((t) => t.value)).toEqual(['2', '1', '3']);
    expect(p.numeric).toMatchObject({ count: 4, min: 1, max: 3, mean: 2 });
  });

  it('categorical column: "NA" (Namibia) is an ordinary value', () => {
    const a = accumulate(['US', 'NA', 'FR', 'NA', '']);
    const p = a.finish(5, 'categorical', false);
    expect(p.missing).toBe(1);
    expect(p.distinct).toBe(3);
    expect(p.top[0]).toEqual({ value: 'NA', count: 2 });
  });

  it('past the distinct cap, the sampled top values of a typed column leave the words out too', () => {
    const a = new ColumnAccumulator({ sample: 500, distinct: 200 }, createRng(2));
    for (let i = 0; i < 5000; i++) {
      if (i % 4 === 0) a.observe(NA_WORD, 'NA', NaN);
      else a.observe(INT, i, i);
    }
    const p = a.finish(5000, 'integer', true);
    expect(p.topExact).toBe(false);
    expect(p.missing).toBe(1250);
    expect(p.top.map((t) => t.value)).not.toContain('NA');
  });
});

describe('missing-value words: the importer', () => {
  const { client, dir } = useInProcessCore();
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.join(dir, 'in'), { recursive: true });
    const file = path.join(dir, 'in', name);
    fs.writeFileSync(file, text);
    return file;
  };
  const col = (d: DatasetDetail, name: string): ColumnInfo => d.columnInfo.find((c) => c.name === name)!;
  const context = (): CoreContext => {
    const workspace = openWorkspace(dir);
    return {
      workspace,
      queries: makeQueries(workspace),
      jobs: new JobManager(() => {}),
      launcher: nodeLauncher(),
      appVersion: 'test',
      invoke: () => Promise.reject(new Error('not used by these tests')),
    };
  };

  it('CSV: typed columns read the words as missing (noted), categorical ones keep them, values stay verbatim', async () => {
    const file = write(
      'na.csv',
      [
        'x,n,country,flag,day,nothing,code',
        '1.5,1,US,true,2024-01-01,NA,007',
        '2.5,NULL,NA,false,#N/A,,008',
        'NA,3,FR,None,2024-01-03,null,NA',
        'N/A,4,NA,true,2024-01-04,,009',
        '3.5,5,DE,false,2024-01-05,NA,010',
      ].join('\n') + '\n',
    );
    const d = await client().run('datasets/add', { path: file, name: 'na', types: { code: 'integer' } });
    const kinds = Object.fromEntries(d.columnInfo.map((c) => [c.name, c.kind]));
    expect(kinds).toEqual({
      x: 'float',
      n: 'integer',
      country: 'categorical',
      flag: 'boolean',
      day: 'datetime',
      nothing: 'categorical',
      code: 'integer',
    });
    expect(col(d, 'x').notes).toContain('2 value(s) such as "NA" read as missing');
    expect(col(d, 'x').profile).toMatchObject({ missing: 2, distinct: 3, numeric: { count: 3, min: 1.5, max: 3.5 } });
    expect(col(d, 'x').profile.top.map((t) => t.value)).not.toContain('NA');
    expect(col(d, 'n').notes).toContain('1 value(s) such as "NULL" read as missing');
    expect(col(d, 'n').profile.missing).toBe(1);
    expect(col(d, 'flag').profile).toMatchObject({ missing: 1, distinct: 2 });
    expect(col(d, 'day').profile.missing).toBe(1);
    expect(col(d, 'country').notes).toEqual([]);
    expect(col(d, 'country').profile).toMatchObject({
      missing: 0,
      top: [
        { value: 'NA', count: 2 },
        { value: 'DE', count: 1 },
        { value: 'FR', count: 1 },
        { value: 'US', count: 1 },
      ],
    });
    expect(col(d, 'nothing').notes).toContain('every value is missing (3 value(s) such as "NA" read as missing)');
    expect(col(d, 'nothing').profile.missing).toBe(5);
    // --type code=integer: "007" is 7 when you say so, and "NA" is missing.
    expect(col(d, 'code').profile).toMatchObject({ missing: 1, numeric: { min: 7, max: 10 } });
    const ctx = context();
    try {
      expect(readColumnValues(ctx, d.id, 0)).toEqual([1.5, 2.5, 'NA', 'N/A', 3.5]);
      expect(readColumnValues(ctx, d.id, 2)).toEqual(['US', 'NA', 'FR', 'NA', 'DE']);
    } finally {
      ctx.workspace.close();
    }
  });

  it('--type categorical keeps the words as values', async () => {
    const file = write('na-cat.csv', 'x\n1\nNA\n2\nNA\n');
    const d = await client().run('datasets/add', { path: file, name: 'na-cat', types: { x: 'categorical' } });
    expect(col(d, 'x')).toMatchObject({
      kind: 'categorical',
      inferredKind: 'integer',
      profile: { missing: 0, distinct: 3 },
    });
    expect(col(d, 'x').profile.top[0]).toEqual({ value: 'NA', count: 2 });
    expect(col(d, 'x').notes.join(' ')).not.toContain('read as missing');
  });

  it('JSON Lines: a string "NA" in a numeric column is missing; a text column keeps it', async () => {
    const file = write(
      'na.jsonl',
      ['{"x": 1.5, "c": "NA"}', '{"x": "NA", "c": "US"}', '{"x": 2, "c": "FR"}', '{"x": null, "c": "NA"}'].join('\n') +
        '\n',
    );
    const d = await client().run('datasets/add', { path: file, name: 'na-jsonl' });
    expect(col(d, 'x')).toMatchObject({
      kind: 'float',
      notes: ['1 value(s) such as "NA" read as missing'],
      profile: { missing: 2, numeric: { count: 2 } },
    });
    expect(col(d, 'c')).toMatchObject({ kind: 'categorical', profile: { missing: 0, distinct: 3 } });
    expect(col(d, 'c').profile.top[0]).toEqual({ value: 'NA', count: 2 });
  });
});

describe('missing-value words: preflight drift (CLI)', () => {
  let dir = '';
  let cleanup = () => {};
  beforeAll(() => {
    requireBuild();
    ({ dir, cleanup } = tempDir('preflight-na-'));
  });
  afterAll(() => cleanup());

  it('compares a float column holding "NA" as numerical, with the word counted missing', async () => {
    const ref = path.join(dir, 'ref.csv');
    const cur = path.join(dir, 'cur.csv');
    fs.writeFileSync(ref, 'x\n1.0\n2.0\n3.0\n4.0\n5.0\n6.0\n7.0\n');
    fs.writeFileSync(cur, 'x\n1.5\n2.5\nNA\n3.5\n4.5\n5.5\n6.5\n7.5\n');
    const r = await runCli(['drift', '--reference', ref, '--current', cur, '--workspace', path.join(dir, 'cli-ws')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.schema.typeChanged).toEqual([]);
    const x = r.json.features.find((f: { name: string }) => f.name === 'x');
    expect(x).toMatchObject({
      kind: 'numerical',
      columnType: 'float',
      tested: true,
      rows: { reference: 7, current: 8 },
      values: { reference: 7, current: 7 },
    });
    expect(x.missing.current).toBeCloseTo(1 / 8, 12);
    expect(x.missing.reference).toBe(0);
  });

  it('in a boolean column the word is a missing value, not a third category (report and time windows)', async () => {
    const ref = path.join(dir, 'bref.csv');
    const cur = path.join(dir, 'bcur.csv');
    fs.writeFileSync(ref, 'flag\ntrue\nfalse\ntrue\nfalse\n');
    fs.writeFileSync(cur, 'flag,day\ntrue,2026-01-01\nNA,2026-01-01\ntrue,2026-01-02\nfalse,2026-01-02\n');
    const r = await runCli([
      'drift',
      '--reference',
      ref,
      '--current',
      cur,
      '--time-column',
      'day',
      '--workspace',
      path.join(dir, 'cli-ws'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const flag = r.json.features.find((f: { name: string }) => f.name === 'flag');
    expect(flag).toMatchObject({ columnType: 'boolean', tested: true, missing: { current: 0.25 } });
    expect(flag.unseenCategoryShare).toBe(0);
    expect(r.json.windows.windows).toHaveLength(2);
  });
});
