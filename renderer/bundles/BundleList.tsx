import type { BundleSummary } from '../../shared/types/bundles';
import type { CallState } from '../api/hooks';
import { href } from '../router/index';
import { ErrorBox, formatBytes, formatDate, Loading, Section, shortHash, Table } from '../ui/index';
import { modelLabel } from './format';
import { bundleFileName, useSaveBundle } from './save';

/** Every bundle exported from this workspace (app or CLI), newest first, with Save for produced files. */
export function BundleList({ bundles }: { bundles: CallState<BundleSummary[]> }) {
  const saver = useSaveBundle();
  const { status } = saver;
  return (
    <Section title="Exported bundles" id="bundle-list">
      {bundles.error ? (
        <ErrorBox error={bundles.error} onRetry={bundles.reload} />
      ) : bundles.loading && !bundles.data ? (
        <Loading what="bundles" />
      ) : (
        <Table<BundleSummary>
          caption="Exported bundles"
          rows={bundles.data ?? []}
          rowKey={(b) => String(b.id)}
          empty={
            <p className="muted">
              None yet. <a href={href('bundles', 'new')}>Make a new bundle</a>, or run{' '}
              <code>preflight export --model M --reference DATASET --out bundle.zip</code>.
            </p>
          }
          columns={[
            { key: 'id', header: '#', render: (b) => b.id, mono: true },
            {
              key: 'model',
              header: 'Model',
              render: (b) => <span title={`sha256 ${b.model.sha256}`}>{modelLabel(b.model)}</span>,
            },
            { key: 'reference', header: 'Reference', render: (b) => b.reference },
            {
              key: 'bench',
              header: 'Bench run',
              render: (b) =>
                b.benchRun === null ? '—' : <a href={href('bench', String(b.benchRun))}>#{b.benchRun}</a>,
            },
            {
              key: 'drift',
              header: 'Drift report',
              render: (b) =>
                b.driftReport === null ? '—' : <a href={href('drift', String(b.driftReport))}>#{b.driftReport}</a>,
            },
            {
              key: 'signed',
              header: 'Signature',
              render: (b) =>
                b.signed ? (
                  <span title={`key fingerprint ${b.keyFingerprint ?? ''}`}>
                    <span className="badge badge-ok">signed</span>{' '}
                    <span className="mono">{shortHash(b.keyFingerprint ?? '')}</span>
                  </span>
                ) : (
                  <span className="badge badge-warn">unsigned</span>
                ),
            },
            { key: 'size', header: 'Size', render: (b) => formatBytes(b.bytes), align: 'right' },
            {
              key: 'time',
              header: 'Exported',
              render: (b) => <span title={b.createdAt}>{formatDate(b.createdAt)}</span>,
            },
            {
              key: 'save',
              header: <span className="visually-hidden">Actions</span>,
              render: (b) => (
                <span className="bundle-row-actions">
                  <a
                    className="button button-small"
                    href={href('bundles', 'validate', String(b.id))}
                    aria-label={`Validate a batch against bundle #${b.id}`}
                  >
                    Validate…
                  </a>
                  {b.fileId ? (
                    <button
                      type="button"
                      className="button-small"
                      onClick={() => void saver.save(b)}
                      aria-label={`Save ${bundleFileName(b)}`}
                      disabled={status.state === 'saving'}
                    >
                      Save…
                    </button>
                  ) : (
                    <span className="muted mono" title={b.path}>
                      {b.path.split(/[\\/]/).pop()}
                    </span>
                  )}
                </span>
              ),
            },
          ]}
        />
      )}
      {status.state === 'failed' && (
        <ErrorBox title="The bundle could not be saved" error={status.error} onDismiss={saver.reset} />
      )}
      {status.state === 'saved' && (
        <p className="muted" role="status">
          Saved: <code>{status.where}</code>
        </p>
      )}
    </Section>
  );
}
