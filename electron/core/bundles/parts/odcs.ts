// contracts/<stem>.odcs.yaml: the feature data contract in ODCS v3.1.0. Key order is built here (dump does
// not sort) so the YAML reads top-down like the standard's examples and stays byte-identical across exports.
import { dump } from 'js-yaml';
import type { BundleFacts, FeatureRule } from '../../../../shared/types/bundles';
import { clean, orPlaceholder } from './util';

type Obj = Record<string, unknown>;

const LOGICAL: Record<string, string> = {
  integer: 'integer',
  float: 'number',
  boolean: 'boolean',
  datetime: 'timestamp',
};

/** ODCS quality percentages: shares × 100, rounded off binary noise. */
const pct = (share: number): number => clean(share * 100);

/** ODCS StableId allows only [A-Za-z0-9_-]. */
export function stableId(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]/g, '_');
}

function qualityOf(f: FeatureRule): Obj[] {
  const id = stableId(f.name);
  const q: Obj[] = [
    {
      id: `${id}_nulls`,
      type: 'library',
      metric: 'nullValues',
      mustBeLessOrEqualTo: pct(f.maxNullRate),
      unit: 'percent',
      description: `Null rate at most ${pct(f.maxNullRate)}% (reference: ${pct(f.referenceNullRate)}%)`,
      dimension: 'completeness',
      severity: 'error',
    },
  ];
  if (f.kind === 'numerical' && f.min !== null && f.max !== null && f.maxOutOfRangeShare !== null) {
    q.push({
      id: `${id}_range`,
      type: 'custom',
      engine: 'great-expectations',
      implementation: {
        type: 'expect_column_values_to_be_between',
        kwargs: { column: f.name, min_value: f.min, max_value: f.max, mostly: clean(1 - f.maxOutOfRangeShare) },
      },
      description: `At most ${pct(f.maxOutOfRangeShare)}% of values outside the reference range [${f.min}, ${f.max}]`,
      dimension: 'conformity',
      severity: 'warning',
    });
  }
  if (f.kind === 'categorical' && f.categories !== null && f.maxUnseenShare !== null) {
    q.push({
      id: `${id}_unseen`,
      type: 'library',
      metric: 'invalidValues',
      arguments: { validValues: f.categories },
      mustBeLessOrEqualTo: pct(f.maxUnseenShare),
      unit: 'percent',
      description: `At most ${pct(f.maxUnseenShare)}% of values in categories the reference never had`,
      dimension: 'conformity',
      severity: 'warning',
    });
  }
  if (f.drift) {
    const cmp = f.drift.scoreKind === 'p_value' ? 'at least' : 'below';
    q.push({
      id: `${id}_drift`,
      type: 'custom',
      engine: 'preflight',
      implementation: {
        test: f.drift.test,
        threshold: f.drift.threshold,
        scoreKind: f.drift.scoreKind,
        reference: 'reference/profile.json',
        scoreAtExport: f.driftScore,
      },
      description: `Drift ${f.drift.test} ${f.drift.scoreKind === 'p_value' ? 'p-value' : 'distance'} ${cmp} ${f.drift.threshold} against the shipped reference profile`,
      dimension: 'consistency',
      severity: 'warning',
    });
  }
  return q;
}

function propertyOf(f: FeatureRule): Obj {
  const logicalType = f.kind === 'categorical' ? 'string' : (LOGICAL[f.columnType] ?? 'string');
  const p: Obj = { id: stableId(f.name), name: f.name, logicalType, physicalType: f.columnType, required: !f.nullable };
  if ((logicalType === 'number' || logicalType === 'integer') && f.min !== null && f.max !== null) {
    p.logicalTypeOptions = { minimum: f.min, maximum: f.max };
  }
  if (f.input) p.description = `Feeds model input ${f.input.name}[${f.input.index}]`;
  p.quality = qualityOf(f);
  return p;
}

export function odcsContract(facts: BundleFacts): Obj {
  const { model, owner } = facts;
  const contract: Obj = {
    apiVersion: 'v3.1.0',
    kind: 'DataContract',
    id: `${stableId(facts.stem)}-v${model.version}-${model.sha256.slice(0, 12)}`,
    name: facts.stem,
    version: `${model.version}.0.0`,
    status: 'active',
    description: {
      purpose: `Features scored by ${model.name} v${model.version} (sha256 ${model.sha256}).`,
      usage: 'Check each production batch with `preflight validate --bundle bundle.zip --data <batch>`.',
    },
    schema: [
      {
        id: 'features',
        name: facts.stem,
        physicalType: 'table',
        description: `Reference: ${facts.reference.dataset} (${facts.reference.rows} rows, profile sha256 ${facts.reference.profileSha256})`,
        properties: facts.features.map(propertyOf),
        quality: [
          {
            id: 'dataset_drift',
            type: 'custom',
            engine: 'preflight',
            implementation: { datasetDriftShare: facts.datasetDriftShare, reference: 'reference/profile.json' },
            description: `Dataset drift when the share of drifted features reaches ${facts.datasetDriftShare}`,
            dimension: 'consistency',
            severity: 'warning',
          },
        ],
      },
    ],
    team: {
      name: orPlaceholder(owner.team, '<team>'),
      members: [
        { username: orPlaceholder(owner.contact, '<contact>'), role: 'owner' },
        { username: orPlaceholder(owner.escalation, '<escalation>'), role: 'escalation' },
      ],
    },
    support: [
      { channel: orPlaceholder(owner.contact, '<contact>'), scope: 'issues', description: 'On-call for this model' },
    ],
  };
  if (facts.slos.length > 0) {
    contract.slaProperties = facts.slos.map((s, i) => ({
      id: `latency_${i + 1}`,
      property: 'latency',
      value: s.thresholdMs,
      unit: 'ms',
      element: facts.stem,
      driver: 'operational',
      description:
        `${s.text}: ${s.percentile} on ${s.ep}, batch ${s.batchSize}, concurrency ${s.concurrency}; ` +
        (s.measuredMs === null ? 'not measured' : `measured ${s.measuredMs} ms`) +
        ` (${s.origin})`,
    }));
  }
  const f = facts.fallback;
  const fallback = f.policy
    ? {
        property: 'fallbackPolicy',
        value: {
          output: f.policy.output,
          confidence: f.policy.confidence,
          threshold: f.policy.threshold,
          fallback: f.policy.fallback,
          ...f.policy.measured,
        },
        description:
          'Confidence-gated fallback; rows, automationRate and accuracies measured on the reference rows at export',
      }
    : { property: 'fallbackPolicy', value: null, description: `No fallback policy: ${f.reason}` };
  contract.customProperties = [{ property: 'modelSha256', value: model.sha256 }, fallback];
  contract.contractCreatedTs = facts.createdAt;
  return contract;
}

export function odcsYaml(facts: BundleFacts): string {
  return dump(odcsContract(facts), { sortKeys: false, lineWidth: -1, noRefs: true });
}
