// Drift and the profile-based quality rules (values outside the reference range, unseen categories)
// from the drift report that profile-mode drift produced on the batch with the bundle's thresholds.

import type { FeatureRule, ValidateCheck } from '../../../../shared/types/bundles';
import type { DriftReport, FeatureDrift } from '../../../../shared/types/drift';
import { pct } from './schema-checks';

/** Effect sizes that are the test's own score (not worth repeating beside it). */
const SAME_AS_TEST: Record<string, string[]> = {
  wasserstein: ['wasserstein_normed'],
  jensenshannon: ['jensen_shannon'],
  psi: ['psi'],
};

export function driftChecks(report: DriftReport, rules: FeatureRule[]): ValidateCheck[] {
  const checks: ValidateCheck[] = [];
  const first = report.windows?.firstDrift ?? {};
  for (const f of report.features) {
    const rule = rules.find((r) => r.name === f.name);
    if (!rule) continue;
    if (rule.maxOutOfRangeShare !== null && f.outOfRangeShare !== null) {
      checks.push({
        kind: 'quality',
        rule: 'out-of-range',
        feature: f.name,
        ok: f.outOfRangeShare <= rule.maxOutOfRangeShare + 1e-12,
        value: f.outOfRangeShare,
        limit: rule.maxOutOfRangeShare,
        message: `${pct(f.outOfRangeShare)} of values outside the reference range [${rule.min}, ${rule.max}] (limit ${pct(rule.maxOutOfRangeShare)})`,
      });
    }
    if (rule.maxUnseenShare !== null && f.unseenCategoryShare !== null) {
      const unseen = unseenNames(f);
      checks.push({
        kind: 'quality',
        rule: 'unseen-categories',
        feature: f.name,
        ok: f.unseenCategoryShare <= rule.maxUnseenShare + 1e-12,
        value: f.unseenCategoryShare,
        limit: rule.maxUnseenShare,
        message: `${pct(f.unseenCategoryShare)} of values are categories the reference never had${unseen.length ? ` (${unseen.join(', ')})` : ''} (limit ${pct(rule.maxUnseenShare)})`,
      });
    }
    if (!rule.drift) continue;
    checks.push({
      kind: 'drift',
      rule: 'drift',
      feature: f.name,
      ok: !f.tested || !f.drifted,
      value: f.score,
      limit: f.threshold,
      firstWindow: first[f.name] ?? null,
      message: !f.tested
        ? `not tested: ${f.findings[0] ?? 'no values on one side'}`
        : `${f.test} ${f.scoreKind === 'p_value' ? 'p-value' : 'distance'} ${num(f.score)} ${f.drifted ? (f.scoreKind === 'p_value' ? '≤' : '≥') : f.scoreKind === 'p_value' ? '>' : '<'} ${f.threshold}${f.effectSize.value !== null && !SAME_AS_TEST[f.test]?.includes(f.effectSize.name) ? ` (${f.effectSize.name} ${num(f.effectSize.value)})` : ''}${first[f.name] ? `; first drifted window ${first[f.name]}` : ''}`,
    });
  }
  const d = report.dataset;
  if (d.total > 0) {
    checks.push({
      kind: 'drift',
      rule: 'dataset-drift',
      feature: null,
      ok: !d.detected,
      value: d.share,
      limit: d.threshold,
      message: `${d.drifted} of ${d.total} features drifted (share ${d.share.toFixed(2)}, limit ${d.threshold})`,
    });
  }
  return checks;
}

/** Categories of the current side that the reference histogram has at zero. */
function unseenNames(f: FeatureDrift): string[] {
  const h = f.histogram;
  if (!h || h.kind !== 'categorical') return [];
  return h.categories.filter((_, i) => h.reference[i] === 0 && h.current[i] > 0).slice(0, 5);
}

export function num(x: number | null): string {
  if (x === null) return '—';
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? x.toExponential(2) : x.toFixed(a < 1 ? 4 : 2);
}
