import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { ArgsOf } from '../../shared/contract/methods';
import { uploadForJob } from '../api/files';
import { isCancelled, useCall, useJob } from '../api/hooks';
import { navigate, useRoute } from '../router/index';
import { ErrorBox, ProgressBar, Section } from '../ui/index';

type Side = { kind: 'dataset'; name: string } | { kind: 'file'; file: File } | null;

/** Pick a workspace dataset or a file (imported on the fly) for one side. */
function SidePicker({
  label,
  testId,
  value,
  onChange,
  datasets,
}: {
  label: string;
  testId: string;
  value: Side;
  onChange: (s: Side) => void;
  datasets: string[];
}) {
  const input = useRef<HTMLInputElement>(null);
  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) onChange({ kind: 'file', file });
  };
  return (
    <fieldset className="drift-side">
      <legend>{label}</legend>
      <select
        aria-label={`${label} dataset`}
        value={value?.kind === 'dataset' ? value.name : ''}
        onChange={(e) => onChange(e.target.value ? { kind: 'dataset', name: e.target.value } : null)}
      >
        <option value="">{value?.kind === 'file' ? `file: ${value.file.name}` : 'choose a dataset…'}</option>
        {datasets.map((d) => (
          <option key={d} value={d}>
            {d}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => input.current?.click()}>
        Choose file…
      </button>
      <input
        ref={input}
        type="file"
        accept=".csv,.tsv,.txt,.parquet,.jsonl,.ndjson"
        className="visually-hidden"
        tabIndex={-1}
        aria-label={`${label} file`}
        data-testid={testId}
        onChange={onFile}
      />
    </fieldset>
  );
}

export function NewDrift({ onDone }: { onDone?: () => void }) {
  const datasets = useCall('datasets/list', {});
  const models = useCall('models/list', {});
  const job = useJob();
  // `#/drift/new/NAME` (the Datasets screen's "Compare with…") comes with the reference chosen.
  const preset = usePresetReference();
  const [reference, setReference] = useState<Side>(preset ? { kind: 'dataset', name: preset } : null);
  useEffect(() => {
    if (preset) setReference({ kind: 'dataset', name: preset });
  }, [preset]);
  const [current, setCurrent] = useState<Side>(null);
  const [timeColumn, setTimeColumn] = useState('');
  const [window, setWindow] = useState<'day' | 'week' | 'month'>('day');
  const [model, setModel] = useState('');
  const [mode, setMode] = useState<'exact' | 'profile'>('exact');
  const [mapping, setMapping] = useState<Record<string, string> | null>(null);
  const names = (datasets.data ?? []).map((d) => d.name);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reference || !current) return;
    const files = [reference, current]
      .filter((s): s is { kind: 'file'; file: File } => s?.kind === 'file')
      .map((s) => s.file);
    let paths: string[] = [];
    if (files.length) {
      const uploaded = await uploadForJob(job, files); // Cancel stops the upload too
      if (!uploaded) return;
      paths = uploaded;
    }
    const pathOf = (s: Side) => (s!.kind === 'dataset' ? s!.name : paths[files.indexOf((s as { file: File }).file)]);
    const args: ArgsOf<'drift/run'> = { reference: pathOf(reference), current: pathOf(current), mode };
    if (timeColumn.trim()) {
      args.timeColumn = timeColumn.trim();
      args.window = window;
    }
    if (model) args.model = model;
    if (model && mapping)
      args.mapping = Object.entries(mapping).map(([input, cols]) => ({
        input,
        columns: cols
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
      }));
    const report = await job.start('drift/run', args);
    datasets.reload();
    if (report) {
      onDone?.();
      navigate('drift', String(report.id));
    }
  };
  const { state } = job;
  return (
    <Section title="New comparison" id="drift-new">
      <form className="drift-form" onSubmit={submit} aria-label="New drift comparison">
        <SidePicker
          label="Reference"
          testId="drift-reference-file"
          value={reference}
          onChange={setReference}
          datasets={names}
        />
        <SidePicker
          label="Current"
          testId="drift-current-file"
          value={current}
          onChange={setCurrent}
          datasets={names}
        />
        <fieldset className="drift-side">
          <legend>Options</legend>
          <label>
            Time column{' '}
            <input
              list="drift-time-columns"
              value={timeColumn}
              onChange={(e) => setTimeColumn(e.target.value)}
              placeholder="none"
              aria-label="Time column"
              size={12}
            />
          </label>
          {current?.kind === 'dataset' && <TimeChoices dataset={current.name} />}
          <label>
            Window{' '}
            <select
              aria-label="Window"
              value={window}
              onChange={(e) => setWindow(e.target.value as 'day' | 'week' | 'month')}
            >
              <option value="day">day</option>
              <option value="week">week</option>
              <option value="month">month</option>
            </select>
          </label>
          <label>
            Model{' '}
            <select
              aria-label="Model"
              value={model}
              onChange={(e) => {
                setModel(e.target.value);
                setMapping(null);
              }}
            >
              <option value="">none</option>
              {(models.data ?? []).map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name}@{m.latestVersion}
                </option>
              ))}
            </select>
          </label>
          <label>
            Reference{' '}
            <select aria-label="Mode" value={mode} onChange={(e) => setMode(e.target.value as 'exact' | 'profile')}>
              <option value="exact">values (exact)</option>
              <option value="profile">stored profile</option>
            </select>
          </label>
        </fieldset>
        {model && reference?.kind === 'dataset' && (
          <MappingEditor model={model} dataset={reference.name} value={mapping} onChange={setMapping} />
        )}
        {model && reference?.kind === 'file' && (
          <p className="muted">
            Model inputs are mapped by name or column order after import; edit the mapping once the reference is a
            dataset.
          </p>
        )}
        <div className="drift-actions">
          <button type="submit" className="button-primary" disabled={!reference || !current || state.running}>
            Run drift
          </button>
        </div>
      </form>
      {state.running && (
        <ProgressBar label="Comparing" progress={state.progress} onCancel={state.jobId ? job.cancel : undefined} />
      )}
      {state.error ? (
        <ErrorBox
          title={isCancelled(state.error) ? 'The comparison was cancelled' : 'The comparison failed'}
          error={state.error}
          onDismiss={job.clearError}
        />
      ) : null}
    </Section>
  );
}

/** The dataset named by `#/drift/new/NAME`, if the route is that. */
function usePresetReference(): string | undefined {
  const { segments } = useRoute();
  return segments[1] === 'new' && segments[2] ? segments[2] : undefined;
}

/** Suggestions for the time column: the current dataset's datetime and integer columns. */
function TimeChoices({ dataset }: { dataset: string }) {
  const detail = useCall('datasets/show', { ref: dataset });
  const names =
    detail.data?.columnInfo.filter((c) => c.kind === 'datetime' || c.kind === 'integer').map((c) => c.name) ?? [];
  return (
    <datalist id="drift-time-columns">
      {names.map((c) => (
        <option key={c} value={c} />
      ))}
    </datalist>
  );
}

/** The model's inputs and the columns that feed them (saved mapping or proposal); editing it saves it with the run. */
function MappingEditor({
  model,
  dataset,
  value,
  onChange,
}: {
  model: string;
  dataset: string;
  value: Record<string, string> | null;
  onChange: (m: Record<string, string>) => void;
}) {
  const proposal = useCall('drift/mapping', { model, dataset });
  const data = proposal.data;
  if (proposal.error) return <ErrorBox title="Cannot read the model's inputs" error={proposal.error} />;
  if (!data) return null;
  const current =
    value ??
    Object.fromEntries(
      data.inputs.map((i) => [i.name, data.mapping?.inputs.find((m) => m.input === i.name)?.columns.join(', ') ?? '']),
    );
  return (
    <fieldset className="drift-side drift-mapping">
      <legend>Model inputs ← columns {data.mapping ? `(${data.mapping.how})` : ''}</legend>
      {data.problem && <p className="muted">{data.problem}</p>}
      {data.inputs.map((i) => (
        <label key={i.name}>
          <span className="mono">
            {i.name} {i.type}
          </span>{' '}
          <input
            aria-label={`Columns for input ${i.name}`}
            value={current[i.name] ?? ''}
            size={Math.max(16, (current[i.name] ?? '').length + 2)}
            onChange={(e) => onChange({ ...current, [i.name]: e.target.value })}
          />
        </label>
      ))}
    </fieldset>
  );
}
