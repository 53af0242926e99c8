// The same dataset scenarios through every host — in-process core, HTTP server (web mode), CLI — give
// the same answers, including job results delivered over SSE and errors with their codes.
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeThroughEveryHost, type Host, type Intent } from './hosts';
import { FIXTURES } from '../helpers/workspace';

const data = (f: string) => path.join(FIXTURES, 'datasets', f);
const add = (file: string, name: string, types?: Record<string, string>): Intent => ({
  method: 'datasets/add',
  args: { path: file, name, ...(types ? { types } : {}) },
  job: true,
  cli: [
    'datasets',
    'add',
    file,
    '--name',
    name,
    ...(types
      ? [
          '--type',
          Object.entries(types)
            .map(([c, k]) => `${c}=${k}`)
            .join(','),
        ]
      : []),
  ],
});
const list: Intent = { method: 'datasets/list', args: {}, job: false, cli: ['datasets', 'list'] };
const show = (ref: string): Intent => ({
  method: 'datasets/show',
  args: { ref },
  job: false,
  cli: ['datasets', 'show', ref],
});

describeThroughEveryHost('datasets', (current) => {
  let host: Host;
  beforeAll(() => {
    host = current();
  });

  it('imports Parquet and CSV with kinds and profiles', async () => {
    const pq = await host.perform(add(data('zstd.parquet'), 'pq'));
    expect(pq.error).toBeUndefined();
    expect(pq.result).toMatchObject({ name: 'pq', format: 'parquet', rows: 50, columns: 5 });
    const csv = await host.perform(add(data('ids.csv'), 'ids', { code: 'integer' }));
    expect(csv.result.columnInfo.map((c: { kind: string }) => c.kind)).toEqual([
      'integer',
      'categorical',
      'categorical',
      'integer',
    ]);
    const listed = await host.perform(list);
    expect(listed.result.map((d: { name: string }) => d.name)).toEqual(['ids', 'pq']);
    const shown = await host.perform(show('pq'));
    expect(shown.result.columnInfo[2]).toMatchObject({ name: 'score', kind: 'float', profile: { nan: 1, missing: 5 } });
  });

  it.each([
    [add(data('ragged.csv'), 'ragged'), 'INVALID_INPUT', /line 3: expected 3 fields, found 2/],
    [add(data('ids.csv'), 'pq'), 'BAD_ARGUMENTS', /a dataset named pq already exists/],
    [show('nope'), 'NOT_FOUND', /no dataset nope/],
  ])('refuses %#', async (intent, code, message) => {
    const out = await host.perform(intent);
    expect(out.ok).toBe(false);
    if (!out.error!.code.startsWith('EXIT_')) expect(out.error!.code).toBe(code);
    expect(out.error!.message).toMatch(message);
    expect((await host.perform(list)).result).toHaveLength(2);
  });
});
