import type { PlannedInput } from '../../shared/bench/input-plan';
import { ErrorBox, Loading } from '../ui/index';
import type { InputsState } from './inputChoice';
import { InputsTable } from './InputsTable';

interface PlanState {
  data?: { inputs: PlannedInput[]; inputsAssumed: string | null };
  error?: unknown;
  loading: boolean;
  reload: () => void;
}

/** The inputs section of a run form: the table, what is still a suggestion, and why Run waits. */
export function ModelInputs({ plan, state, onChange, datasetChosen, problem, idPrefix, note }: { plan: PlanState; state: InputsState; onChange: (s: InputsState) => void; datasetChosen: boolean; problem: string | null; idPrefix: string; note?: string }) {
  const suggested = plan.data?.inputs.some((i) => i.dims.some((d, k) => (d.origin === 'default' || d.origin === 'hint') && state.dims[d.name ? `@${d.name}` : `${i.name}#${k}`] === undefined));
  return (
    <fieldset className="bench-inputs-set">
      <legend>Inputs{note ? ` — ${note}` : ''}</legend>
      {plan.loading && !plan.data && <Loading what="the model's inputs" />}
      {plan.error ? <ErrorBox title="The model's inputs could not be read" error={plan.error} onRetry={plan.reload} /> : null}
      {plan.data && <InputsTable plan={plan.data.inputs} state={state} onChange={onChange} datasetChosen={datasetChosen} idPrefix={idPrefix} />}
      {suggested && (
        <p className="bench-verdict-warning" role="note" data-testid={`${idPrefix}-inputs-note`}>
          Some sizes are suggestions (nothing in the model sets them). Set the real sizes; a suggestion left as it is will be reported with every result as an assumed shape.
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
