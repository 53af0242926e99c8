// drift/run: resolve both sides, compare every shared feature, add time windows and prediction drift
// when asked, store the report. Exact mode reads each reference column once (sorted once; its profile
// is built on the way and stored); profile mode reads only the current batch.

import { PreflightError } from '../../../shared/contract/errors';
import type { ParsedArgsOf } from '../../../shared/contract/methods';
import { datasetDrift, schemaDiff, type CompareOptions } from '../../../shared/math/drift-profile/index';
import type { DatasetDriftProfile, DriftReport } from '../../../shared/types/drift';
import type { CoreContext } from '../context';
import type { JobContext } from '../jobs/manager';
import { resolveModel } from '../models/show';
import { allMissing, compareFeatures, type PlannedFeature } from './compare';
import { subJob } from './job-util';
import { predictionDrift } from './predictions';
import { buildDatasetProfile, DEFAULT_GRID_SIZE, loadProfile, storeProfile } from './profile';
import { driftKindOf } from './read';
import { removeImported, resolveSource, type DatasetSource } from './sources';
import { checkTimeColumn, timeWindows } from './windows';

type Args = ParsedArgsOf<'drift/run'>;

interface Reference {
  name: string;
  rows: number;
  source: DatasetSource | null;
  /** Stored profile (profile mode) or null (exact mode builds it column by column). */
  profile: DatasetDriftProfile | null;
  schema: { name: string; type: string }[];
}

/**
 * drift/run. Files given as reference or current are imported on the way; if the run then fails or is
 * cancelled (a bad --time-column, an unknown --model…), those imports are taken back out, so a failed
 * run leaves the workspace as it was.
 */
export async function runDrift(core: CoreContext, args: Args, job: JobContext): Promise<DriftReport> {
  const imported: DatasetSource[] = [];
  try {
    return await compareAndStore(core, args, job, (s) => (imported.push(s), s));
  } catch (err) {
    removeImported(core, imported);
    throw err;
  }
}

async function compareAndStore(
  core: CoreContext,
  args: Args,
  job: JobContext,
  track: (s: DatasetSource) => DatasetSource,
): Promise<DriftReport> {
  const started = performance.now();
  const findings: string[] = [];
  const ref = await resolveReference(core, args, subJob(job, 0, 0.15, 'reference: '), findings, track);
  const cur = track(await resolveSource(core, args.current, subJob(job, 0.15, 0.3, 'current: '), 'current'));
  if (cur.importedFrom) findings.push(`current: ${cur.importedFrom} is dataset ${cur.name}`);
  if (ref.source?.importedFrom) findings.push(`reference: ${ref.source.importedFrom} is dataset ${ref.name}`);
  if (cur.rows === 0) findings.push(`current dataset ${cur.name} has no rows: nothing can be tested`);
  if (ref.rows === 0) findings.push(`reference ${ref.name} has no rows: nothing can be tested`);
  const curSchema = cur.columns.map((c) => ({ name: c.name, type: c.kind }));
  const schema = schemaDiff(ref.schema, curSchema);
  // A column that is empty on one side has no real type there: its "type change" is reported as missing values instead.
  schema.typeChanged = schema.typeChanged.filter((t) => !allMissing(cur.columns.find((c) => c.name === t.name)!));
  const plan = planFeatures(ref, cur, args, findings);
  // Fail fast on arguments that would only fail after the (long) comparison.
  if (args.timeColumn) checkTimeColumn(cur, args.timeColumn);
  if (args.model) resolveModel(core, args.model);

  const options = (name: string): CompareOptions => ({
    override: args.features?.[name],
    testThresholds: args.thresholds ?? {},
  });
  const phaseEnd = args.timeColumn || args.model ? 0.7 : 0.95;
  const { features, built, readMs, computeMs } = await compareFeatures(
    core,
    { source: ref.source, profile: ref.profile, gridSize: DEFAULT_GRID_SIZE },
    cur,
    plan,
    options,
    subJob(job, 0.3, phaseEnd),
  );
  if (
    !ref.profile &&
    ref.source &&
    built.length === ref.source.columns.filter((c) => driftKindOf(c.kind)).length &&
    !args.columns
  ) {
    // Every comparable column was profiled on the way: store it, so later batches need no reference data.
    const all = ref.source.columns.map(
      (c) => built.find((b) => b.name === c.name) ?? { name: c.name, columnType: c.kind, profile: null },
    );
    storeProfile(
      core,
      {
        version: 1,
        dataset: ref.name,
        rows: ref.rows,
        createdAt: new Date().toISOString(),
        gridSize: DEFAULT_GRID_SIZE,
        columns: all,
      },
      ref.source.id,
    );
  }

  const profileFor = (name: string) =>
    (ref.profile ? ref.profile.columns.find((c) => c.name === name) : built.find((c) => c.name === name)) ?? null;
  const windows = args.timeColumn
    ? await timeWindows(
        core,
        cur,
        args.timeColumn,
        args.window ?? 'day',
        plan
          .filter((f) => features.find((x) => x.name === f.name)?.tested)
          .map((f) => ({ name: f.name, column: f.cur, profile: profileFor(f.name) })),
        options,
        args.datasetDriftShare,
        subJob(job, 0.7, args.model ? 0.8 : 0.95, 'windows: '),
      )
    : null;
  if (args.model && !ref.source)
    throw new PreflightError(
      'BAD_ARGUMENTS',
      'prediction drift needs the reference dataset itself, not only its profile',
    );
  const predictions =
    args.model && ref.source
      ? await predictionDrift(core, args.model, ref.source, cur, args, subJob(job, 0.8, 0.95, 'predictions: '))
      : null;

  const report: Omit<DriftReport, 'id'> = {
    createdAt: new Date().toISOString(),
    reference: { name: ref.name, rows: ref.rows, source: ref.profile ? 'profile' : 'dataset' },
    current: { name: cur.name, rows: cur.rows },
    mode: args.mode,
    dataset: datasetDrift(features, args.datasetDriftShare),
    features,
    schema,
    findings,
    windows,
    predictions,
    timings: {
      readSeconds: readMs / 1000,
      computeSeconds: computeMs / 1000,
      totalSeconds: (performance.now() - started) / 1000,
    },
  };
  const id = args.store ? core.queries.drift.insertReport(report) : 0;
  job.progress(1, `${report.dataset.drifted} of ${report.dataset.total} features drifted`);
  return { id, ...report };
}

async function resolveReference(
  core: CoreContext,
  args: Args,
  job: JobContext,
  findings: string[],
  track: (s: DatasetSource) => DatasetSource,
): Promise<Reference> {
  if (args.mode === 'profile') {
    const stored = core.queries.datasets.byName(args.reference);
    if (!stored) {
      // A profile can outlive its dataset (bundles ship only the profile).
      const orphan = loadProfile(core, args.reference, null);
      if (orphan) {
        findings.push(
          orphan.dataset === args.reference
            ? `reference profile of ${orphan.dataset} built ${orphan.createdAt} (its dataset is not in the workspace)`
            : `reference profile ${args.reference}: the profile of ${orphan.dataset}, built ${orphan.createdAt} (its dataset is not in the workspace)`,
        );
        return {
          // The name the user gave it (an imported profile keeps its own origin in the finding above).
          name: args.reference,
          rows: orphan.rows,
          source: null,
          profile: orphan,
          schema: orphan.columns.map((c) => ({ name: c.name, type: c.columnType })),
        };
      }
    }
    const source = track(await resolveSource(core, args.reference, job, 'reference'));
    let profile = loadProfile(core, source.name, source.id);
    if (!profile) {
      profile = await buildDatasetProfile(core, source, DEFAULT_GRID_SIZE, job);
      storeProfile(core, profile, source.id);
      findings.push(`reference profile of ${source.name} built now (grid ${profile.gridSize})`);
    } else findings.push(`reference profile of ${source.name} from ${profile.createdAt} (grid ${profile.gridSize})`);
    return {
      name: source.name,
      rows: source.rows,
      source,
      profile,
      schema: source.columns.map((c) => ({ name: c.name, type: c.kind })),
    };
  }
  const source = track(await resolveSource(core, args.reference, job, 'reference'));
  return {
    name: source.name,
    rows: source.rows,
    source,
    profile: null,
    schema: source.columns.map((c) => ({ name: c.name, type: c.kind })),
  };
}

function planFeatures(ref: Reference, cur: DatasetSource, args: Args, findings: string[]): PlannedFeature[] {
  const refNames = ref.schema.map((c) => c.name);
  const wanted = args.columns ?? refNames;
  const unknown = wanted.filter((n) => !refNames.includes(n) || !cur.columns.some((c) => c.name === n));
  if (args.columns && unknown.length)
    throw new PreflightError('BAD_ARGUMENTS', `columns not in both datasets: ${unknown.join(', ')}`, { unknown });
  for (const name of Object.keys(args.features ?? {})) {
    if (!refNames.includes(name))
      throw new PreflightError('BAD_ARGUMENTS', `override for "${name}": the reference has no such column`);
  }
  const skipped: string[] = [];
  const plan: PlannedFeature[] = [];
  for (const name of wanted) {
    const c = cur.columns.find((x) => x.name === name);
    if (!c) continue;
    if (name === args.timeColumn) continue;
    const refType = ref.schema.find((x) => x.name === name)!.type;
    if (driftKindOf(refType) === null) {
      skipped.push(name);
      continue;
    }
    plan.push({
      name,
      refOrdinal: ref.source ? ref.source.columns.find((x) => x.name === name)!.ordinal : null,
      cur: c,
    });
  }
  if (skipped.length) findings.push(`not compared (datetime columns; use one as --time-column): ${skipped.join(', ')}`);
  if (plan.length === 0) findings.push('the two datasets share no comparable column: nothing to compare');
  return plan;
}
