import { PreflightError } from '../../../shared/contract/errors';
import { formatCount, formatDateTime, formatSeconds } from '../../../shared/format/index';
import { COLUMN_KINDS, type ColumnInfo, type ColumnKind, type DatasetDetail } from '../../../shared/types/datasets';
import { parse } from '../args';
import type { Command } from '../command';
import { table } from './models';

const usage = `preflight datasets add <file> [--name NAME] [--type COLUMN=KIND,…] [--encoding utf-8|latin-1] [--workspace DIR] [--json]
    formats: .csv .tsv (delimiter and encoding detected), .parquet, .jsonl
    a folder of Parquet part files (part-*.parquet, as Spark, pandas and DuckDB write them) imports as one dataset
    a UTF-8 file with an invalid byte stops at its line and offset; --encoding latin-1 reads it as Latin-1
    kinds: ${COLUMN_KINDS.join(', ')}
preflight datasets list [--workspace DIR] [--json]
preflight datasets show <NAME> [--workspace DIR] [--json]
preflight datasets remove <NAME> [--workspace DIR] [--json]`;

export const datasetsCommand: Command = {
  name: 'datasets',
  summary: 'import CSV/TSV/Parquet/JSONL datasets into the workspace',
  usage,
  async run(argv, { client, out, signal }) {
    const [verb, ...rest] = argv;
    if (verb === 'add') {
      const { values, positionals } = parse(
        rest,
        { name: { type: 'string' }, type: { type: 'string', multiple: true }, encoding: { type: 'string' } },
        'datasets add',
      );
      if (positionals.length !== 1)
        throw new PreflightError('BAD_ARGUMENTS', 'datasets add: give exactly one data file');
      const types = parseTypes(values.type as string[] | undefined);
      const encoding = values.encoding === undefined ? undefined : encodingFlag(String(values.encoding));
      const result = await client.run(
        'datasets/add',
        { path: positionals[0], name: values.name, types, ...(encoding ? { encoding } : {}) },
        { onProgress: out.progress, signal },
      );
      out.result(
        result,
        () =>
          `imported ${result.name}: ${formatCount(result.rows)} rows × ${formatCount(result.columns)} columns in ${formatSeconds(result.import.seconds)}\n${describe(result)}`,
      );
      return;
    }
    if (verb === 'list') {
      parse(rest, {}, 'datasets list');
      const list = await client.call('datasets/list', {});
      out.result(list, () =>
        list.length === 0
          ? 'no datasets yet: preflight datasets add <file>'
          : table(
              ['NAME', 'FORMAT', 'ROWS', 'COLUMNS', 'ADDED', 'SOURCE'],
              list.map((d) => [
                d.name,
                d.format,
                formatCount(d.rows),
                String(d.columns),
                formatDateTime(d.addedAt),
                d.sourcePath,
              ]),
            ),
      );
      return;
    }
    if (verb === 'show') {
      const { positionals } = parse(rest, {}, 'datasets show');
      if (positionals.length !== 1) throw new PreflightError('BAD_ARGUMENTS', 'datasets show: give one dataset NAME');
      const d = await client.call('datasets/show', { ref: positionals[0] });
      out.result(
        d,
        () =>
          `${d.name}: ${formatCount(d.rows)} rows × ${formatCount(d.columns)} columns (${d.format}) from ${d.sourcePath}\n${describe(d)}`,
      );
      return;
    }
    if (verb === 'remove') {
      const { positionals } = parse(rest, {}, 'datasets remove');
      if (positionals.length !== 1) throw new PreflightError('BAD_ARGUMENTS', 'datasets remove: give one dataset NAME');
      const r = await client.call('datasets/remove', { ref: positionals[0] });
      out.result(r, () => `removed ${r.removed}`);
      return;
    }
    // No subcommand, or a flag where it goes (`preflight datasets --workspace ws`): ask which.
    throw new PreflightError(
      'BAD_ARGUMENTS',
      verb && !verb.startsWith('-')
        ? `datasets: unknown subcommand "${verb}" (add, list, show or remove); see \`preflight datasets --help\``
        : 'datasets: add, list, show or remove? (see `preflight datasets --help`)',
    );
  },
};

/** --encoding: utf-8 or latin-1, spelled as people do (UTF8, iso-8859-1). */
function encodingFlag(value: string): 'utf-8' | 'latin-1' {
  const v = value.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (v === 'utf8') return 'utf-8';
  if (v === 'latin1' || v === 'iso88591') return 'latin-1';
  throw new PreflightError('BAD_ARGUMENTS', `--encoding: "${value}" is not supported (utf-8 or latin-1)`);
}

/** --type a=integer,b=categorical (repeatable). The column name is everything before the last "=". */
function parseTypes(values: string[] | undefined): Record<string, ColumnKind> | undefined {
  if (!values?.length) return undefined;
  const types: Record<string, ColumnKind> = {};
  for (const item of values.flatMap((v) => v.split(','))) {
    if (!item.trim()) continue;
    const eq = item.lastIndexOf('=');
    const kind = item.slice(eq + 1).trim() as ColumnKind;
    if (eq <= 0 || !COLUMN_KINDS.includes(kind))
      throw new PreflightError(
        'BAD_ARGUMENTS',
        `--type: "${item}" should be COLUMN=KIND with KIND one of ${COLUMN_KINDS.join(', ')}`,
      );
    types[item.slice(0, eq)] = kind;
  }
  return types;
}

function describe(d: DatasetDetail): string {
  const lines = [
    `encoding ${d.import.encoding ?? '-'}  delimiter ${d.import.delimiter ?? '-'}  imported in ${formatSeconds(d.import.seconds)}`,
    table(
      ['#', 'COLUMN', 'KIND', 'MISSING', 'NAN/INF', 'DISTINCT', 'MIN', 'MEAN', 'MAX', 'TOP'],
      d.columnInfo.map(row),
    ),
  ];
  const notes = [...d.import.notes, ...d.columnInfo.flatMap((c) => c.notes.map((n) => `${c.name}: ${n}`))];
  if (notes.length) lines.push('notes:', ...notes.map((n) => `  ${n}`));
  return lines.join('\n');
}

function row(c: ColumnInfo): string[] {
  const p = c.profile;
  const num = p.numeric;
  const fmt = (x: number | undefined) =>
    x === undefined
      ? ''
      : c.kind === 'datetime'
        ? new Date(x).toISOString().slice(0, 19)
        : Number.isInteger(x)
          ? String(x)
          : x.toPrecision(6);
  const name = JSON.stringify(c.name).slice(1, -1);
  return [
    String(c.ordinal),
    name.length > 32 ? `${name.slice(0, 31)}…` : name,
    c.kind === c.inferredKind ? c.kind : `${c.kind}*`,
    String(p.missing),
    p.nan + p.posInf + p.negInf ? `${p.nan}/${p.posInf + p.negInf}` : '',
    `${p.distinctExact ? '' : '~'}${p.distinct}`,
    num?.minExact ?? fmt(num?.min),
    fmt(num?.mean),
    num?.maxExact ?? fmt(num?.max),
    num
      ? ''
      : p.top
          .slice(0, 3)
          .map((t) => `${t.value.slice(0, 12)}(${t.count})`)
          .join(' '),
  ];
}
