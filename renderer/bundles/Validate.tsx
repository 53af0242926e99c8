import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { PreflightError } from '../../shared/contract/errors';
import type { ArgsOf } from '../../shared/contract/methods';
import type { BundleSummary } from '../../shared/types/bundles';
import { uploadForJob } from '../api/files';
import { isCancelled, useCall, useJob, type CallState } from '../api/hooks';
import { href } from '../router/index';
import {
  DropTarget,
  ErrorBox,
  FilePickerButton,
  formatBytes,
  formatCount,
  formatDate,
  Page,
  ProgressBar,
  Section,
} from '../ui/index';
import { modelLabel } from './format';
import { ValidateReport, type Outcome } from './ValidateReport';
import '../drift/drift.css';

// `#/bundles/validate[/ID]`: what `preflight validate` tells ops, rehearsed in the app. The bundle is one
// exported here (its path in the workspace) or a dropped .zip; the batch a dropped file or a dataset of
// the workspace. The HTML report is always produced (report: true) so it can be saved afterwards.

type BundleChoice = { kind: 'exported'; id: number } | { kind: 'file'; file: File } | null;
type BatchChoice = { kind: 'dataset'; name: string } | { kind: 'file'; file: File } | null;
type WindowUnit = '' | 'day' | 'week' | 'month';

const isBundleFile = (f: File) => /\.zip$/i.test(f.name);
const isBatchFile = (f: File) => /\.(csv|tsv|parquet|jsonl)$/i.test(f.name);
const BATCH_ACCEPT = '.csv,.tsv,.parquet,.jsonl';

export function ValidateBatch({
  bundles,
  preselect,
}: {
  bundles: CallState<BundleSummary[]>;
  preselect: number | null;
}) {
  const datasets = useCall('datasets/list', {});
  const [bundle, setBundle] = useState<BundleChoice>(preselect ? { kind: 'exported', id: preselect } : null);
  const [batch, setBatch] = useState<BatchChoice>(null);
  const [predictions, setPredictions] = useState('');
  const [timeColumn, setTimeColumn] = useState('');
  const [windowUnit, setWindowUnit] = useState<WindowUnit>('');
  const [ignored, setIgnored] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const job = useJob();

  // The newest exported bundle is the likely one; a row's "Validate…" link names its own.
  useEffect(() => {
    if (preselect) setBundle({ kind: 'exported', id: preselect });
  }, [preselect]);
  useEffect(() => {
    if (!bundle && bundles.data?.length) setBundle({ kind: 'exported', id: bundles.data[0].id });
  }, [bundle, bundles.data]);

  const addFiles = useCallback((files: File[]) => {
    const zip = files.find(isBundleFile);
    const data = files.find(isBatchFile);
    if (zip) setBundle({ kind: 'file', file: zip });
    if (data) setBatch({ kind: 'file', file: data });
    setIgnored(files.filter((f) => !isBundleFile(f) && !isBatchFile(f)).map((f) => f.name));
  }, []);

  const exported = bundle?.kind === 'exported' ? bundles.data?.find((b) => b.id === bundle.id) : undefined;
  const bundleReady = bundle?.kind === 'file' || exported !== undefined;
  const predictionColumns = predictions
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

  const run = async (e: FormEvent) => {
    e.preventDefault();
    if (!bundle || !batch || !bundleReady) return;
    setOutcome(null);
    const uploads = [bundle.kind === 'file' ? bundle.file : null, batch.kind === 'file' ? batch.file : null].filter(
      (f): f is File => f !== null,
    );
    let paths: string[] = [];
    if (uploads.length) {
      const uploaded = await uploadForJob(job, uploads);
      if (!uploaded) return;
      paths = uploaded;
    }
    let next = 0;
    const bundlePath = bundle.kind === 'file' ? paths[next++] : exported!.path;
    const data = batch.kind === 'file' ? paths[next] : batch.name;
    const args: ArgsOf<'bundles/validate'> = {
      bundle: bundlePath,
      data,
      report: true,
      ...(predictionColumns.length ? { predictions: predictionColumns } : {}),
      ...(timeColumn.trim() ? { timeColumn: timeColumn.trim(), ...(windowUnit ? { window: windowUnit } : {}) } : {}),
    };
    // Server-side upload paths mean nothing to the user: errors name the files they picked.
    const names = new Map(uploads.map((f, i) => [paths[i], f.name]));
    const result = await job.start('bundles/validate', args, (err) => withFileNames(err, names));
    if (!result) return;
    setOutcome({
      result,
      bundleName: bundle.kind === 'file' ? bundle.file.name : `bundle #${exported!.id}`,
      batchName: batch.kind === 'file' ? batch.file.name : `dataset ${batch.name}`,
    });
  };

  const busy = job.state.running;
  const noBundles = bundles.data?.length === 0;
  return (
    <DropTarget
      onFiles={addFiles}
      disabled={busy}
      title="Drop to validate"
      hint="a bundle .zip and/or a batch (.csv, .tsv, .parquet, .jsonl)"
      testId="validate-drop"
    >
      <Page
        title="Validate a batch"
        documentTitle="Validate a batch"
        subtitle={
          <>
            A production batch against a bundle's contract — schema, quality, drift, predictions, fallback — using only
            the bundle: exactly what <code>preflight validate</code> tells ops.{' '}
            <a href={href('bundles')}>Back to bundles</a>
          </>
        }
      >
        <form onSubmit={run} aria-label="Validate a batch" className="bundle-form">
          <Section title="Bundle and batch" id="validate-inputs">
            <div className="bundle-dropzone" data-testid="validate-dropzone">
              <p>
                <strong>Drop a bundle .zip and a batch file here</strong>, or choose them — or use a bundle exported
                here and a dataset of this workspace.
              </p>
              <div className="bundle-row">
                <label>
                  Bundle{' '}
                  <select
                    aria-label="Bundle"
                    value={bundle?.kind === 'file' ? 'file' : bundle ? String(bundle.id) : ''}
                    onChange={(e) =>
                      e.target.value !== 'file' &&
                      setBundle(e.target.value ? { kind: 'exported', id: Number(e.target.value) } : null)
                    }
                    disabled={busy}
                  >
                    {!bundle && (
                      <option value="">{noBundles ? 'none exported yet: choose a .zip…' : 'choose a bundle…'}</option>
                    )}
                    {bundle?.kind === 'file' && (
                      <option value="file">{`${bundle.file.name} (${formatBytes(bundle.file.size)})`}</option>
                    )}
                    {bundle?.kind === 'exported' && bundles.data && !exported && (
                      <option value={bundle.id}>{`#${bundle.id}: no such bundle in this workspace`}</option>
                    )}
                    {(bundles.data ?? []).map((b) => (
                      <option key={b.id} value={b.id}>
                        {`#${b.id} · ${modelLabel(b.model)} · reference ${b.reference} · ${b.signed ? 'signed' : 'unsigned'} · ${formatDate(b.createdAt)}`}
                      </option>
                    ))}
                  </select>
                </label>
                <FilePickerButton
                  label="Choose bundle .zip…"
                  accept=".zip,application/zip"
                  ariaLabel="Bundle to validate against (.zip)"
                  testId="validate-bundle-file"
                  primary={false}
                  disabled={busy}
                  onFiles={addFiles}
                />
              </div>
              <div className="bundle-row">
                <label>
                  Batch{' '}
                  <select
                    aria-label="Batch"
                    value={batch?.kind === 'file' ? 'file' : batch ? `dataset:${batch.name}` : ''}
                    onChange={(e) =>
                      e.target.value !== 'file' &&
                      setBatch(
                        e.target.value ? { kind: 'dataset', name: e.target.value.slice('dataset:'.length) } : null,
                      )
                    }
                    disabled={busy}
                  >
                    {!batch && <option value="">choose a file or a dataset…</option>}
                    {batch?.kind === 'file' && (
                      <option value="file">{`${batch.file.name} (${formatBytes(batch.file.size)})`}</option>
                    )}
                    {(datasets.data ?? []).map((d) => (
                      <option key={d.name} value={`dataset:${d.name}`}>
                        {`dataset ${d.name} (${formatCount(d.rows)} rows)`}
                      </option>
                    ))}
                  </select>
                </label>
                <FilePickerButton
                  label="Choose batch file…"
                  accept={BATCH_ACCEPT}
                  ariaLabel="Batch to validate (.csv, .tsv, .parquet, .jsonl)"
                  testId="validate-batch-file"
                  primary={false}
                  disabled={busy}
                  onFiles={addFiles}
                />
              </div>
              {ignored.length > 0 && (
                <p className="muted">
                  Ignored {ignored.join(', ')}: only a .zip bundle and a .csv, .tsv, .parquet or .jsonl batch are used
                  here.
                </p>
              )}
              {bundles.error ? (
                <ErrorBox
                  title="The exported bundles could not be listed"
                  error={bundles.error}
                  onRetry={bundles.reload}
                />
              ) : null}
              {datasets.error ? (
                <ErrorBox title="The datasets could not be listed" error={datasets.error} onRetry={datasets.reload} />
              ) : null}
            </div>
            <fieldset className="bundle-fieldset">
              <legend>Options</legend>
              <div className="bundle-row">
                <label>
                  Prediction columns{' '}
                  <input
                    type="text"
                    aria-label="Prediction columns"
                    value={predictions}
                    onChange={(e) => setPredictions(e.target.value)}
                    placeholder="e.g. p_default"
                    disabled={busy}
                    size={28}
                  />
                </label>
                <label>
                  Time column{' '}
                  <input
                    type="text"
                    aria-label="Time column"
                    value={timeColumn}
                    onChange={(e) => setTimeColumn(e.target.value)}
                    placeholder="e.g. ts"
                    disabled={busy}
                    size={14}
                  />
                </label>
                <label>
                  Window{' '}
                  <select
                    aria-label="Window"
                    value={windowUnit}
                    onChange={(e) => setWindowUnit(e.target.value as WindowUnit)}
                    disabled={busy || !timeColumn.trim()}
                  >
                    <option value="">default</option>
                    <option value="day">day</option>
                    <option value="week">week</option>
                    <option value="month">month</option>
                  </select>
                </label>
              </div>
              <p className="muted">
                Prediction columns: the batch's columns holding the model's logged outputs, comma-separated — they map{' '}
                <em>in order</em> to the bundle's output signals. Leave empty and the bundle's own model is run on the
                batch when its inputs are there. A time column splits the check into windows, so a slow drift shows
                where it started.
              </p>
            </fieldset>
            <div className="bundle-actions">
              <button type="submit" className="button-primary" disabled={!bundleReady || !batch || busy}>
                Validate
              </button>
              {!batch && <span className="muted">choose a batch to validate</span>}
            </div>
            {busy && <ProgressBar label="Validating" progress={job.state.progress} onCancel={job.cancel} />}
            {job.state.error ? (
              <ErrorBox
                title={
                  isCancelled(job.state.error) ? 'The validation was cancelled' : 'The batch could not be validated'
                }
                error={job.state.error}
                onDismiss={job.clearError}
              />
            ) : null}
          </Section>
        </form>
        {outcome && <ValidateReport key={outcome.result.report?.fileId ?? outcome.result.seconds} outcome={outcome} />}
      </Page>
    </DropTarget>
  );
}

function withFileNames(err: unknown, names: Map<string, string>): unknown {
  if (!(err instanceof PreflightError) || names.size === 0) return err;
  let message = err.message;
  for (const [serverPath, name] of names) message = message.split(serverPath).join(name);
  return message === err.message ? err : new PreflightError(err.code, message, err.details);
}
