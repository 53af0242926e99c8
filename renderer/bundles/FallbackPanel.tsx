import { useMemo } from 'react';
import type { ArgsOf } from '../../shared/contract/methods';
import type { FallbackOutcome } from '../../shared/types/bundles';
import { Chart } from '../charts/index';
import { automationAt, confidenceHistogramOption, gateCurveOption } from './charts';
import { num, pct } from './format';

/** What the user chose for the confidence-gated fallback; turned into the contract's `fallback`. */
export interface FallbackChoice {
  enabled: boolean;
  /** '' = the model's first float output. */
  output: string;
  mode: 'threshold' | 'rate';
  threshold: number;
  rate: number;
  action: string;
  /** '' = no label column. */
  labelColumn: string;
}

export const DEFAULT_FALLBACK: FallbackChoice = {
  enabled: true,
  output: '',
  mode: 'rate',
  threshold: 0.8,
  rate: 0.9,
  action: 'human review',
  labelColumn: '',
};

const ACTIONS = ['human review', 'rule-based decision', 'safe default (decline)', 'previous model version'];

export function fallbackArgs(c: FallbackChoice): ArgsOf<'bundles/export'>['fallback'] {
  if (!c.enabled) return null;
  return {
    ...(c.output ? { output: c.output } : {}),
    ...(c.mode === 'threshold' ? { threshold: c.threshold } : { automationRate: c.rate }),
    action: c.action.trim() || 'human review',
    ...(c.labelColumn ? { labelColumn: c.labelColumn } : {}),
  };
}

interface FallbackPanelProps {
  outcome: FallbackOutcome | undefined;
  scoreOutputs: string[];
  columns: string[];
  choice: FallbackChoice;
  onChange: (c: FallbackChoice) => void;
  /** A newer preview is being computed for the current choice. */
  updating: boolean;
}

export function FallbackPanel({ outcome, scoreOutputs, columns, choice, onChange, updating }: FallbackPanelProps) {
  const set = (patch: Partial<FallbackChoice>) => onChange({ ...choice, ...patch });
  const policy = outcome?.policy ?? null;
  // While a new preview runs, the charts follow the slider at once; the measured numbers follow the core.
  const shownThreshold = choice.mode === 'threshold' ? choice.threshold : (policy?.threshold ?? 0);
  const histogram = useMemo(
    () => (policy ? confidenceHistogramOption(policy, shownThreshold) : null),
    [policy, shownThreshold],
  );
  const curve = useMemo(() => (policy ? gateCurveOption(policy, shownThreshold) : null), [policy, shownThreshold]);

  if (!outcome) return <p className="muted">Measuring the model's confidence on the reference rows…</p>;
  if (outcome.reason !== null) {
    return (
      <div className="bundle-note" role="note">
        <strong>No fallback policy for this model.</strong> {outcome.reason}
      </div>
    );
  }
  const estimate = choice.mode === 'threshold' && policy ? automationAt(policy, choice.threshold) : null;
  return (
    <div className="bundle-fallback">
      <fieldset className="bundle-fieldset bundle-fallback-controls">
        <legend>Policy</legend>
        <label className="bundle-check">
          <input type="checkbox" checked={choice.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> Gate
          requests on the model's confidence
        </label>
        {choice.enabled && (
          <>
            <label>
              Score output{' '}
              <select
                aria-label="Score output"
                value={choice.output || policy?.output || ''}
                onChange={(e) => set({ output: e.target.value })}
              >
                {scoreOutputs.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            </label>
            <div className="bundle-mode" role="radiogroup" aria-label="Choose the gate by">
              <label>
                <input
                  type="radio"
                  name="fallback-mode"
                  checked={choice.mode === 'threshold'}
                  onChange={() =>
                    set({ mode: 'threshold', threshold: Number((policy?.threshold ?? choice.threshold).toFixed(3)) })
                  }
                />{' '}
                threshold
              </label>
              <label>
                <input
                  type="radio"
                  name="fallback-mode"
                  checked={choice.mode === 'rate'}
                  onChange={() =>
                    set({ mode: 'rate', rate: Number((policy?.measured.automationRate ?? choice.rate).toFixed(3)) })
                  }
                />{' '}
                target automation rate
              </label>
            </div>
            {choice.mode === 'threshold' ? (
              <Slider
                label="Confidence threshold"
                value={choice.threshold}
                min={0}
                max={1}
                onChange={(threshold) => set({ threshold })}
                format={(v) => v.toFixed(3)}
              />
            ) : (
              <Slider
                label="Target automation rate"
                value={choice.rate}
                min={0.01}
                max={1}
                onChange={(rate) => set({ rate })}
                format={(v) => pct(v)}
              />
            )}
            <label>
              Below the threshold{' '}
              <input
                aria-label="Fallback action"
                list="bundle-fallback-actions"
                value={choice.action}
                maxLength={200}
                size={22}
                onChange={(e) => set({ action: e.target.value })}
              />
              <datalist id="bundle-fallback-actions">
                {ACTIONS.map((a) => (
                  <option key={a} value={a} />
                ))}
              </datalist>
            </label>
            <label>
              Label column{' '}
              <select
                aria-label="Label column"
                value={choice.labelColumn}
                onChange={(e) => set({ labelColumn: e.target.value })}
              >
                <option value="">none (no accuracy)</option>
                {columns.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
      </fieldset>
      {!choice.enabled ? (
        <p className="muted">
          No fallback policy: every request is decided by the model. The runbook and the data contract will say so.
        </p>
      ) : (
        policy && (
          <>
            <dl className="facts bundle-measured" aria-live="polite" aria-busy={updating}>
              <dt>Threshold</dt>
              <dd className="mono">
                confidence ≥ {num(policy.threshold)} (
                {policy.confidence === 'binary-score' ? 'max(p, 1 − p) of one score' : 'top class probability'} of{' '}
                {policy.output})
              </dd>
              <dt>Decided by the model</dt>
              <dd className="mono" data-testid="bundle-automation-rate">
                {pct(policy.measured.automationRate)} of {policy.measured.rows} reference rows
                {estimate !== null && updating
                  ? ` (≈ ${pct(estimate)} at ${choice.threshold.toFixed(3)}, measuring…)`
                  : ''}
              </dd>
              <dt>Accuracy above / below</dt>
              <dd className="mono">
                {policy.measured.labelColumn
                  ? `${pct(policy.measured.accuracyAbove)} / ${pct(policy.measured.accuracyBelow)} (labels: ${policy.measured.labelColumn})`
                  : '— (choose a label column)'}
              </dd>
              <dt>Otherwise</dt>
              <dd>{policy.fallback}</dd>
            </dl>
            <div className="grid-2">
              {histogram && (
                <Chart
                  option={histogram}
                  ariaLabel={`Histogram of the model's top confidence on ${policy.measured.rows} reference rows, with the threshold at ${num(policy.threshold)}`}
                  height={220}
                />
              )}
              {curve && (
                <Chart
                  option={curve}
                  ariaLabel="Share of rows decided by the model (and accuracy above the threshold) for every threshold"
                  height={220}
                />
              )}
            </div>
          </>
        )
      )}
    </div>
  );
}

function Slider({
  label,
  value,
  min,
  max,
  onChange,
  format,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (v: number) => void;
  format: (v: number) => string;
}) {
  const clamp = (v: number) => Math.min(max, Math.max(min, v));
  return (
    <label className="bundle-slider">
      {label}{' '}
      <input
        type="range"
        aria-label={label}
        min={min}
        max={max}
        step={0.005}
        value={value}
        onChange={(e) => onChange(clamp(Number(e.target.value)))}
      />
      <input
        type="number"
        aria-label={`${label} value`}
        min={min}
        max={max}
        step={0.01}
        value={Number(value.toFixed(3))}
        onChange={(e) =>
          e.target.value !== '' && Number.isFinite(Number(e.target.value)) && onChange(clamp(Number(e.target.value)))
        }
        className="mono"
      />
      <span className="muted mono">{format(value)}</span>
    </label>
  );
}
