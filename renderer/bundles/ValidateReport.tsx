// The result of a validation on the Validate screen: verdict, the checks that failed and the notices,
// the drift sections, and saving the HTML report.
import type { ValidateCheck, ValidateResult } from '../../shared/types/bundles';
import { DriftReportSections } from '../drift/ReportView';
import { num, pct } from '../drift/format';
import { formatCount, Section, Table } from '../ui/index';
import { modelLabel } from './format';
import { SaveStatus, useSaveFile } from './save';
import '../drift/drift.css';

const RULE_LABEL: Record<ValidateCheck['rule'], string> = {
  'missing-feature': 'missing feature',
  'new-column': 'new columns',
  type: 'type changed',
  'unreadable-values': 'unreadable values',
  'null-rate': 'null rate',
  'nan-inf': 'NaN / ±Inf',
  'out-of-range': 'out of range',
  'unseen-categories': 'unseen categories',
  drift: 'drift',
  'dataset-drift': 'dataset drift',
  'prediction-drift': 'prediction drift',
  'automation-rate': 'automation rate',
};
const SHARE_RULES = new Set<ValidateCheck['rule']>([
  'null-rate',
  'out-of-range',
  'unseen-categories',
  'dataset-drift',
  'automation-rate',
]);
const COUNT_RULES = new Set<ValidateCheck['rule']>(['nan-inf', 'unreadable-values', 'new-column']);

/** A check's number in its own unit: shares as percentages, counts as counts, scores as the drift report shows them. */
function figure(c: ValidateCheck, x: number | null): string {
  if (x === null) return '—';
  if (SHARE_RULES.has(c.rule)) return pct(x, 2);
  if (COUNT_RULES.has(c.rule)) return formatCount(x);
  return num(x);
}

export interface Outcome {
  result: ValidateResult;
  bundleName: string;
  batchName: string;
}

export function ValidateReport({ outcome }: { outcome: Outcome }) {
  const { result: r, bundleName, batchName } = outcome;
  const broken = r.checks.filter((c) => !c.ok);
  const notices = r.checks.filter((c) => c.ok && c.notice);
  const { status: save, save: saveFile, reset } = useSaveFile();
  const fileId = r.report?.fileId ?? null;
  const saveReport = async () => {
    if (!fileId || !r.report) return;
    await saveFile(fileId, r.report.path.split(/[\\/]/).pop() || 'validate-report.html');
  };
  // Which features broke which rules, in the verdict itself: the first thing ops read.
  const byRule = new Map<string, string[]>();
  for (const c of broken)
    byRule.set(RULE_LABEL[c.rule], [...(byRule.get(RULE_LABEL[c.rule]) ?? []), c.feature ?? 'the batch']);
  const predictionChecks = r.checks.filter((c) => c.kind === 'prediction' || c.kind === 'fallback');
  return (
    <div className="bundle-report" data-testid="validate-report">
      <Section title="Verdict" id="validate-verdict">
        <div className={r.ok ? 'bundle-verdict bundle-verdict-ok' : 'bundle-verdict bundle-verdict-bad'} role="status">
          <strong className="nowrap" data-testid="validate-verdict">
            {r.ok ? 'Honours the contract' : `${r.broken} ${r.broken === 1 ? 'rule' : 'rules'} broken`}
          </strong>
          <span data-testid="validate-verdict-detail">
            {batchName} ({formatCount(r.data.rows)} rows) against {bundleName}, {modelLabel(r.bundle.model)}, reference{' '}
            {r.bundle.reference}:{' '}
            {r.ok
              ? 'every rule of the contract holds.'
              : `${[...byRule].map(([rule, features]) => `${rule}: ${[...new Set(features)].join(', ')}`).join(' · ')}.`}{' '}
            {r.checks.length} checks in {r.seconds.toFixed(1)} s.
          </span>
        </div>
        <div className="bundle-actions">
          <button type="button" onClick={() => void saveReport()} disabled={!fileId || save.state === 'saving'}>
            {save.state === 'saved' ? 'Save report again…' : 'Save report…'}
          </button>
          <span className="muted">
            the self-contained HTML page ops attach to an incident (no network, opens from a file)
          </span>
        </div>
        <SaveStatus
          status={save}
          cancelled="Not saved."
          failedTitle="The report could not be saved"
          onDismiss={reset}
        />
      </Section>
      {broken.length > 0 && (
        <Section title={`Broken rules (${broken.length})`} id="validate-broken">
          <ChecksTable checks={broken} caption="Broken rules" />
        </Section>
      )}
      {notices.length > 0 && (
        <Section title="Notices" id="validate-notices">
          <ul className="drift-findings" data-testid="validate-notices">
            {notices.map((c, i) => (
              <li key={i}>
                <strong>{RULE_LABEL[c.rule]}</strong>
                {c.feature ? ` (${c.feature})` : ''}: {c.message}
              </li>
            ))}
          </ul>
        </Section>
      )}
      <details className="bundle-runbook validate-all">
        <summary>Every check ({r.checks.length})</summary>
        <ChecksTable checks={r.checks} caption="Every check" withResult />
      </details>
      {r.drift ? (
        <DriftReportSections report={r.drift} summaryTitle="Drift against the bundle's reference profile" />
      ) : (
        <Section title="Drift against the bundle's reference profile" id="drift-summary">
          <p className="muted">No feature could be compared with the reference profile: see the schema rules above.</p>
        </Section>
      )}
      <Section title="Predictions and fallback" id="validate-predictions">
        <dl className="facts" data-testid="validate-predictions">
          <dt>Model outputs</dt>
          <dd>
            {r.predictions.how === 'logged'
              ? `logged in the batch: ${r.predictions.columns.join(', ')} (in the order of the bundle's output signals)`
              : r.predictions.how === 'model'
                ? `the bundle's model was run on the batch${r.predictions.columns.length ? ` (${r.predictions.columns.join(', ')})` : ''}`
                : `not checked: ${r.predictions.reason ?? 'no outputs'}`}
          </dd>
          <dt>Fallback</dt>
          <dd>
            {r.fallback
              ? `${pct(r.fallback.automationRate, 1)} of ${formatCount(r.fallback.rows)} rows decided by the model at confidence ≥ ${num(r.fallback.threshold)} (measured at export: ${pct(r.fallback.measuredAutomationRate, 1)})`
              : 'not checked: the bundle has no fallback policy, or no model outputs were available'}
          </dd>
        </dl>
        {predictionChecks.length > 0 && (
          <ChecksTable checks={predictionChecks} caption="Prediction and fallback checks" withResult />
        )}
      </Section>
    </div>
  );
}

function ChecksTable({
  checks,
  caption,
  withResult,
}: {
  checks: ValidateCheck[];
  caption: string;
  withResult?: boolean;
}) {
  const rows = checks.map((c, n) => ({ ...c, n }));
  return (
    <Table<ValidateCheck & { n: number }>
      caption={caption}
      rows={rows}
      rowKey={(c) => String(c.n)}
      columns={[
        ...(withResult
          ? [
              {
                key: 'result',
                header: 'Result',
                render: (c: ValidateCheck) =>
                  !c.ok ? (
                    <span className="badge badge-bad">broken</span>
                  ) : c.notice ? (
                    <span className="badge badge-warn">notice</span>
                  ) : (
                    <span className="badge badge-ok">holds</span>
                  ),
              },
            ]
          : []),
        { key: 'kind', header: 'Kind', render: (c) => c.kind },
        { key: 'rule', header: 'Rule', render: (c) => RULE_LABEL[c.rule] ?? c.rule },
        { key: 'feature', header: 'Feature', render: (c) => c.feature ?? '—', mono: true, wrap: true },
        { key: 'value', header: 'Value', render: (c) => figure(c, c.value), align: 'right', mono: true },
        { key: 'limit', header: "Bundle's limit", render: (c) => figure(c, c.limit), align: 'right', mono: true },
        { key: 'message', header: 'Detail', render: (c) => c.message, wrap: true },
        { key: 'rows', header: 'First rows', render: (c) => (c.rows?.length ? c.rows.join(', ') : '—'), mono: true },
        { key: 'window', header: 'First drifted window', render: (c) => c.firstWindow ?? '—', mono: true },
      ]}
    />
  );
}
