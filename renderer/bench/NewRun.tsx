import { useState, type FormEvent } from 'react';
import type { ArgsOf } from '../../shared/contract/index';
import type { EpName } from '../../shared/types/bench';
import { useCall, useJob } from '../api/hooks';
import { navigate } from '../router/index';
import { ErrorBox, Loading, Section } from '../ui/index';
import { EMPTY_INPUTS, inputArgs, type InputsChoice, type InputsState } from './inputChoice';
import { ModelInputs } from './ModelInputs';
import { BenchJobStatus } from './LiveStats';
import { ProviderReason } from './ProviderReason';

type StartArgs = ArgsOf<'bench/start'>;

interface Form {
  name: string;
  version: string;
  eps: EpName[];
  batch: string;
  concurrency: string;
  warmup: string;
  measure: 'iterations' | 'duration' | 'stable';
  iterations: string;
  duration: string;
  tolerance: string;
  threads: string;
  interThreads: string;
  spinning: 'default' | 'on' | 'off';
  optLevel: 'all' | 'extended' | 'basic' | 'disabled';
  seed: string;
  slo: string;
  dataset: string;
}

const INITIAL: Form = {
  name: '',
  version: '',
  eps: ['cpu'],
  batch: '1',
  concurrency: '1',
  warmup: '20',
  measure: 'iterations',
  iterations: '1000',
  duration: '5',
  tolerance: '0.1',
  threads: '',
  interThreads: '',
  spinning: 'default',
  optLevel: 'all',
  seed: '1',
  slo: '',
  dataset: '',
};

const ints = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
    .map(Number);
const optInt = (s: string) => (s.trim() === '' ? undefined : Number(s));

/** Form → bench/start arguments. Validation is the core's: its message is shown as it words it. */
export function toArgs(f: Form, inputs: InputsChoice | null): StartArgs {
  return {
    model: f.version ? `${f.name}@${f.version}` : f.name,
    eps: f.eps,
    batchSizes: ints(f.batch),
    concurrency: ints(f.concurrency),
    warmup: optInt(f.warmup),
    iterations:
      f.measure === 'iterations' ? optInt(f.iterations) : f.measure === 'stable' ? optInt(f.iterations) : undefined,
    durationSec: f.measure === 'duration' ? Number(f.duration) : undefined,
    stability: f.measure === 'stable' ? { tolerance: Number(f.tolerance) } : undefined,
    intraOpThreads: optInt(f.threads),
    interOpThreads: optInt(f.interThreads),
    allowSpinning: f.spinning === 'default' ? undefined : f.spinning === 'on',
    graphOptimizationLevel: f.optLevel,
    seed: optInt(f.seed),
    slo: f.slo.trim() ? [f.slo] : undefined,
    dims: inputs?.dims,
    shapes: inputs?.shapes,
    values: inputs?.values,
    data:
      f.dataset && inputs?.data
        ? { dataset: f.dataset, columns: inputs.data.columns, inputs: inputs.data.inputs }
        : undefined,
  };
}

/** The form with `NAME@V` (or `NAME`) chosen. */
function withModel(form: Form, ref: string | undefined): Form {
  if (!ref) return form;
  const at = ref.lastIndexOf('@');
  return at > 0 && /^\d+$/.test(ref.slice(at + 1))
    ? { ...form, name: ref.slice(0, at), version: ref.slice(at + 1) }
    : { ...form, name: ref };
}

/** Choose a model version, EPs (with their availability), the sweep and settings; run with live progress. */
export function NewRun({ onFinished, preset }: { onFinished: () => void; preset?: string }) {
  const models = useCall('models/list', {});
  const datasets = useCall('datasets/list', {});
  const [form, setForm] = useState<Form>(() => withModel(INITIAL, preset));
  const job = useJob();
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const name = form.name || models.data?.[0]?.name || '';
  const modelRef = form.version ? `${name}@${form.version}` : name;
  const batchSizes = ints(form.batch).filter((b) => Number.isInteger(b) && b >= 1);
  const plan = useCall('bench/inputs', { model: modelRef, batchSize: batchSizes[0] ?? 1 }, { skip: !modelRef });
  // Edits belong to one model: choosing another starts from its own suggestions.
  const [edits, setEdits] = useState<{ model: string; state: InputsState }>({ model: '', state: EMPTY_INPUTS });
  const inputsState = edits.model === modelRef ? edits.state : EMPTY_INPUTS;
  const choice = plan.data ? inputArgs(plan.data.inputs, inputsState, batchSizes, !!form.dataset) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const run = await job.start('bench/start', toArgs({ ...form, name }, choice));
    onFinished();
    if (run) navigate('bench', String(run.runId));
  };

  if (models.loading && !models.data) return <Loading what="models" />;
  if (models.error)
    return <ErrorBox title="The model list could not be read" error={models.error} onRetry={models.reload} />;
  if (!models.data?.length)
    return <p className="muted">Add a model on the Models screen first; then benchmark it here.</p>;

  return (
    <Section title="New benchmark" id="bench-new">
      <form className="bench-form" onSubmit={submit} aria-label="New benchmark">
        <fieldset disabled={job.state.running}>
          <div className="bench-fields">
            <label>
              Model
              <select
                aria-label="Model"
                value={name}
                onChange={(e) => setForm((f) => ({ ...f, name: e.target.value, version: '' }))}
              >
                {models.data.map((m) => (
                  <option key={m.name} value={m.name}>
                    {m.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Version
              <select aria-label="Version" value={form.version} onChange={(e) => set('version', e.target.value)}>
                <option value="">latest (@{models.data.find((m) => m.name === name)?.latestVersion})</option>
                {Array.from(
                  { length: models.data.find((m) => m.name === name)?.latestVersion ?? 0 },
                  (_, i) => i + 1,
                ).map((v) => (
                  <option key={v} value={String(v)}>
                    @{v}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Batch sizes
              <input
                aria-label="Batch sizes"
                value={form.batch}
                onChange={(e) => set('batch', e.target.value)}
                placeholder="1,8,32"
                aria-describedby="bench-batch-hint"
              />
            </label>
            <label>
              Concurrency
              <input
                aria-label="Concurrency"
                value={form.concurrency}
                onChange={(e) => set('concurrency', e.target.value)}
                placeholder="1,2,4"
              />
            </label>
            <label>
              Warm-up
              <input
                aria-label="Warm-up"
                value={form.warmup}
                onChange={(e) => set('warmup', e.target.value)}
                inputMode="numeric"
              />
            </label>
            <label>
              Measure
              <select
                aria-label="Measure"
                value={form.measure}
                onChange={(e) => set('measure', e.target.value as Form['measure'])}
              >
                <option value="iterations">iterations</option>
                <option value="duration">seconds</option>
                <option value="stable">until stable</option>
              </select>
            </label>
            {form.measure !== 'duration' ? (
              <label>
                {form.measure === 'stable' ? 'Max iterations' : 'Iterations'}
                <input
                  aria-label={form.measure === 'stable' ? 'Max iterations' : 'Iterations'}
                  value={form.iterations}
                  onChange={(e) => set('iterations', e.target.value)}
                  inputMode="numeric"
                />
              </label>
            ) : (
              <label>
                Seconds
                <input
                  aria-label="Seconds"
                  value={form.duration}
                  onChange={(e) => set('duration', e.target.value)}
                  inputMode="decimal"
                />
              </label>
            )}
            {form.measure === 'stable' && (
              <label>
                Tolerance
                <input
                  aria-label="Tolerance"
                  value={form.tolerance}
                  onChange={(e) => set('tolerance', e.target.value)}
                  inputMode="decimal"
                />
              </label>
            )}
            <label>
              Intra-op threads
              <input
                aria-label="Intra-op threads"
                value={form.threads}
                onChange={(e) => set('threads', e.target.value)}
                placeholder="default"
                inputMode="numeric"
              />
            </label>
            <label>
              Inter-op threads
              <input
                aria-label="Inter-op threads"
                value={form.interThreads}
                onChange={(e) => set('interThreads', e.target.value)}
                placeholder="default"
                inputMode="numeric"
              />
            </label>
            <label>
              Thread spinning
              <select
                aria-label="Thread spinning"
                value={form.spinning}
                onChange={(e) => set('spinning', e.target.value as Form['spinning'])}
              >
                <option value="default">default (on)</option>
                <option value="on">on</option>
                <option value="off">off</option>
              </select>
            </label>
            <label>
              Graph optimisation
              <select
                aria-label="Graph optimisation"
                value={form.optLevel}
                onChange={(e) => set('optLevel', e.target.value as Form['optLevel'])}
              >
                {['all', 'extended', 'basic', 'disabled'].map((l) => (
                  <option key={l}>{l}</option>
                ))}
              </select>
            </label>
            <label>
              Seed
              <input
                aria-label="Seed"
                value={form.seed}
                onChange={(e) => set('seed', e.target.value)}
                inputMode="numeric"
              />
            </label>
            <label>
              Dataset rows
              <select aria-label="Dataset rows" value={form.dataset} onChange={(e) => set('dataset', e.target.value)}>
                <option value="">none (values per input below)</option>
                {datasets.data?.map((d) => (
                  <option key={d.name} value={d.name}>
                    rows of {d.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              SLO
              <input
                aria-label="SLO"
                value={form.slo}
                onChange={(e) => set('slo', e.target.value)}
                placeholder="p99<=20ms, b8:p99<=30ms"
              />
            </label>
          </div>
          <p id="bench-batch-hint" className="muted">
            Comma-separated lists sweep: every EP × batch size × concurrency is one point, each in its own process.
          </p>
          <ModelInputs
            plan={plan}
            state={inputsState}
            onChange={(state) => setEdits({ model: modelRef, state })}
            datasetChosen={!!form.dataset}
            problem={choice?.problem ?? null}
            idPrefix="bench-new"
          />
          <Providers
            model={form.version ? `${name}@${form.version}` : name}
            selected={form.eps}
            onChange={(eps) => set('eps', eps)}
          />
          <div className="bench-actions">
            <button
              type="submit"
              className="button-primary"
              disabled={form.eps.length === 0 || !choice || choice.problem !== null}
            >
              Run benchmark
            </button>
          </div>
        </fieldset>
      </form>
      <BenchJobStatus job={job} label="Benchmark" failedTitle="The benchmark did not run" />
    </Section>
  );
}

/** Each EP probed for this model by creating a session with only that EP; unavailable ones say why. */
function Providers({
  model,
  selected,
  onChange,
}: {
  model: string;
  selected: EpName[];
  onChange: (eps: EpName[]) => void;
}) {
  const providers = useCall('bench/providers', { model });
  return (
    <fieldset className="bench-eps">
      <legend>Execution providers</legend>
      {providers.loading && <Loading what="execution providers (creating a session on each)" />}
      {providers.error ? (
        <ErrorBox title="Providers could not be probed" error={providers.error} onRetry={providers.reload} />
      ) : null}
      {providers.data?.map((p) => (
        <label key={p.name} className="bench-ep">
          <input
            type="checkbox"
            checked={selected.includes(p.name)}
            onChange={(e) => onChange(e.target.checked ? [...selected, p.name] : selected.filter((x) => x !== p.name))}
          />
          <span className="mono">{p.name}</span>{' '}
          {p.available ? (
            <span className="badge badge-ok">available</span>
          ) : (
            <span className="badge badge-muted">unavailable</span>
          )}
          {!p.available && (
            <span className="bench-ep-reason muted">
              <ProviderReason provider={p} />
            </span>
          )}
        </label>
      ))}
    </fieldset>
  );
}
