// The audit trail: every change to this workspace (what, when, by which OS user, with the hashes
// involved), newest first, filterable, exportable as JSON Lines. The trail is append-only and
// hash-chained in the workspace; `preflight doctor` verifies the chain.
import { useState } from 'react';
import type { AuditEntry } from '../../shared/types/workspace';
import { useCall } from '../api/hooks';
import { ErrorBox, Loading, Page, shortHash, Table, type Column } from '../ui/index';

const COLUMNS: Column<AuditEntry>[] = [
  { key: 'id', header: '#', align: 'right', mono: true, render: (e) => e.id },
  { key: 'at', header: 'When (UTC)', mono: true, render: (e) => e.at.replace('T', ' ').slice(0, 19) },
  { key: 'user', header: 'User', render: (e) => e.user ?? '—' },
  { key: 'method', header: 'Change', mono: true, render: (e) => e.method },
  { key: 'outcome', header: 'Outcome', render: (e) => (e.outcome === 'ok' ? 'ok' : <strong>{e.outcome}</strong>) },
  { key: 'detail', header: 'What', wrap: true, render: (e) => e.detail ?? '' },
  {
    key: 'hashes',
    header: 'Hashes',
    mono: true,
    render: (e) =>
      Object.entries(e.hashes).map(([k, v]) => (
        <span key={k} title={`${k} ${v}`}>
          {shortHash(v)}{' '}
        </span>
      )),
  },
  {
    key: 'sha',
    header: 'Entry SHA-256',
    mono: true,
    render: (e) =>
      e.sha256 ? (
        <span title={`${e.sha256}\nprevious: ${e.prevSha256 ?? ''}`}>{shortHash(e.sha256)}</span>
      ) : (
        'before chain'
      ),
  },
];

const DOMAINS = ['', 'models/', 'datasets/', 'bench/', 'drift/', 'bundles/', 'keys/'];

export function AuditScreen() {
  const [method, setMethod] = useState('');
  const [outcome, setOutcome] = useState('');
  const trail = useCall('audit/list', {
    ...(method ? { method } : {}),
    ...(outcome ? { outcome } : {}),
    limit: 100_000,
  });
  const exportJsonl = () => {
    const lines = [...(trail.data ?? [])]
      .reverse()
      .map((e) => JSON.stringify(e))
      .join('\n');
    const url = URL.createObjectURL(new Blob([`${lines}\n`], { type: 'application/x-ndjson' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `preflight-audit-${new Date().toISOString().slice(0, 10)}.jsonl`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Page
      title="Audit trail"
      subtitle="Every change to this workspace, append-only and hash-chained: each entry carries the SHA-256 of the one before. `preflight doctor` verifies the chain."
      actions={
        <button type="button" onClick={exportJsonl} disabled={!trail.data?.length}>
          Export JSON Lines
        </button>
      }
    >
      <section className="section" aria-label="Filter">
        <label>
          Change{' '}
          <select value={method} onChange={(e) => setMethod(e.target.value)} aria-label="Filter by change">
            {DOMAINS.map((d) => (
              <option key={d} value={d}>
                {d === '' ? 'all' : d.slice(0, -1)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Outcome{' '}
          <select value={outcome} onChange={(e) => setOutcome(e.target.value)} aria-label="Filter by outcome">
            <option value="">all</option>
            <option value="ok">ok</option>
            <option value="INVALID_INPUT">INVALID_INPUT</option>
            <option value="MODEL_LOAD_FAILED">MODEL_LOAD_FAILED</option>
            <option value="CANCELLED">CANCELLED</option>
            <option value="WORKSPACE_ERROR">WORKSPACE_ERROR</option>
          </select>
        </label>
      </section>
      {trail.error ? (
        <ErrorBox title="The audit trail could not be read" error={trail.error} onRetry={trail.reload} />
      ) : null}
      {trail.loading && !trail.data && <Loading what="the audit trail" />}
      {trail.data && (
        <section className="section" aria-label="Audit entries">
          <Table
            caption="Audit entries, newest first"
            columns={COLUMNS}
            rows={trail.data}
            rowKey={(e) => String(e.id)}
            empty={<p className="muted">No entries match.</p>}
          />
        </section>
      )}
    </Page>
  );
}
