import { useCall } from '../api/hooks';
import { ErrorBox } from '../ui/index';

/** The model's inputs and the columns that feed them (saved mapping or proposal); editing it saves it with the run. */
export function MappingEditor({
  model,
  dataset,
  value,
  onChange,
  invalid,
}: {
  model: string;
  dataset: string;
  value: Record<string, string> | null;
  onChange: (m: Record<string, string>) => void;
  invalid: boolean;
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
            id={i === data.inputs[0] ? 'drift-field-mapping' : undefined}
            aria-label={`Columns for input ${i.name}`}
            aria-invalid={(invalid && i === data.inputs[0]) || undefined}
            aria-describedby={invalid && i === data.inputs[0] ? 'drift-form-error' : undefined}
            value={current[i.name] ?? ''}
            size={Math.max(16, (current[i.name] ?? '').length + 2)}
            onChange={(e) => onChange({ ...current, [i.name]: e.target.value })}
          />
        </label>
      ))}
    </fieldset>
  );
}
