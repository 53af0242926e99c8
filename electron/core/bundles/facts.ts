// Everything a bundle's parts are generated from, assembled once (BundleFacts), so the preview the
// user reviews and the bundle that is written come from the same numbers.

import { createHash } from 'node:crypto';
import type { ParsedArgsOf } from '../../../shared/contract/methods';
import type { BundleFacts, BundlePreview } from '../../../shared/types/bundles';
import type { CoreContext } from '../context';
import { subJob } from '../drift/job-util';
import type { DatasetSource } from '../drift/sources';
import type { JobContext } from '../jobs/manager';
import { fallbackPolicy, scoreOutputNames } from './fallback';
import { predictionsProfile } from './predictions-profile';
import { deriveSlos, featureRules } from './rules';
import { scoreReference, type Scored } from './score';
import { gatherSources, type ExportSources } from './sources';

type Plan = ParsedArgsOf<'bundles/preview'>;

export interface Assembled {
  facts: BundleFacts;
  sources: ExportSources;
  warnings: string[];
}

/** The recorded time: SOURCE_DATE_EPOCH (reproducible builds' convention) when set, else now. */
export function exportTime(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date();
}

export async function assembleFacts(
  core: CoreContext,
  plan: Plan,
  job: JobContext,
  forPreview: boolean,
): Promise<Assembled> {
  const sources = await gatherSources(core, plan, subJob(job, 0, 0.4, ''), (f, m) => job.progress(f * 0.4, m));
  const { model, dataset } = sources;
  const warnings: string[] = [];
  const source: DatasetSource = {
    id: dataset.id,
    name: dataset.name,
    rows: dataset.rows,
    columns: dataset.columnInfo,
    importedFrom: null,
    importedNow: false,
  };

  let scored: Scored | null = null;
  if (sources.mapping) {
    job.progress(0.4, 'running the model on reference rows (golden rows, confidence)');
    scored = await scoreReference(
      core,
      sources.modelPath,
      source,
      model.metadata.inputs,
      model.metadata.outputs,
      sources.mapping,
      plan.goldenRows,
      plan.fallback?.labelColumn ?? null,
      subJob(job, 0.4, 0.8, 'scoring: '),
    );
    if (!scored)
      warnings.push(
        `no complete row of ${dataset.name} could feed the model: the bundle has no golden rows, so --replay cannot run`,
      );
  } else {
    warnings.push(
      `the model's inputs cannot be fed from ${dataset.name}'s columns (${sources.mappingProblem ?? 'no mapping'}): no golden rows and no measured fallback; save a mapping with \`preflight drift --model\` first`,
    );
  }
  if (!sources.bench)
    warnings.push(
      `no benchmark run of ${model.name}@${model.version}: the SLOs are not measured (run \`preflight bench ${model.name}@${model.version}\`)`,
    );
  if (!sources.drift)
    warnings.push(
      `no drift report against ${dataset.name}: the runbook's drift thresholds come from the defaults, not from a measured report`,
    );

  const features = featureRules(sources.profile, sources.drift, sources.mapping);
  const slos = deriveSlos(sources.bench, plan.slos, plan.sloHeadroom);
  for (const s of slos)
    if (s.met === false)
      warnings.push(
        `SLO ${s.text} is not met by the benchmark: ${s.ep} batch ${s.batchSize} measured ${s.percentile} = ${s.measuredMs?.toFixed(3)} ms`,
      );
  const fallback = fallbackPolicy(model.metadata, scored, plan.fallback, forPreview);

  const b = sources.bench;
  const d = sources.drift;
  const createdAt = exportTime().toISOString();
  const facts: BundleFacts = {
    stem: model.name,
    model: {
      name: model.name,
      version: model.version,
      sha256: model.sha256,
      contentDigest: sources.contentDigest,
      files: model.files,
      metadata: model.metadata,
      addedAt: model.addedAt,
    },
    previous: sources.previous,
    reference: {
      dataset: dataset.name,
      rows: dataset.rows,
      profileSha256: createHash('sha256').update(sources.profileJson).digest('hex'),
      profile: sources.profile,
    },
    features,
    datasetDriftShare: d?.dataset.threshold ?? 0.5,
    bench: b && {
      runId: b.runId,
      startedAt: b.startedAt,
      environment: b.environment,
      points: b.results
        .filter((r) => r.latencyMs && !r.error)
        .map((r) => ({
          ep: r.ep,
          batchSize: r.batchSize,
          concurrency: r.concurrency,
          iterations: r.iterations,
          latencyMs: {
            mean: r.latencyMs!.mean,
            p50: r.latencyMs!.p50,
            p90: r.latencyMs!.p90,
            p95: r.latencyMs!.p95,
            p99: r.latencyMs!.p99,
            p999: r.latencyMs!.p999,
            max: r.latencyMs!.max,
          },
          throughput: r.throughput?.inferencesPerSec ?? 0,
          peakRssBytes: r.peakRssBytes,
        })),
    },
    drift: d && {
      reportId: d.id,
      createdAt: d.createdAt,
      current: d.current.name,
      share: d.dataset.share,
      detected: d.dataset.detected,
      predictionScores: (d.predictions?.outputs ?? []).map((o) => ({
        name: o.name,
        score: o.score,
        threshold: o.threshold,
        test: o.test,
      })),
    },
    slos,
    fallback,
    golden: scored?.golden ?? null,
    mapping: sources.mapping?.inputs ?? null,
    predictions: scored
      ? predictionsProfile(scored.sample.outputs, scored.sample.rowIndex.length, createdAt, dataset.name)
      : null,
    owner: {
      team: plan.owner?.team ?? '',
      contact: plan.owner?.contact ?? '',
      escalation: plan.owner?.escalation ?? '',
    },
    versions: { preflight: core.appVersion, onnxruntime: model.loadCheck.ortVersion },
    createdAt,
  };
  return { facts, sources, warnings };
}

export function previewOf(a: Assembled, runbookMarkdown: string): BundlePreview {
  const { facts, sources } = a;
  return {
    model: { name: facts.model.name, version: facts.model.version, sha256: facts.model.sha256 },
    previous: facts.previous,
    reference: { dataset: facts.reference.dataset, rows: facts.reference.rows },
    bench: sources.bench && { runId: sources.bench.runId, startedAt: sources.bench.startedAt },
    drift: sources.drift && {
      reportId: sources.drift.id,
      createdAt: sources.drift.createdAt,
      current: sources.drift.current.name,
    },
    choices: sources.choices,
    slos: facts.slos,
    features: facts.features,
    fallback: facts.fallback,
    scoreOutputs: scoreOutputNames(facts.model.metadata),
    columns: sources.dataset.columnInfo.map((c) => c.name),
    runbookMarkdown,
    warnings: a.warnings,
  };
}
