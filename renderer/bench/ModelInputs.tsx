import type { PlannedInput } from '../../shared/bench/input-plan';
import { ErrorBox, Loading } from '../ui/index';
import { dimKey, isEditable, type InputsState } from './inputChoice';
import { InputsTable } from './InputsTable';

interface PlanState {
  data?: { inputs: PlannedInput[]; inputsAssumed: string | null };
  error?: unknown;
  loading: boolean;
  reload: () => void;
}

/** The inputs section of a run form: the table, what is still a suggestion, and why Run waits. */
export function ModelInputs({
  plan,
  state,
  onChange,
  datasetChosen,
  problem,
  idPrefix,
  note,
}: {
  plan: PlanState;
  state: InputsState;
  onChange: (s: InputsState) => void;
  datasetChosen: boolean;
  problem: string | null;
  idPrefix: string;
  note?: string;
}) {
  const untouched = (plan.data?.inputs ?? []).flatMap((i) =>
    i.dims.flatMap((d, k) =>
      isEditable(d) && state.dims[dimKey(i.name, k, d)] === undefined
        ? [[dimKey(i.name, k, d), String(d.value)] as const]
        : [],
    ),
  );
  const suggested = untouched.length > 0;
  // Agreeing with a suggestion is a choice too: it has to be made, not inferred from leaving the field alone.
  const useSuggested = () => onChange({ ...state, dims: { ...state.dims, ...Object.fromEntries(untouched) } });
  return (
    <fieldset className="bench-inputs-set">
      <legend>Inputs{note ? ` — ${note}` : ''}</legend>
      {plan.loading && !plan.data && <Loading what="the model's inputs" />}
      {plan.error ? (
        <ErrorBox title="The model's inputs could not be read" error={plan.error} onRetry={plan.reload} />
      ) : null}
      {plan.data && (
        <InputsTable
          plan={plan.data.inputs}
          state={state}
          onChange={onChange}
          datasetChosen={datasetChosen}
          idPrefix={idPrefix}
        />
      )}
      {suggested && (
        <p className="bench-verdict-warning" role="note" data-testid={`${idPrefix}-inputs-note`}>
          Some sizes are suggestions (nothing in the model sets them). Set the real sizes; a suggestion left as it is
          will be reported with every result as an assumed shape.{' '}
          <button type="button" className="button-small" onClick={useSuggested}>
            Use the suggested sizes as mine
          </button>
        </p>
      )}
      {problem && (
        <p className="bench-note-error" role="status" data-testid={`${idPrefix}-inputs-problem`}>
          Cannot run yet: {problem}
        </p>
      )}
    </fieldset>
  );
}
