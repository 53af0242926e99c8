// The Model and Settings lines of a run's summary. An A/B run measured two arms that may differ in
// model and settings: both are shown (the run's own settings are arm A's).
import type { BenchPointResult, BenchRun } from '../../shared/types/bench';
import { href } from '../router/index';
import { usePointModel, type PointModel } from './pointModel';

function ModelLink({ model }: { model: PointModel }) {
  return (
    <>
      <a href={href('models', model.ref)}>{model.ref}</a>{' '}
      <span className="mono muted">{model.sha256 ? `sha256:${model.sha256}` : 'sha256 unknown'}</span>
    </>
  );
}

export function ModelFacts({ run }: { run: BenchRun }) {
  const a = usePointModel(run, 0);
  const b = usePointModel(run, 1);
  const ab = run.kind === 'ab' && a && b && a.ref !== b.ref;
  return (
    <>
      <dt>{ab ? 'Models' : 'Model'}</dt>
      <dd data-testid="bench-run-model">
        {ab ? (
          <>
            A: <ModelLink model={a} />
            <br />
            B: <ModelLink model={b} />
          </>
        ) : (
          <ModelLink model={{ ref: `${run.model.name}@${run.model.version}`, sha256: run.model.sha256 }} />
        )}
      </dd>
    </>
  );
}

const spinning = (v: boolean | null) => (v === null ? 'default' : v ? 'on' : 'off');

export function SettingsFacts({ run }: { run: BenchRun }) {
  const s = run.settings;
  if (run.kind === 'ab' && run.results.length === 2) {
    const [a, b] = run.results.map(armSettings);
    return (
      <>
        <dt>Settings</dt>
        <dd className="mono" data-testid="bench-run-settings">
          warm-up {s.warmup}, {s.iterations ?? '—'} iterations per arm (interleaved), batch {s.batchSizes.join(',')},
          seed {s.seed}
          {a === b ? (
            <>
              <br />A and B: {a}
            </>
          ) : (
            <>
              <br />
              A: {a}
              <br />
              B: {b}
            </>
          )}
        </dd>
      </>
    );
  }
  return (
    <>
      <dt>Settings</dt>
      <dd className="mono" data-testid="bench-run-settings">
        warm-up {s.warmup}, {s.durationSec ? `${s.durationSec} s` : `${s.iterations ?? '—'} iterations`}
        {s.stability ? `, until stable (±${s.stability.tolerance * 100}%)` : ''}, intra-op{' '}
        {s.intraOpThreads ?? 'default'}, inter-op {s.interOpThreads ?? 'default'}, spinning {spinning(s.allowSpinning)},
        optimisation {s.graphOptimizationLevel}, seed {s.seed}
      </dd>
    </>
  );
}

interface StoredSessionOptions {
  graphOptimizationLevel?: string;
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
  extra?: { session?: { intra_op?: { allow_spinning?: string } } };
}

/** One arm's settings, read back from the session options it actually ran with. */
export function armSettings(p: BenchPointResult): string {
  const o = p.sessionOptions as StoredSessionOptions;
  const spin = o.extra?.session?.intra_op?.allow_spinning;
  return `${p.ep}, intra-op ${o.intraOpNumThreads ?? 'default'}, inter-op ${o.interOpNumThreads ?? 'default'}, spinning ${spin === undefined ? 'default' : spinning(spin === '1')}, optimisation ${o.graphOptimizationLevel ?? 'all'}`;
}
