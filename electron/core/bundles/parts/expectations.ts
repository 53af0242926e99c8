// contracts/<stem>.expectations.json: the same contract as a Great Expectations 1.x suite, for teams that run GX.
import type { BundleFacts, FeatureRule } from '../../../../shared/types/bundles';
import type { ColumnDriftProfile } from '../../../../shared/types/drift';
import { clean, stableJson } from './util';

export interface Expectation {
  type: string;
  kwargs: Record<string, unknown>;
  meta: Record<string, unknown>;
}

/**
 * KL threshold: 0.1 nats. PSI is the symmetrised KL (KL(p‖q) + KL(q‖p)) and PSI ≥ 0.2 is the usual
 * "significant shift" alarm, so half of it bounds one direction. Preflight's own verdict remains the
 * per-feature drift test in the ODCS contract; this is the GX-side guard.
 */
export const KL_THRESHOLD = 0.1;
const KL_WHY =
  "threshold 0.1 = half the conventional PSI alarm of 0.2 (PSI is symmetrised KL); Preflight's verdict is the drift test in meta.drift";

/** {bins, weights} from a numeric profile: reference decile edges and in-range counts (binCounts[1..n-2]). */
export function numericPartition(
  edges: number[],
  counts: number[],
): { bins: number[]; weights: number[]; outside: number } | null {
  if (edges.length < 2 || counts.length !== edges.length + 1) return null;
  // Tied data gives repeated decile edges; GX wants increasing bins, so a zero-width bin's count joins the
  // next bin (totals unchanged).
  const bins = [edges[0]];
  const inner: number[] = [];
  let carry = 0;
  for (let i = 0; i < edges.length - 1; i++) {
    carry += counts[i + 1];
    if (edges[i + 1] > bins[bins.length - 1]) {
      bins.push(edges[i + 1]);
      inner.push(carry);
      carry = 0;
    }
  }
  if (inner.length === 0) return null;
  inner[inner.length - 1] += carry;
  const total = inner.reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  return { bins, weights: inner.map((c) => c / total), outside: counts[0] + counts[counts.length - 1] };
}

function klExpectation(f: FeatureRule, col: ColumnDriftProfile | undefined): Expectation | null {
  const p = col?.profile;
  if (!p) return null;
  const drift = f.drift ? { test: f.drift.test, threshold: f.drift.threshold } : null;
  if (p.kind === 'numerical') {
    const part = numericPartition(p.binEdges, p.binCounts);
    if (!part) return null;
    // Tail weight = the out-of-range allowance: values beyond the reference range are expected at that rate.
    const tail = Math.max(f.maxOutOfRangeShare ?? 0, 0.001);
    return {
      type: 'expect_column_kl_divergence_to_be_less_than',
      kwargs: {
        column: f.name,
        partition_object: { bins: part.bins, weights: part.weights },
        threshold: KL_THRESHOLD,
        tail_weight_holdout: clean(tail),
        internal_weight_holdout: 0,
        bucketize_data: true,
      },
      meta: {
        source: 'reference/profile.json binEdges/binCounts (reference deciles)',
        thresholdChoice: KL_WHY,
        tailWeightHoldout: 'the out-of-range allowance (min 0.001)',
        referenceOutsideEdges: part.outside,
        drift,
      },
    };
  }
  const total = p.categories.reduce((a, [, n]) => a + n, 0);
  if (total <= 0) return null;
  return {
    type: 'expect_column_kl_divergence_to_be_less_than',
    kwargs: {
      column: f.name,
      partition_object: { values: p.categories.map(([v]) => v), weights: p.categories.map(([, n]) => n / total) },
      threshold: KL_THRESHOLD,
    },
    meta: {
      source: 'reference/profile.json category counts',
      thresholdChoice: KL_WHY,
      truncated: p.truncated,
      unseen: "unseen categories make KL infinite; their allowance is the in_set expectation's mostly",
      drift,
    },
  };
}

function featureExpectations(f: FeatureRule, col: ColumnDriftProfile | undefined): Expectation[] {
  const out: Expectation[] = [{ type: 'expect_column_to_exist', kwargs: { column: f.name }, meta: {} }];
  out.push({
    type: 'expect_column_values_to_not_be_null',
    kwargs: { column: f.name, mostly: clean(1 - f.maxNullRate) },
    meta: { referenceNullRate: f.referenceNullRate, maxNullRate: f.maxNullRate },
  });
  if (f.kind === 'numerical' && f.min !== null && f.max !== null) {
    out.push({
      type: 'expect_column_values_to_be_between',
      kwargs: {
        column: f.name,
        min_value: f.min,
        max_value: f.max,
        strict_min: false,
        strict_max: false,
        mostly: clean(1 - (f.maxOutOfRangeShare ?? 0)),
      },
      meta: { source: 'reference range', maxOutOfRangeShare: f.maxOutOfRangeShare },
    });
  }
  if (f.kind === 'categorical' && f.categories !== null) {
    out.push({
      type: 'expect_column_values_to_be_in_set',
      kwargs: { column: f.name, value_set: f.categories, mostly: clean(1 - (f.maxUnseenShare ?? 0)) },
      meta: { source: 'reference categories', maxUnseenShare: f.maxUnseenShare },
    });
  }
  const kl = klExpectation(f, col);
  if (kl) out.push(kl);
  return out;
}

export function expectationSuite(facts: BundleFacts): {
  name: string;
  expectations: Expectation[];
  meta: Record<string, unknown>;
  notes: string;
} {
  const cols = new Map(facts.reference.profile.columns.map((c) => [c.name, c]));
  const expectations: Expectation[] = [
    {
      type: 'expect_table_columns_to_match_set',
      kwargs: { column_set: facts.features.map((f) => f.name), exact_match: false },
      meta: { note: 'extra columns are allowed; every feature must be present' },
    },
  ];
  for (const f of facts.features) expectations.push(...featureExpectations(f, cols.get(f.name)));
  return {
    name: `${facts.stem}.v${facts.model.version}`,
    expectations,
    meta: {
      great_expectations_version: '1.x',
      generator: `preflight ${facts.versions.preflight}`,
      reference: {
        dataset: facts.reference.dataset,
        rows: facts.reference.rows,
        profileSha256: facts.reference.profileSha256,
      },
    },
    notes: `Generated by Preflight from the reference profile of ${facts.reference.dataset}; mostly = 1 - the contract's allowance.`,
  };
}

export function expectationsJson(facts: BundleFacts): string {
  return stableJson(expectationSuite(facts));
}
