import type { ColumnInfo } from '../../shared/types/datasets';
import { formatCount, Table, type Column } from '../ui/index';
import { displayName, formatPercent, formatStat, KIND_TITLES } from './format';
import { Sparkline } from './Sparkline';

/**
 * One dense row per column; rows open the column's panel. Plain cells and SVG so 1,000 columns stay
 * fast. A column's notes sit under its name, where the eye already is, instead of in a column of their own.
 */
export function ColumnTable({ columns, onOpen }: { columns: ColumnInfo[]; onOpen: (column: ColumnInfo) => void }) {
  return (
    <div className="ds-columns" data-testid="column-table">
      <Table
        caption="Columns and their profiles"
        columns={COLUMNS}
        rows={columns}
        rowKey={(c) => String(c.ordinal)}
        onRowActivate={onOpen}
      />
    </div>
  );
}

/** A numeric statistic; a date-time one on two lines (date, then time), so the table stays narrow. */
const stat =
  (pick: (n: NonNullable<ColumnInfo['profile']['numeric']>) => number, spread = false) =>
  (c: ColumnInfo) => {
    if (!c.profile.numeric) return <span className="muted">—</span>;
    const text = formatStat(c, pick(c.profile.numeric), spread);
    const space = c.kind === 'datetime' && !spread ? text.indexOf(' ') : -1;
    if (space < 0) return text;
    return (
      <>
        {text.slice(0, space)}
        <br />
        <span className="muted">{text.slice(space + 1)}</span>
      </>
    );
  };

const COLUMNS: Column<ColumnInfo>[] = [
  {
    key: 'name',
    header: 'Column',
    render: (c) => (
      <>
        <ColumnName name={c.name} />
        <Notes notes={c.notes} />
      </>
    ),
  },
  { key: 'kind', header: 'Kind', render: (c) => <Kind column={c} /> },
  { key: 'missing', header: 'Missing', align: 'right', mono: true, render: (c) => <Missing column={c} /> },
  { key: 'nonfinite', header: 'NaN / inf', align: 'right', mono: true, render: (c) => <NonFinite column={c} /> },
  { key: 'distinct', header: 'Distinct', align: 'right', mono: true, render: (c) => <Distinct column={c} /> },
  // INT64 extremes beyond 2^53 are shown exactly (minExact/maxExact), not as the nearest double.
  {
    key: 'min',
    header: 'Min',
    align: 'right',
    mono: true,
    render: (c) => c.profile.numeric?.minExact ?? stat((n) => n.min)(c),
  },
  { key: 'mean', header: 'Mean', align: 'right', mono: true, render: stat((n) => n.mean) },
  {
    key: 'max',
    header: 'Max',
    align: 'right',
    mono: true,
    render: (c) => c.profile.numeric?.maxExact ?? stat((n) => n.max)(c),
  },
  { key: 'std', header: 'Std', align: 'right', mono: true, render: stat((n) => n.std, true) },
  { key: 'p50', header: 'p50', align: 'right', mono: true, render: stat((n) => n.quantiles.p50) },
  { key: 'shape', header: 'Distribution', render: (c) => <Sparkline column={c} /> },
];

/** Verbatim, in monospace; spaces at the ends and control characters made visible. */
export function ColumnName({ name }: { name: string }) {
  return (
    <span className="ds-column-name mono" title={name}>
      {displayName(name)}
    </span>
  );
}

export function Kind({ column }: { column: ColumnInfo }) {
  const overridden = column.kind !== column.inferredKind;
  return (
    <span className="ds-kind" title={KIND_TITLES[column.kind]}>
      <span className={`ds-kind-badge ds-kind-${column.kind}`}>{column.kind}</span>
      {overridden && <span className="muted ds-kind-note">inferred {column.inferredKind}, overridden</span>}
    </span>
  );
}

function Missing({ column }: { column: ColumnInfo }) {
  const { missing, count } = column.profile;
  if (missing === 0) return <span className="muted">0</span>;
  return (
    <span title={`${formatCount(missing)} of ${formatCount(count)} rows are missing`}>
      {formatCount(missing)} <span className="muted">({formatPercent(missing, count)})</span>
    </span>
  );
}

function NonFinite({ column }: { column: ColumnInfo }) {
  const { nan, posInf, negInf } = column.profile;
  const parts = [
    nan && `NaN ${formatCount(nan)}`,
    posInf && `+inf ${formatCount(posInf)}`,
    negInf && `−inf ${formatCount(negInf)}`,
  ].filter(Boolean);
  return parts.length ? <span className="ds-warn">{parts.join(', ')}</span> : <span className="muted">—</span>;
}

export function Distinct({ column }: { column: ColumnInfo }) {
  const { distinct, distinctExact } = column.profile;
  if (distinctExact) return <>{formatCount(distinct)}</>;
  return <span title="estimated from a sample of the values">≈{formatCount(distinct)}</span>;
}

function Notes({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <ul className="ds-column-notes">
      {notes.map((n, i) => (
        <li key={i}>{n}</li>
      ))}
    </ul>
  );
}
