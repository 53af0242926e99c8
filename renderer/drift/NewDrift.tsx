import { useEffect, useState, type FormEvent } from 'react';
import type { ArgsOf } from '../../shared/contract/methods';
import { uploadForJob } from '../api/files';
import { isCancelled, useCall, useJob } from '../api/hooks';
import { navigate, useRoute } from '../router/index';
import { ErrorBox, ProgressBar, Section } from '../ui/index';
import { fieldOfError, fileColumns, placeDataset, presetFromRoute, timeColumns, type DriftField } from './presets';
import { useMappable } from './useMappable';
import { MappingEditor } from './MappingEditor';
import { SidePicker, type Side } from './SidePicker';

export function NewDrift({ onDone }: { onDone?: () => void }) {
  const datasets = useCall('datasets/list', {});
  const models = useCall('models/list', {});
  const job = useJob();
  // `#/drift/new/NAME` (a dataset's "Compare with…") and `#/drift/for-model/NAME` (a model's "Check drift").
  const { segments } = useRoute();
  const preset = presetFromRoute(segments);
  const [reference, setReference] = useState<Side>(null);
  const [current, setCurrent] = useState<Side>(null);
  const names = (datasets.data ?? []).map((d) => d.name);
  const namesKey = names.join('\n');
  useEffect(() => {
    if (!preset.dataset || !datasets.data) return;
    const placed = placeDataset(preset.dataset, names);
    setReference(placed.reference ? { kind: 'dataset', name: placed.reference } : null);
    setCurrent(placed.current ? { kind: 'dataset', name: placed.current } : null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per preset and dataset list
  }, [preset.dataset, namesKey]);
  const [timeColumn, setTimeColumn] = useState('');
  const [window, setWindow] = useState<'day' | 'week' | 'month'>('day');
  const [model, setModel] = useState(preset.model ?? '');
  useEffect(() => {
    if (preset.model) setModel(preset.model);
  }, [preset.model]);
  const [mode, setMode] = useState<'exact' | 'profile'>('exact');
  const [mapping, setMapping] = useState<Record<string, string> | null>(null);
  const mappable = useMappable(models.data, reference?.kind === 'dataset' ? reference.name : null);
  const currentColumns = useCall(
    'datasets/show',
    { ref: current?.kind === 'dataset' ? current.name : '' },
    { skip: current?.kind !== 'dataset' },
  );
  const [fileHeader, setFileHeader] = useState<{ file: File; columns: string[] | null } | null>(null);
  useEffect(() => {
    if (current?.kind !== 'file') return;
    let live = true;
    void fileColumns(current.file).then((columns) => live && setFileHeader({ file: current.file, columns }));
    return () => {
      live = false;
    };
  }, [current]);
  const headerOfFile = current?.kind === 'file' && fileHeader?.file === current.file ? fileHeader.columns : null;
  const times = currentColumns.data
    ? timeColumns(currentColumns.data.columnInfo)
    : (headerOfFile ?? []).map((c) => ({ name: c, label: c }));
  // A chosen time column the new current dataset lacks is dropped, not sent.
  const time = times.some((t) => t.name === timeColumn) ? timeColumn : '';

  const { state } = job;
  const badField = state.error && !isCancelled(state.error) ? fieldOfError(state.error) : null;
  useEffect(() => {
    // Put the user where the message says the problem is.
    if (badField) document.getElementById(`drift-field-${badField}`)?.focus();
  }, [badField, state.error]);
  const invalid = (f: DriftField) =>
    badField === f ? { 'aria-invalid': true, 'aria-describedby': 'drift-form-error' } : {};

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
    if (time) {
      args.timeColumn = time;
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
  return (
    <Section title="New comparison" id="drift-new">
      <form className="drift-form" onSubmit={submit} aria-label="New drift comparison">
        <SidePicker
          label="Reference"
          testId="drift-reference-file"
          value={reference}
          onChange={setReference}
          datasets={names}
          invalid={badField === 'reference'}
        />
        <SidePicker
          label="Current"
          testId="drift-current-file"
          value={current}
          onChange={setCurrent}
          datasets={names}
          invalid={badField === 'current'}
        />
        <fieldset className="drift-side">
          <legend>Options</legend>
          <label>
            Time column{' '}
            <select
              id="drift-field-timeColumn"
              aria-label="Time column"
              value={time}
              onChange={(e) => setTimeColumn(e.target.value)}
              disabled={times.length === 0}
              title={
                current?.kind === 'file'
                  ? 'the columns of the chosen file: its kinds are checked when it is imported'
                  : 'date/time columns of the current dataset, and integer columns holding epoch timestamps'
              }
              {...invalid('timeColumn')}
            >
              <option value="">
                {!current
                  ? 'none (choose a current dataset)'
                  : times.length === 0 && (currentColumns.data || current.kind === 'file')
                    ? current.kind === 'file' && !headerOfFile
                      ? 'none (import the file first to choose one)'
                      : 'none (no date/time columns)'
                    : 'none'}
              </option>
              {times.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Window{' '}
            <select
              id="drift-field-window"
              aria-label="Window"
              value={window}
              disabled={!time}
              {...invalid('window')}
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
              id="drift-field-model"
              aria-label="Model"
              aria-describedby={model && mappable?.[model.split('@')[0]] ? 'drift-model-reason' : undefined}
              value={model}
              {...invalid('model')}
              onChange={(e) => {
                setModel(e.target.value);
                setMapping(null);
              }}
            >
              <option value="">none</option>
              {(models.data ?? []).map((m) => {
                const reason = mappable?.[m.name];
                // Greyed, with the reason, when the reference's columns cannot feed its inputs.
                return (
                  <option
                    key={m.name}
                    value={m.name}
                    disabled={!!reason && model !== m.name}
                    title={reason ?? undefined}
                  >
                    {m.name}@{m.latestVersion}
                    {reason ? ` — cannot use: ${reason}` : ''}
                  </option>
                );
              })}
              {model && !(models.data ?? []).some((m) => m.name === model) && <option value={model}>{model}</option>}
            </select>
          </label>
          {model && mappable?.[model.split('@')[0]] && (
            <p id="drift-model-reason" className="drift-field-note">
              {model} cannot be used with {reference?.kind === 'dataset' ? reference.name : 'this reference'}:{' '}
              {mappable[model.split('@')[0]]}
            </p>
          )}
          <label>
            Reference{' '}
            <select aria-label="Mode" value={mode} onChange={(e) => setMode(e.target.value as 'exact' | 'profile')}>
              <option value="exact">values (exact)</option>
              <option value="profile">stored profile</option>
            </select>
          </label>
        </fieldset>
        {model && reference?.kind === 'dataset' && (
          <MappingEditor
            model={model}
            dataset={reference.name}
            value={mapping}
            onChange={setMapping}
            invalid={badField === 'mapping'}
          />
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
        <div id="drift-form-error">
          <ErrorBox
            title={
              isCancelled(state.error)
                ? 'The comparison was cancelled'
                : badField
                  ? `The comparison failed: check ${FIELD_LABEL[badField]}`
                  : 'The comparison failed'
            }
            error={state.error}
            onDismiss={job.clearError}
          />
        </div>
      ) : null}
    </Section>
  );
}

const FIELD_LABEL: Record<DriftField, string> = {
  reference: 'the reference',
  current: 'the current dataset',
  timeColumn: 'the time column',
  window: 'the window',
  model: 'the model',
  mapping: 'the model inputs',
};
