import { useState, type FormEvent } from 'react';
import type { ArgsOf } from '../../shared/contract/index';
import type { BenchProvider, EpName } from '../../shared/types/bench';
import type { ModelSummary } from '../../shared/types/models';
import { useCall, useJob } from '../api/hooks';
import { navigate } from '../router/index';
import { ErrorBox, Loading, Section } from '../ui/index';
import { BenchJobStatus } from './LiveStats';
import { providerOption, providerReason } from './providers';
import { EMPTY_INPUTS, inputArgs, type InputsState } from './inputChoice';
import { ModelInputs } from './ModelInputs';
import { ProviderReason } from './ProviderReason';

interface Arm {
  model: string;
  ep: EpName;
  threads: string;
  spinning: 'default' | 'on' | 'off';
}

function armArgs(a: Arm): ArgsOf<'bench/ab'>['a'] {
  return {
    model: a.model,
    ep: a.ep,
    intraOpThreads: a.threads.trim() ? Number(a.threads) : undefined,
    allowSpinning: a.spinning === 'default' ? undefined : a.spinning === 'on',
  };
}

/** A/B: two models, or one model with two EPs/settings, interleaved in blocks in one process. */
export function ABRun({ onFinished }: { onFinished: () => void }) {
  const models = useCall('models/list', {});
  const first = models.data?.[0]?.name ?? '';
  const [a, setA] = useState<Arm>({ model: '', ep: 'cpu', threads: '', spinning: 'default' });
  const [b, setB] = useState<Arm>({ model: '', ep: 'cpu', threads: '', spinning: 'off' });
  const [blocks, setBlocks] = useState('10');
  const [blockIterations, setBlockIterations] = useState('200');
  const [batch, setBatch] = useState('1');
  const job = useJob();
  const armA = { ...a, model: a.model || first };
  const armB = { ...b, model: b.model || first };
  // The same probe as the New benchmark form: an EP that cannot run on this machine cannot be chosen.
  const providersA = useCall('bench/providers', { model: armA.model }, { skip: !armA.model });
  const providersB = useCall('bench/providers', { model: armB.model }, { skip: !armB.model });
  const batchSize = /^[1-9][0-9]*$/.test(batch.trim()) ? Number(batch) : 1;
  // One set of inputs for both arms (the same work is what makes A and B comparable), planned on A's model.
  const planA = useCall('bench/inputs', { model: armA.model, batchSize }, { skip: !armA.model });
  const planB = useCall(
    'bench/inputs',
    { model: armB.model, batchSize },
    { skip: !armB.model || armB.model === armA.model },
  );
  const [edits, setEdits] = useState<{ model: string; state: InputsState }>({ model: '', state: EMPTY_INPUTS });
  const inputsState = edits.model === armA.model ? edits.state : EMPTY_INPUTS;
  const choice = planA.data ? inputArgs(planA.data.inputs, inputsState, [batchSize], false) : null;
  const signature = (p: typeof planA.data) => JSON.stringify(p?.inputs.map((i) => [i.name, i.dtype, i.declared]));
  const otherInputs = planB.data && planA.data && signature(planB.data) !== signature(planA.data);
  if (!models.data?.length) return null;
  const runnable =
    usable(armA.ep, providersA.data) && usable(armB.ep, providersB.data) && !!choice && choice.problem === null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const run = await job.start('bench/ab', {
      a: armArgs(armA),
      b: armArgs(armB),
      batchSize: Number(batch),
      blocks: Number(blocks),
      blockIterations: Number(blockIterations),
      dims: choice?.dims,
      shapes: choice?.shapes,
      values: choice?.values,
    });
    onFinished();
    if (run) navigate('bench', String(run.runId));
  };

  return (
    <Section title="A/B comparison" id="bench-ab-new">
      <form className="bench-form" onSubmit={submit} aria-label="A/B comparison">
        <fieldset disabled={job.state.running}>
          <ArmFields label="A" arm={armA} models={models.data} providers={providersA} onChange={setA} />
          <ArmFields label="B" arm={armB} models={models.data} providers={providersB} onChange={setB} />
          <div className="bench-fields">
            <label>
              Batch size
              <input
                aria-label="A/B batch size"
                value={batch}
                onChange={(e) => setBatch(e.target.value)}
                inputMode="numeric"
              />
            </label>
            <label>
              Blocks
              <input
                aria-label="Blocks"
                value={blocks}
                onChange={(e) => setBlocks(e.target.value)}
                inputMode="numeric"
              />
            </label>
            <label>
              Iterations per block
              <input
                aria-label="Iterations per block"
                value={blockIterations}
                onChange={(e) => setBlockIterations(e.target.value)}
                inputMode="numeric"
              />
            </label>
          </div>
          <ModelInputs
            plan={planA}
            state={inputsState}
            onChange={(state) => setEdits({ model: armA.model, state })}
            datasetChosen={false}
            problem={choice?.problem ?? null}
            idPrefix="bench-ab"
            note="fed to A and B alike"
          />
          {otherInputs && (
            <p className="bench-note-error" role="note" data-testid="bench-ab-other-inputs">
              B’s model takes different inputs (
              {planB.data!.inputs.map((i) => `${i.name} ${i.dtype}${i.declared}`).join(', ')}): A and B would not
              measure the same work, so the run will say they are not comparable.
            </p>
          )}
          <p className="muted">
            A and B alternate in blocks (A B B A …) inside one process, so machine drift affects both alike; the verdict
            compares B with A.
          </p>
          <div className="bench-actions">
            <button type="submit" disabled={!runnable}>
              Run A/B
            </button>
          </div>
        </fieldset>
      </form>
      <BenchJobStatus job={job} label="A/B benchmark" failedTitle="The A/B run did not complete" />
    </Section>
  );
}

/** An arm can run once its EP has been probed available for its model. */
function usable(ep: EpName, providers: BenchProvider[] | undefined): boolean {
  return !!providers?.some((p) => p.name === ep && p.available);
}

interface ProvidersState {
  data: BenchProvider[] | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

function ArmFields({
  label,
  arm,
  models,
  providers,
  onChange,
}: {
  label: string;
  arm: Arm;
  models: ModelSummary[];
  providers: ProvidersState;
  onChange: (a: Arm) => void;
}) {
  const chosen = providers.data?.find((p) => p.name === arm.ep);
  return (
    <>
      <div className="bench-fields bench-arm">
        <label>
          {label}: model
          <select
            aria-label={`${label} model`}
            value={arm.model}
            onChange={(e) => onChange({ ...arm, model: e.target.value })}
          >
            {models.flatMap((m) =>
              Array.from({ length: m.latestVersion }, (_, i) => `${m.name}@${i + 1}`).map((ref) => (
                <option key={ref} value={ref}>
                  {ref}
                </option>
              )),
            )}
            {models.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name} (latest)
              </option>
            ))}
          </select>
        </label>
        <label>
          {label}: EP
          <select
            aria-label={`${label} EP`}
            value={arm.ep}
            onChange={(e) => onChange({ ...arm, ep: e.target.value as EpName })}
            disabled={!providers.data}
          >
            {providers.data
              ? providers.data.map((p) => (
                  <option
                    key={p.name}
                    value={p.name}
                    disabled={!p.available}
                    title={p.available ? undefined : providerReason(p)}
                  >
                    {providerOption(p)}
                  </option>
                ))
              : [
                  <option key={arm.ep} value={arm.ep}>
                    {arm.ep}
                  </option>,
                ]}
          </select>
        </label>
        <label>
          {label}: intra-op threads
          <input
            aria-label={`${label} intra-op threads`}
            value={arm.threads}
            onChange={(e) => onChange({ ...arm, threads: e.target.value })}
            placeholder="default"
            inputMode="numeric"
          />
        </label>
        <label>
          {label}: spinning
          <select
            aria-label={`${label} spinning`}
            value={arm.spinning}
            onChange={(e) => onChange({ ...arm, spinning: e.target.value as Arm['spinning'] })}
          >
            <option value="default">default (on)</option>
            <option value="on">on</option>
            <option value="off">off</option>
          </select>
        </label>
      </div>
      {providers.loading && <Loading what={`execution providers for ${label} (creating a session on each)`} />}
      {providers.error ? (
        <ErrorBox
          title={`Providers for ${label} could not be probed`}
          error={providers.error}
          onRetry={providers.reload}
        />
      ) : null}
      {chosen && !chosen.available && (
        <p className="bench-ep-reason bench-note-error" data-testid={`bench-ab-ep-${label.toLowerCase()}`}>
          {label}: {chosen.name} is unavailable for {arm.model}: <ProviderReason provider={chosen} />
        </p>
      )}
    </>
  );
}
