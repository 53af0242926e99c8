// The production-ready checklist as the bundle carries it (readiness.json, the runbook's first
// section): derived like `preflight ready`, with the bundle being exported standing in for the
// version's bundles — so it says what this bundle proves, and depends on no earlier export.

import type { BundleFacts, BundleRecordFacts } from '../../../shared/types/bundles';
import type { CoreContext } from '../context';
import type { JobContext } from '../jobs/manager';
import { readiness } from '../readiness/items';

export function recordFacts(facts: BundleFacts): BundleRecordFacts {
  return {
    goldenRows: facts.golden?.rows ?? 0,
    fallback: facts.fallback.policy
      ? {
          output: facts.fallback.policy.output,
          threshold: facts.fallback.policy.threshold,
          automationRate: facts.fallback.policy.measured.automationRate,
        }
      : { reason: facts.fallback.reason },
    previous: facts.previous && { version: facts.previous.version, sha256: facts.previous.sha256 },
    measured: { bench: facts.bench !== null, drift: facts.drift !== null },
  };
}

export async function addReadiness(
  core: CoreContext,
  facts: BundleFacts,
  job: JobContext,
): Promise<{ targetEp: string; ready: boolean }> {
  const m = facts.model;
  const r = await readiness(core, `${m.name}@${m.version}`, job, {
    id: 0,
    createdAt: new Date().toISOString(),
    model: { name: m.name, version: m.version, sha256: m.sha256 },
    reference: facts.reference.dataset,
    benchRun: facts.bench?.runId ?? null,
    driftReport: facts.drift?.reportId ?? null,
    signed: false,
    keyFingerprint: null,
    sha256: '',
    bytes: 0,
    path: 'bundle.zip',
    fileId: null,
    exportSeconds: 0,
    facts: recordFacts(facts),
  });
  facts.readiness = r.items.map((i) => ({
    id: i.id,
    title: i.title,
    state: i.state,
    detail: i.detail,
    evidence: i.evidence.map((e) => ({ label: e.label, sha256: e.sha256 })),
  }));
  return { targetEp: r.targetEp, ready: r.ready };
}
