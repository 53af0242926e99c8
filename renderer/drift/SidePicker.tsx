import { useRef, type ChangeEvent } from 'react';

export type Side = { kind: 'dataset'; name: string } | { kind: 'file'; file: File } | null;

/** Pick a workspace dataset or a file (imported on the fly) for one side. */
export function SidePicker({
  label,
  testId,
  value,
  onChange,
  datasets,
  invalid,
}: {
  label: string;
  testId: string;
  value: Side;
  onChange: (s: Side) => void;
  datasets: string[];
  invalid: boolean;
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
        id={`drift-field-${label.toLowerCase()}`}
        aria-label={`${label} dataset`}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? 'drift-form-error' : undefined}
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
