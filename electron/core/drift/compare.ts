// The feature loop of drift/run. Numerical columns are read in batches (several columns per table
// scan, see fast-read.ts), the reference and current batch of a chunk at once; categorical columns
// are counted by SQLite. Exact mode profiles each reference column on the way (it is sorted anyway).

import { compareCategorical, type CompareOptions } from '../../../shared/math/drift-profile/index';
import { emptyMetrics } from '../../../shared/math/drift-profile/verdict';
import type {
  ColumnDriftProfile,
  DatasetDriftProfile,
  FeatureDrift,
  NumericDriftProfile,
} from '../../../shared/types/drift';
import type { ColumnInfo } from '../../../shared/types/datasets';
import type { CoreContext } from '../context';
import type { JobContext } from '../jobs/manager';
import { yieldToLoop } from './job-util';
import { profileColumn } from './profile';
import { compareNumericJobs } from './numeric-groups';
import { driftKindOf, readCategories } from './read';
import type { DatasetSource } from './sources';

export interface PlannedFeature {
  name: string;
  refOrdinal: number | null;
  cur: ColumnInfo;
}

export interface ComparedFeatures {
  features: FeatureDrift[];
  /** Reference column profiles built on the way (exact mode). */
  built: ColumnDriftProfile[];
  readMs: number;
  computeMs: number;
}

/** Values held in memory per batch (both sides, over all workers), ~8 bytes each: 40M ≈ 320 MB. */
const VALUES_PER_BATCH = 40_000_000;

export async function compareFeatures(
  core: CoreContext,
  ref: { source: DatasetSource | null; profile: DatasetDriftProfile | null; gridSize: number },
  cur: DatasetSource,
  plan: PlannedFeature[],
  options: (name: string) => CompareOptions,
  job: JobContext,
): Promise<ComparedFeatures> {
  const results = new Map<string, FeatureDrift>();
  const built: ColumnDriftProfile[] = [];
  let readMs = 0;
  let computeMs = 0;
  const refInfo = (f: PlannedFeature) => ref.source!.columns[f.refOrdinal!];
  const refType = (f: PlannedFeature) =>
    ref.profile ? ref.profile.columns.find((c) => c.name === f.name)!.columnType : refInfo(f).kind;
  // A column that is all empty in current has no real inferred type: read it as the reference's kind (→ "no values").
  const comparable = (f: PlannedFeature) => driftKindOf(refType(f)) === driftKindOf(f.cur.kind) || allMissing(f.cur);
  for (const f of plan) if (!comparable(f)) results.set(f.name, untested(f.name, refType(f), f.cur.kind));
  const numeric = plan.filter((f) => comparable(f) && driftKindOf(refType(f)) === 'numerical');
  const categorical = plan.filter((f) => comparable(f) && driftKindOf(refType(f)) === 'categorical');
  const rows = Math.max(ref.source?.rows ?? 0, cur.rows, 1);
  const perBatch = Math.max(1, Math.floor(VALUES_PER_BATCH / (2 * rows)));
  let done = 0;
  const step = (name: string) =>
    job.progress(done / Math.max(1, plan.length), `comparing ${name} (${done + 1}/${plan.length})`);

  for (let b = 0; b < numeric.length; b += perBatch) {
    const batch = numeric.slice(b, b + perBatch).filter((f) => {
      if (ref.profile && ref.profile.columns.find((c) => c.name === f.name)?.profile?.kind !== 'numerical') {
        results.set(f.name, untested(f.name, refType(f), f.cur.kind));
        return false;
      }
      return true;
    });
    if (!batch.length) continue;
    step(batch[0].name);
    const jobs = batch.map((f) => ({
      reference: ref.profile
        ? (ref.profile.columns.find((c) => c.name === f.name)!.profile as NumericDriftProfile)
        : refInfo(f),
      current: f.cur,
      options: options(f.name),
    }));
    const before = done;
    const outcome = await compareNumericJobs(
      core,
      ref.profile ? null : ref.source,
      cur,
      jobs,
      ref.gridSize,
      job.signal,
      (f, message) =>
        job.progress(
          (before + f * batch.length) / Math.max(1, plan.length),
          `${batch.length} numerical feature${batch.length > 1 ? 's' : ''}: ${message}`,
        ),
    );
    readMs += outcome.readMs;
    computeMs += outcome.computeMs;
    batch.forEach((f, k) => {
      const { result, profile } = outcome.results[k];
      if (profile) built.push({ name: f.name, columnType: refInfo(f).kind, profile });
      results.set(f.name, { name: f.name, columnType: f.cur.kind, ...result });
    });
    done += batch.length;
    await yieldToLoop(job);
  }
  for (const f of categorical) {
    step(f.name);
    const t = performance.now();
    let column = ref.profile?.columns.find((c) => c.name === f.name) ?? null;
    if (!ref.profile) {
      column = profileColumn(core, ref.source!, f.refOrdinal!, ref.gridSize).column;
      built.push(column);
    }
    const c = readCategories(core, cur.id, f.cur);
    readMs += performance.now() - t;
    const t2 = performance.now();
    const p = column?.profile;
    results.set(
      f.name,
      p?.kind === 'categorical'
        ? { name: f.name, columnType: f.cur.kind, ...compareCategorical(p, c, options(f.name)) }
        : untested(f.name, refType(f), f.cur.kind),
    );
    computeMs += performance.now() - t2;
    done++;
    await yieldToLoop(job);
  }
  return { features: plan.map((f) => results.get(f.name)!), built, readMs, computeMs };
}

export function allMissing(c: ColumnInfo): boolean {
  return c.profile.missing >= c.profile.count;
}

function untested(name: string, refType: string, curType: string): FeatureDrift {
  const kind = driftKindOf(refType) ?? 'categorical';
  return {
    name,
    kind,
    columnType: refType,
    tested: false,
    test: kind === 'numerical' ? 'wasserstein' : 'jensenshannon',
    score: null,
    scoreKind: 'distance',
    threshold: 0.1,
    drifted: false,
    overridden: false,
    effectSize: { name: kind === 'numerical' ? 'wasserstein_normed' : 'jensen_shannon', value: null },
    missing: { reference: null, current: null },
    rows: { reference: 0, current: 0 },
    values: { reference: 0, current: 0 },
    uniqueValues: 0,
    unseenCategoryShare: null,
    outOfRangeShare: null,
    metrics: emptyMetrics(),
    approximation: null,
    findings: [
      refType === curType
        ? 'no reference profile for this column: not compared'
        : `type changed from ${refType} to ${curType}: not compared`,
    ],
    histogram: null,
  };
}
