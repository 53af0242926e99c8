import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { ArgsOf } from '../../shared/contract/methods';
import type { BundlePreview, BundleSummary } from '../../shared/types/bundles';
import { filesToPaths } from '../api/files';
import { host } from '../api/client';
import { isCancelled, useCall, useJob } from '../api/hooks';
import { href } from '../router/index';
import { ErrorBox, formatDate, Page, ProgressBar, Section } from '../ui/index';
import { DEFAULT_FALLBACK, FallbackPanel, fallbackArgs, type FallbackChoice } from './FallbackPanel';
import { modelLabel } from './format';
import { Markdown } from './Markdown';
import { FeatureRulesTable, SloTable, Warnings } from './Review';
import { SaveOutcome, useSaveBundle } from './save';
import { SigningKey, type SigningChoice } from './SigningKey';
import { usePreview } from './usePreview';

/** undefined: the latest (the core's default); null: none; a number: that run or report. */
type SourceChoice = number | null | undefined;

/** `#/bundles/new`: choose what goes in, review it, sign, export, save. */
export function NewBundle({ onExported }: { onExported: () => void }) {
  const models = useCall('models/list', {});
  const datasets = useCall('datasets/list', {});
  const reports = useCall('drift/list', {});
  const [model, setModel] = useState('');
  const [version, setVersion] = useState<number | null>(null);
  const [reference, setReference] = useState('');
  const [bench, setBench] = useState<SourceChoice>(undefined);
  const [drift, setDrift] = useState<SourceChoice>(undefined);
  const [fallback, setFallback] = useState<FallbackChoice>(DEFAULT_FALLBACK);
  const [key, setKey] = useState<SigningChoice>(null);
  const versions = useCall('models/show', { ref: model }, { skip: !model });

  // Preselect: the only (or first) model, and the reference it was last compared against in a drift report.
  useEffect(() => {
    if (!model && models.data?.length) setModel(models.data[0].name);
  }, [model, models.data]);
  useEffect(() => {
    if (reference || !model || !datasets.data?.length) return;
    const compared = reports.data?.find((r) => r.model === model || r.model?.startsWith(`${model}@`));
    setReference(compared && datasets.data.some((d) => d.name === compared.reference) ? compared.reference : '');
  }, [model, reference, datasets.data, reports.data]);

  const chooseModel = (name: string) => {
    setModel(name);
    setVersion(null);
    setBench(undefined);
    setDrift(undefined);
    setFallback(DEFAULT_FALLBACK);
  };
  const chooseReference = (name: string) => {
    setReference(name);
    setDrift(undefined);
    setFallback((f) => ({ ...f, labelColumn: '' }));
  };

  const plan = useMemo<ArgsOf<'bundles/preview'> | null>(() => {
    if (!model || !reference) return null;
    return {
      model: version ? `${model}@${version}` : model,
      reference,
      ...(bench !== undefined ? { bench } : {}),
      ...(drift !== undefined ? { drift } : {}),
      fallback: fallbackArgs(fallback),
    } as ArgsOf<'bundles/preview'>;
  }, [model, version, reference, bench, drift, fallback]);
  const preview = usePreview(plan);
  // A preview of other sources (the user switched model or dataset) is not shown as this one's.
  const data: BundlePreview | undefined =
    preview.data &&
    preview.data.model.name === model &&
    preview.data.reference.dataset === reference &&
    (!version || preview.data.model.version === version)
      ? preview.data
      : undefined;
  const stale = preview.running || (plan !== null && preview.dataKey !== JSON.stringify(plan));

  const job = useJob();
  const saver = useSaveBundle();
  const [exported, setExported] = useState<BundleSummary | null>(null);
  const exportBundle = async (e: FormEvent) => {
    e.preventDefault();
    if (!plan) return;
    setExported(null);
    const signing = key ? await signingArgs(key, job) : {};
    if (!signing) return;
    const bundle = await job.start('bundles/export', { ...plan, ...signing });
    if (!bundle) return;
    setExported(bundle);
    onExported();
    await saver.save(bundle);
  };

  const versionList = versions.data?.versions ?? [];
  const noModels = models.data?.length === 0;
  const noDatasets = datasets.data?.length === 0;
  return (
    <Page
      title="New bundle"
      documentTitle="New bundle"
      subtitle={
        <>
          Everything ops need to check and run this model offline, in one signed .zip.{' '}
          <a href={href('bundles')}>Back to bundles</a>
        </>
      }
    >
      <form onSubmit={exportBundle} aria-label="New bundle" className="bundle-form">
        <Section title="Sources" id="bundle-sources">
          {(noModels || noDatasets) && (
            <p className="muted">
              A bundle needs a registered model and its reference (training) dataset: add them on the{' '}
              <a href={href('models')}>Models</a> and <a href={href('datasets')}>Datasets</a> screens, or try the demo
              there.
            </p>
          )}
          {models.error ? <ErrorBox error={models.error} onRetry={models.reload} /> : null}
          <div className="bundle-row">
            <label>
              Model{' '}
              <select aria-label="Model" value={model} onChange={(e) => chooseModel(e.target.value)}>
                {!model && <option value="">choose a model…</option>}
                {(models.data ?? []).map((m) => (
                  <option key={m.name} value={m.name}>
                    {m.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Version{' '}
              <select
                aria-label="Version"
                value={version ?? ''}
                onChange={(e) => setVersion(e.target.value ? Number(e.target.value) : null)}
                disabled={!model}
              >
                <option value="">
                  latest{versionList.length ? ` (${Math.max(...versionList.map((v) => v.version))})` : ''}
                </option>
                {versionList.map((v) => (
                  <option key={v.version} value={v.version}>
                    {v.version} · {v.sha256.slice(0, 12)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Reference dataset{' '}
              <select
                aria-label="Reference dataset"
                value={reference}
                onChange={(e) => chooseReference(e.target.value)}
              >
                <option value="">choose the training data…</option>
                {(datasets.data ?? []).map((d) => (
                  <option key={d.name} value={d.name}>
                    {d.name} ({d.rows} rows)
                  </option>
                ))}
              </select>
            </label>
            <label>
              Benchmark run{' '}
              <select
                aria-label="Benchmark run"
                value={sourceValue(bench, data?.bench?.runId)}
                onChange={(e) => setBench(parseSource(e.target.value))}
                disabled={!data}
              >
                <option value="none">none</option>
                {(data?.choices.benchRuns ?? []).map((r) => (
                  <option key={r.runId} value={r.runId}>
                    #{r.runId} · {formatDate(r.startedAt)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Drift report{' '}
              <select
                aria-label="Drift report"
                value={sourceValue(drift, data?.drift?.reportId)}
                onChange={(e) => setDrift(parseSource(e.target.value))}
                disabled={!data}
              >
                <option value="none">none</option>
                {(data?.choices.driftReports ?? []).map((r) => (
                  <option key={r.id} value={r.id}>
                    #{r.id} · {r.current} · {formatDate(r.createdAt)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {preview.running && <ProgressBar label="Preparing the preview" progress={preview.progress} />}
          {preview.error ? <ErrorBox title="The preview failed" error={preview.error} /> : null}
          {data && (
            <p className="muted" data-testid="bundle-preview-sources">
              {modelLabel(data.model)} (sha256 <span className="mono">{data.model.sha256.slice(0, 12)}</span>) ·
              reference {data.reference.dataset}, {data.reference.rows} rows ·{' '}
              {data.previous ? `rollback to ${modelLabel(data.previous)}` : 'no previous version to roll back to'}
            </p>
          )}
        </Section>
        {data && (
          <>
            <Warnings warnings={data.warnings} />
            <Section title="Latency SLOs" id="bundle-slos">
              <SloTable slos={data.slos} hasBench={data.bench !== null} />
            </Section>
            <Section title="Feature rules" id="bundle-features">
              <FeatureRulesTable features={data.features} />
            </Section>
            <Section title="Confidence-gated fallback" id="bundle-fallback">
              <FallbackPanel
                outcome={data.fallback}
                scoreOutputs={data.scoreOutputs}
                columns={data.columns}
                choice={fallback}
                onChange={setFallback}
                updating={stale}
              />
            </Section>
            <Section title="Runbook" id="bundle-runbook">
              <details className="bundle-runbook">
                <summary>Preview runbook.md (five failure modes, thresholds from the numbers above)</summary>
                <Markdown source={data.runbookMarkdown} />
              </details>
            </Section>
          </>
        )}
        <Section title="Sign and export" id="bundle-export">
          <SigningKey value={key} onChange={setKey} disabled={job.state.running} />
          <div className="bundle-actions">
            <button type="submit" className="button-primary" disabled={!data || stale || job.state.running}>
              {key ? 'Export signed bundle' : 'Export unsigned bundle'}
            </button>
            {stale && data && <span className="muted">updating the preview…</span>}
          </div>
          {job.state.running && <ProgressBar label="Exporting" progress={job.state.progress} onCancel={job.cancel} />}
          {job.state.error ? (
            <ErrorBox
              title={isCancelled(job.state.error) ? 'The export was cancelled' : 'The export failed'}
              error={job.state.error}
              onDismiss={job.clearError}
            />
          ) : null}
          {exported && <SaveOutcome bundle={exported} saver={saver} />}
        </Section>
      </form>
    </Page>
  );
}

function sourceValue(choice: SourceChoice, current: number | undefined): string {
  if (choice === null) return 'none';
  if (choice !== undefined) return String(choice);
  return current === undefined ? 'none' : String(current);
}

function parseSource(value: string): number | null {
  return value === 'none' ? null : Number(value);
}

/**
 * How the private key reaches the core. Web mode: its text, read here and sent with the request — the
 * core signs with it and stores nothing, so no key file is left in the server's upload folder. The
 * desktop: the key's real path, read in place. undefined when the key could not be read (the error is
 * in the job's box).
 */
async function signingArgs(
  key: File,
  job: ReturnType<typeof useJob>,
): Promise<{ signingKey: string } | { signingKeyPem: string } | undefined> {
  try {
    if (host === 'web') return { signingKeyPem: await key.text() };
    const [signingKey] = await filesToPaths([key]);
    return { signingKey };
  } catch (err) {
    job.fail(err);
    return undefined;
  }
}
