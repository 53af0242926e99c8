// What goes into a bundle, gathered through the core's own contract (models/show, datasets/show,
// bench/*, drift/*): the same validation, progress and cancellation as when a user asks for each.

import fs from 'node:fs';
import path from 'node:path';
import { PreflightError } from '../../../shared/contract/errors';
import type { ParsedArgsOf, ResultOf } from '../../../shared/contract/methods';
import { decodeProfile } from '../../../shared/math/drift-profile/index';
import type { BenchRun } from '../../../shared/types/bench';
import type { DatasetDetail } from '../../../shared/types/datasets';
import type { DatasetDriftProfile, DriftReport, InputMapping } from '../../../shared/types/drift';
import type { CoreContext } from '../context';
import type { JobContext } from '../jobs/manager';
import { digestOf, storedModelPath } from '../models/store';

export interface ExportSources {
  model: ResultOf<'models/show'>;
  /** The stored model.onnx; external data sits beside it with its relative paths. */
  modelPath: string;
  modelDir: string;
  contentDigest: string;
  previous: { name: string; version: number; sha256: string } | null;
  dataset: DatasetDetail;
  /** reference/profile.json exactly as stored (and shipped), and decoded. */
  profileJson: string;
  profile: DatasetDriftProfile;
  bench: BenchRun | null;
  drift: DriftReport | null;
  choices: {
    benchRuns: { runId: number; startedAt: string }[];
    driftReports: { id: number; createdAt: string; current: string }[];
  };
  mapping: InputMapping | null;
  mappingProblem: string | null;
}

type Plan = Pick<ParsedArgsOf<'bundles/export'>, 'model' | 'reference' | 'bench' | 'drift'>;

export async function gatherSources(
  core: CoreContext,
  plan: Plan,
  job: JobContext,
  progress: (f: number, m: string) => void,
): Promise<ExportSources> {
  progress(0, 'reading the model and the reference dataset');
  const model = await core.invoke('models/show', { ref: plan.model }, job);
  if (!model.loadCheck.loadable)
    throw new PreflightError(
      'BAD_ARGUMENTS',
      `${model.name}@${model.version} does not load in onnxruntime (${model.loadCheck.error ?? 'unknown reason'}): a bundle of it would fail verification`,
    );
  const contentDigest = digestOf(model.files);
  const modelPath = storedModelPath(core.workspace.blobsDir, contentDigest);
  if (!fs.existsSync(modelPath))
    throw new PreflightError(
      'WORKSPACE_ERROR',
      `the stored bytes of ${model.name}@${model.version} are missing from the workspace (${modelPath})`,
    );
  const older = model.versions.filter((v) => v.version < model.version).sort((a, b) => b.version - a.version)[0];
  const previous = older ? { name: model.name, version: older.version, sha256: older.sha256 } : null;
  const dataset = await core.invoke('datasets/show', { ref: plan.reference }, job);

  const runs = (await core.invoke('bench/list', { model: model.name }, job)).filter(
    (r) => r.model.version === model.version && r.model.sha256 === model.sha256,
  );
  const benchId =
    plan.bench === undefined
      ? (runs.find((r) => r.kind === 'sweep' && r.bestP50Ms !== null)?.runId ?? null)
      : plan.bench;
  const bench = benchId === null ? null : await core.invoke('bench/show', { runId: benchId }, job);
  if (bench && bench.model.sha256 !== model.sha256)
    throw new PreflightError(
      'BAD_ARGUMENTS',
      `benchmark run ${bench.runId} measured ${bench.model.name}@${bench.model.version}, not ${model.name}@${model.version}`,
    );

  const reports = (await core.invoke('drift/list', {}, job)).filter((r) => r.reference === dataset.name);
  const ofModel = reports.filter(
    (r) => r.model !== null && (r.model === model.name || r.model.startsWith(`${model.name}@`)),
  );
  const driftId = plan.drift === undefined ? ((ofModel[0] ?? reports[0])?.id ?? null) : plan.drift;
  const drift = driftId === null ? null : await core.invoke('drift/show', { id: driftId }, job);
  if (drift && drift.reference.name !== dataset.name)
    throw new PreflightError(
      'BAD_ARGUMENTS',
      `drift report ${drift.id} compares against ${drift.reference.name}, not the reference ${dataset.name}`,
    );

  progress(0.1, `reference profile of ${dataset.name}`);
  const stored = core.queries.drift.profile(dataset.name);
  if (!stored || stored.datasetId !== dataset.id) {
    await core.invoke('drift/profile', { dataset: dataset.name }, job);
  }
  const row = core.queries.drift.profile(dataset.name);
  if (!row) throw new PreflightError('WORKSPACE_ERROR', `the reference profile of ${dataset.name} could not be stored`);

  const proposed = await core.invoke(
    'drift/mapping',
    { model: `${model.name}@${model.version}`, dataset: dataset.name },
    job,
  );
  return {
    model,
    modelPath,
    modelDir: path.dirname(modelPath),
    contentDigest,
    previous,
    dataset,
    profileJson: row.json,
    profile: decodeProfile(row.json),
    bench,
    drift,
    choices: {
      benchRuns: runs.map((r) => ({ runId: r.runId, startedAt: r.startedAt })),
      driftReports: reports.map((r) => ({ id: r.id, createdAt: r.createdAt, current: r.current })),
    },
    mapping: proposed.mapping,
    mappingProblem: proposed.problem,
  };
}
