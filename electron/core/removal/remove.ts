// Removing a model version, a benchmark run or a drift report. A dry run says what the removal would
// take with it and what refers to it (the confirmation shows exactly that); anything an exported
// bundle was made from is kept unless the caller insists (force). The rows go in one transaction; a
// model version's stored bytes go afterwards, and only when no other version shares its digest.
import fs from 'node:fs';
import path from 'node:path';
import { PreflightError } from '../../../shared/contract/errors';
import type { RemovalResult } from '../../../shared/types/removal';
import type { CoreContext } from '../context';
import { resolveModel } from '../models/show';

interface Options {
  force: boolean;
  dryRun: boolean;
}

function refuseWhenExported(plan: RemovalResult, opts: Options): void {
  if (opts.dryRun || opts.force || plan.bundles.length === 0) return;
  const list = plan.bundles.map((b) => `#${b.id} (${b.path})`).join(', ');
  throw new PreflightError(
    'BAD_ARGUMENTS',
    `${plan.target} is kept: exported bundle${plan.bundles.length > 1 ? 's' : ''} ${list} ${plan.bundles.length > 1 ? 'were' : 'was'} made from it; remove it anyway with force (CLI: --force)`,
    {
      plan,
    },
  );
}

export function removeModelVersion(core: CoreContext, ref: string, opts: Options): RemovalResult {
  if (!/@[0-9]+$/.test(ref))
    throw new PreflightError(
      'BAD_ARGUMENTS',
      `"${ref}": say which version to remove, e.g. ${ref}@1 (see \`preflight models show ${ref}\`)`,
    );
  const v = resolveModel(core, ref);
  const refs = core.queries.removal.versionRefs(v.id, v.name, v.version);
  const sharedWith = core.queries.removal.sharingDigest(v.id, v.contentDigest);
  const plan: RemovalResult = {
    target: `${v.name}@${v.version}`,
    removed: false,
    along: { benchRuns: refs.benchRuns, driftReports: refs.driftReports, attestations: refs.attestations },
    bundles: refs.bundles,
    blob: { digest: v.contentDigest, removed: sharedWith.length === 0, sharedWith },
  };
  refuseWhenExported(plan, opts);
  if (opts.dryRun) return plan;
  core.queries.removal.removeVersion(v.id, v.name, v.version, refs.benchRuns, refs.driftReports);
  if (sharedWith.length === 0) {
    // The digest names the folder; never follow anything outside blobs/.
    const dir = path.join(core.workspace.blobsDir, v.contentDigest);
    if (/^[a-f0-9]{64}$/.test(v.contentDigest) && path.dirname(dir) === core.workspace.blobsDir)
      fs.rmSync(dir, { recursive: true, force: true });
  }
  return { ...plan, removed: true };
}

export function removeBenchRun(core: CoreContext, runId: number, opts: Options): RemovalResult {
  const run = core.queries.bench.get(runId);
  if (!run)
    throw new PreflightError('NOT_FOUND', `no benchmark run ${runId} (see \`preflight bench --list\`)`, { runId });
  const plan: RemovalResult = {
    target: `benchmark run ${runId}`,
    removed: false,
    along: { benchRuns: [], driftReports: [], attestations: 0 },
    bundles: core.queries.removal.bundlesOfRun(runId),
    blob: null,
  };
  refuseWhenExported(plan, opts);
  if (opts.dryRun) return plan;
  core.queries.removal.removeRun(runId);
  return { ...plan, removed: true };
}

export function removeDriftReport(core: CoreContext, id: number, opts: Options): RemovalResult {
  const report = core.queries.drift.report(id);
  if (!report) throw new PreflightError('NOT_FOUND', `no drift report ${id} (see \`preflight drift list\`)`, { id });
  const plan: RemovalResult = {
    target: `drift report ${id}`,
    removed: false,
    along: { benchRuns: [], driftReports: [], attestations: 0 },
    bundles: core.queries.removal.bundlesOfReport(id),
    blob: null,
  };
  refuseWhenExported(plan, opts);
  if (opts.dryRun) return plan;
  core.queries.removal.removeReport(id);
  return { ...plan, removed: true };
}
