import { useCall } from '../api/hooks';
import { href, navigate, useRoute } from '../router/index';
import {
  ErrorBox,
  FilterBox,
  formatBytes,
  formatCount,
  byTime,
  formatDate,
  Loading,
  noMatch,
  Page,
  Section,
  Table,
  useFilter,
} from '../ui/index';
import type { DriftProfileSummary, DriftReportSummary } from '../../shared/types/drift';
import { NewDrift } from './NewDrift';
import { ReportView } from './ReportView';
import './drift.css';

/** `#/drift`: new comparison + stored reports; `#/drift/ID`: one report. */
export function DriftScreen() {
  const route = useRoute();
  const id = Number(route.segments[1]);
  if (route.segments[1] && Number.isInteger(id) && id > 0) return <ReportView key={id} id={id} />;
  return <DriftHome />;
}

function DriftHome() {
  const reports = useCall('drift/list', {});
  const filter = useFilter(
    reports.data,
    (r) =>
      `#${r.id} ${r.id} ${r.reference} ${r.current} ${r.model ?? ''} ${r.dataset.detected ? 'drift drifted' : 'stable'}`,
  );
  return (
    <Page
      title="Drift"
      subtitle="Compare a current dataset with a reference, feature by feature (Evidently's rules), over time, and through a model."
    >
      <NewDrift onDone={reports.reload} />
      <Section title="Reports" id="drift-reports">
        {reports.error ? (
          <ErrorBox error={reports.error} onRetry={reports.reload} />
        ) : reports.loading && !reports.data ? (
          <Loading what="drift reports" />
        ) : (
          <>
            {(reports.data?.length ?? 0) > 0 && <FilterBox filter={filter} what="reports" />}
            <Table<DriftReportSummary>
              caption="Stored drift reports"
              rows={filter.rows}
              rowKey={(r) => String(r.id)}
              onRowActivate={(r) => navigate('drift', String(r.id))}
              empty={
                reports.data?.length ? (
                  <p className="muted">{noMatch('reports', filter.query)}</p>
                ) : (
                  <p className="muted">
                    No reports yet. Pick a reference and a current dataset above, or run{' '}
                    <code>preflight drift --reference R --current C</code>.
                  </p>
                )
              }
              columns={[
                {
                  key: 'id',
                  header: '#',
                  render: (r) => <a href={href('drift', String(r.id))}>{r.id}</a>,
                  mono: true,
                  sortValue: (r) => r.id,
                },
                {
                  key: 'created',
                  header: 'Created',
                  render: (r) => formatDate(r.createdAt),
                  sortValue: (r) => byTime(r.createdAt),
                },
                { key: 'ref', header: 'Reference', render: (r) => r.reference, sortValue: (r) => r.reference },
                { key: 'cur', header: 'Current', render: (r) => r.current, sortValue: (r) => r.current },
                { key: 'model', header: 'Model', render: (r) => r.model ?? '—', sortValue: (r) => r.model },
                {
                  key: 'drifted',
                  header: 'Drifted',
                  render: (r) => `${r.dataset.drifted} of ${r.dataset.total}`,
                  sortValue: (r) => (r.dataset.total ? r.dataset.drifted / r.dataset.total : null),
                  align: 'right',
                },
                {
                  key: 'verdict',
                  sortValue: (r) => (r.dataset.detected ? 1 : 0),
                  header: 'Verdict',
                  render: (r) =>
                    r.dataset.detected ? (
                      <span className="badge badge-bad">drift</span>
                    ) : (
                      <span className="badge badge-ok">stable</span>
                    ),
                },
              ]}
            />
          </>
        )}
      </Section>
      <Profiles />
    </Page>
  );
}

/** Stored reference profiles: what "stored profile" mode (and bundles) compare against. */
function Profiles() {
  const profiles = useCall('drift/profiles', {});
  if (profiles.error) return <ErrorBox error={profiles.error} onRetry={profiles.reload} />;
  const rows = profiles.data ?? [];
  return (
    <Section title="Reference profiles" id="drift-profiles">
      <Table<DriftProfileSummary>
        caption="Stored reference profiles"
        rows={rows}
        rowKey={(p) => p.dataset}
        empty={
          <p className="muted">
            None yet: a comparison over every column stores the reference's profile, or run{' '}
            <code>preflight drift profile DATASET</code>.
          </p>
        }
        columns={[
          { key: 'dataset', header: 'Dataset', render: (p) => p.dataset },
          { key: 'rows', header: 'Rows', render: (p) => formatCount(p.rows), align: 'right' },
          { key: 'columns', header: 'Columns', render: (p) => String(p.columns), align: 'right' },
          { key: 'grid', header: 'Quantile grid', render: (p) => formatCount(p.gridSize), align: 'right' },
          { key: 'size', header: 'Size', render: (p) => formatBytes(p.bytes), align: 'right' },
          { key: 'created', header: 'Built', render: (p) => formatDate(p.createdAt) },
        ]}
      />
    </Section>
  );
}
