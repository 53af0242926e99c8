import type { PlannedInput } from '../../shared/bench/input-plan';
import { randomRange } from '../../shared/bench/input-plan';
import { dimKey, isEditable, sourceOf, type InputsState, type SourceKind } from './inputChoice';

/**
 * The model's inputs as a benchmark will feed them: dtype, the declared shape, each free dimension
 * as a field (prefilled with the suggestion, marked until the user sets it) and a value source.
 */
export function InputsTable({
  plan,
  state,
  onChange,
  datasetChosen,
  idPrefix,
}: {
  plan: PlannedInput[];
  state: InputsState;
  onChange: (s: InputsState) => void;
  datasetChosen: boolean;
  idPrefix: string;
}) {
  const setDim = (key: string, text: string) => onChange({ ...state, dims: { ...state.dims, [key]: text } });
  const setSource = (name: string, patch: Partial<ReturnType<typeof sourceOf>>) =>
    onChange({
      ...state,
      sources: { ...state.sources, [name]: { ...sourceOf(state, name, datasetChosen), ...patch } },
    });
  return (
    <div className="table-wrap">
      <table className="table bench-inputs" data-testid={`${idPrefix}-inputs`}>
        <caption className="visually-hidden">Model inputs</caption>
        <thead>
          <tr>
            <th>Input</th>
            <th>Type</th>
            <th>Model shape</th>
            <th>Shape fed</th>
            <th>Values</th>
          </tr>
        </thead>
        <tbody>
          {plan.map((input) => {
            const source = sourceOf(state, input.name, datasetChosen);
            return (
              <tr key={input.name}>
                <td className="mono">{input.name}</td>
                <td className="mono">{input.dtype}</td>
                <td className="mono">{input.declared}</td>
                <td>
                  <span className="bench-shape">
                    {input.dims.length === 0 && <span className="mono muted">scalar</span>}
                    {input.dims.map((d, i) => {
                      const key = dimKey(input.name, i, d);
                      const label = `${input.name} dimension ${i}${d.name ? ` (${d.name})` : ''}`;
                      if (d.origin === 'batch')
                        return (
                          <span key={i} className="mono bench-dim" title="the batch size">
                            batch
                          </span>
                        );
                      if (!isEditable(d))
                        return (
                          <span key={i} className="mono bench-dim">
                            {d.value}
                          </span>
                        );
                      const edited = state.dims[key] !== undefined;
                      return (
                        <input
                          key={i}
                          aria-label={label}
                          className={`bench-dim-input${edited ? '' : ' bench-dim-suggested'}`}
                          value={state.dims[key] ?? String(d.value)}
                          onChange={(e) => setDim(key, e.target.value)}
                          inputMode="numeric"
                          size={5}
                          title={
                            edited
                              ? 'set by you'
                              : d.origin === 'hint'
                                ? 'suggested from the model’s metadata'
                                : 'suggested: nothing in the model sets it'
                          }
                        />
                      );
                    })}
                  </span>
                  {input.dims.some((d, i) => isEditable(d) && state.dims[dimKey(input.name, i, d)] === undefined) && (
                    <span
                      className="badge badge-warn bench-suggested"
                      data-testid={`${idPrefix}-suggested-${input.name}`}
                    >
                      suggested — set the real size
                    </span>
                  )}
                </td>
                <td>
                  <select
                    aria-label={`${input.name} values`}
                    value={source.kind}
                    onChange={(e) => setSource(input.name, { kind: e.target.value as SourceKind })}
                  >
                    <option value="random">random {randomRange(input.dtype)} (seeded)</option>
                    {input.dtype !== 'string' && <option value="constant">constant</option>}
                    {datasetChosen && <option value="dataset">dataset column</option>}
                  </select>
                  {source.kind === 'constant' && (
                    <input
                      aria-label={`${input.name} constant`}
                      value={source.value}
                      onChange={(e) => setSource(input.name, { value: e.target.value })}
                      inputMode="decimal"
                      size={8}
                      placeholder="e.g. 16000"
                    />
                  )}
                  {source.kind === 'dataset' && (
                    <input
                      aria-label={`${input.name} column`}
                      value={source.column}
                      onChange={(e) => setSource(input.name, { column: e.target.value })}
                      size={12}
                      placeholder="next columns in order"
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
