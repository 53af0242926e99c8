// Prediction drift and the fallback rate on a batch: from the model outputs the service logged
// (--predictions), or by running the bundle's model on the batch. Outputs are compared with the
// reference outputs shipped in reference/predictions.json by the same profile-mode statistics as features.

import { compareCategorical, compareNumeric, decodeProfile } from '../../../../shared/math/drift-profile/index';
import { confidencesOf } from '../../../../shared/math/fallback';
import type { ValidateCheck, ValidateResult } from '../../../../shared/types/bundles';
import type { DatasetDriftProfile } from '../../../../shared/types/drift';
import type { PredictOutput } from '../../drift/predict-child';
import { outputSignals } from '../predictions-profile';
import type { FallbackDoc } from './read-bundle';
import { num } from './drift-checks';
import { pct } from './schema-checks';

/** Numeric output signals of the shipped predictions profile, in order (the columns --predictions maps to). */
export function scoreSignals(predictionsJson: string | null): string[] {
  if (!predictionsJson) return [];
  return decodeProfile(predictionsJson)
    .columns.filter((c) => c.profile?.kind === 'numerical')
    .map((c) => c.name);
}

/** The model's outputs on the batch (a sample of it), compared signal by signal with the reference outputs. */
export function comparePredictions(reference: DatasetDriftProfile, outputs: PredictOutput[]): ValidateCheck[] {
  const checks: ValidateCheck[] = [];
  for (const s of outputSignals(outputs)) {
    const r = reference.columns.find((x) => x.name === s.name)?.profile;
    if (!r) continue;
    const res =
      r.kind === 'numerical' && s.columnType === 'score'
        ? compareNumeric({ profile: r, sorted: null }, { sorted: s.sorted, missing: 0, nan: 0, posInf: 0, negInf: 0 })
        : r.kind === 'categorical' && s.columnType !== 'score'
          ? compareCategorical(r, { counts: s.counts, missing: 0 })
          : null;
    if (!res) continue;
    checks.push({
      kind: 'prediction',
      rule: 'prediction-drift',
      feature: s.name,
      ok: !res.drifted,
      value: res.score,
      limit: res.threshold,
      message: `${res.test} ${res.scoreKind === 'p_value' ? 'p-value' : 'distance'} ${num(res.score)} against the reference outputs (threshold ${res.threshold})`,
    });
  }
  return checks;
}

/** Share of rows the model would decide at the bundle's threshold, against the rate measured at export. */
export function fallbackCheck(
  doc: FallbackDoc | null,
  values: ArrayLike<number> | null,
  width: number,
): { check: ValidateCheck | null; summary: ValidateResult['fallback'] } {
  const policy = doc?.policy;
  if (!policy || !values) return { check: null, summary: null };
  const conf = confidencesOf(values, width);
  if ('reason' in conf)
    return {
      check: {
        kind: 'fallback',
        rule: 'automation-rate',
        feature: policy.output,
        ok: false,
        value: null,
        limit: null,
        message: `the outputs are not probabilities: ${conf.reason}`,
      },
      summary: null,
    };
  let above = 0;
  for (const v of conf.values) if (v >= policy.threshold) above++;
  const rate = above / conf.values.length;
  const min = doc.monitor?.minAutomationRate ?? Math.max(0, policy.measured.automationRate - 0.05);
  return {
    check: {
      kind: 'fallback',
      rule: 'automation-rate',
      feature: policy.output,
      ok: rate >= min,
      value: rate,
      limit: min,
      message: `${pct(rate)} of rows decided by the model at confidence ≥ ${Number(policy.threshold.toPrecision(4))} (measured at export ${pct(policy.measured.automationRate)}; alert below ${pct(min)}); the rest go to ${policy.fallback}`,
    },
    summary: {
      threshold: policy.threshold,
      measuredAutomationRate: policy.measured.automationRate,
      automationRate: rate,
      rows: conf.values.length,
    },
  };
}
