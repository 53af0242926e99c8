import { useMemo, useState } from 'react';
import type { FeatureDrift } from '../../shared/types/drift';
import { Table, type Column } from '../ui/index';
import { EFFECT_LABEL, num, pct, TEST_LABEL } from './format';

type SortKey = 'name' | 'kind' | 'test' | 'score' | 'drifted' | 'effect' | 'missing';

const SORTERS: Record<SortKey, (f: FeatureDrift) => string | number> = {
  name: (f) => f.name,
  kind: (f) => f.kind,
  test: (f) => f.test,
  // Most severe first when descending: distances as they are, p-values inverted.
  score: (f) =>
    f.score === null
      ? -Infinity
      : f.scoreKind === 'distance'
        ? f.score / f.threshold
        : f.threshold / Math.max(f.score, 1e-300),
  drifted: (f) => (f.tested ? (f.drifted ? 2 : 1) : 0),
  effect: (f) => Math.abs(f.effectSize.value ?? -1),
  missing: (f) => (f.missing.current ?? 0) - (f.missing.reference ?? 0),
};

/** Every feature with its deciding test; click a header to sort, a row to see its distributions. */
export function FeatureTable({
  features,
  selected,
  onSelect,
  caption,
}: {
  features: FeatureDrift[];
  selected: string | null;
  onSelect: (name: string) => void;
  caption: string;
}) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'drifted', desc: true });
  const rows = useMemo(() => {
    const get = SORTERS[sort.key];
    return [...features].sort((a, b) => {
      const x = get(a);
      const y = get(b);
      const c = x < y ? -1 : x > y ? 1 : 0;
      return (sort.desc ? -c : c) || a.name.localeCompare(b.name);
    });
  }, [features, sort]);
  const header = (key: SortKey, label: string) => (
    <button
      type="button"
      className="sort-button"
      aria-label={`Sort by ${label}`}
      aria-pressed={sort.key === key}
      onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== 'name' }))}
    >
      {label}
      {sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
    </button>
  );
  const columns: Column<FeatureDrift>[] = [
    {
      key: 'name',
      header: header('name', 'Feature'),
      render: (f) => <span className={f.name === selected ? 'feature-selected' : undefined}>{f.name}</span>,
      nowrap: true,
    },
    { key: 'kind', header: header('kind', 'Kind'), render: (f) => f.kind },
    {
      key: 'test',
      header: header('test', 'Test'),
      render: (f) => `${TEST_LABEL[f.test] ?? f.test}${f.overridden ? ' *' : ''}`,
    },
    { key: 'score', header: header('score', 'Score'), render: (f) => num(f.score), align: 'right', mono: true },
    {
      key: 'threshold',
      header: 'Threshold',
      render: (f) => `${f.scoreKind === 'p_value' ? (f.test === 'ks' ? '≤ ' : '< ') : '≥ '}${f.threshold}`,
      align: 'right',
      mono: true,
    },
    {
      key: 'drifted',
      header: header('drifted', 'Drifted'),
      render: (f) =>
        !f.tested ? (
          <span className="badge badge-muted">untested</span>
        ) : f.drifted ? (
          <span className="badge badge-bad">drifted</span>
        ) : (
          <span className="badge badge-ok">stable</span>
        ),
    },
    {
      key: 'effect',
      header: header('effect', 'Effect size'),
      render: (f) =>
        f.effectSize.value === null ? '—' : `${EFFECT_LABEL[f.effectSize.name]} ${num(f.effectSize.value)}`,
      mono: true,
    },
    {
      key: 'missing',
      header: header('missing', 'Missing ref → cur'),
      render: (f) => `${pct(f.missing.reference)} → ${pct(f.missing.current)}`,
      mono: true,
    },
    {
      key: 'signals',
      header: 'Other signals',
      render: (f) =>
        [
          f.unseenCategoryShare ? `unseen ${pct(f.unseenCategoryShare)}` : null,
          f.outOfRangeShare ? `out of range ${pct(f.outOfRangeShare)}` : null,
          f.findings.length ? `${f.findings.length} finding${f.findings.length > 1 ? 's' : ''}` : null,
        ]
          .filter(Boolean)
          .join(' · ') || '—',
    },
  ];
  return (
    <Table
      columns={columns}
      rows={rows}
      rowKey={(f) => f.name}
      onRowActivate={(f) => onSelect(f.name)}
      caption={caption}
    />
  );
}
