// The production-ready checklist, derived from the workspace on every read: what proves each item,
// how old that evidence is, and the one action that would prove what is missing. Reads go through the
// contract (models, bench, drift) and the bundle and readiness queries; nothing is cached.

import type { BenchRun, BenchRunSummary } from '../../../shared/types/bench';
import type { DriftReport } from '../../../shared/types/drift';
import type { Readiness, ReadinessEvidence, ReadinessItem, ReadinessState } from '../../../shared/types/readiness';
import type { BundleRecordFacts, BundleSummary } from '../../../shared/types/bundles';
import type { CoreContext } from '../context';
import type { JobContext } from '../jobs/manager';

type Facts = Awaited<ReturnType<typeof gather>>;

/** A bundle being exported: it stands in for the version's bundles (so readiness.json depends on no earlier export). */
export type PendingBundle = BundleSummary & { facts: BundleRecordFacts };

export async function readiness(
  core: CoreContext,
  ref: string,
  job: JobContext,
  pending?: PendingBundle,
): Promise<Readiness> {
  const f = await gather(core, ref, job, pending);
  const items = [
    loadsPinned(f),
    latency(f),
    inputDrift(f),
    outputDrift(f),
    contracts(f),
    reproducible(f),
    fallback(f),
    rollback(f),
    runbook(f),
    retraining(f),
  ];
  const counts: Record<ReadinessState, number> = { proven: 0, stale: 0, missing: 0, attested: 0 };
  for (const i of items) counts[i.state]++;
  const m = f.model;
  return {
    model: { name: m.name, version: m.version, sha256: m.sha256, addedAt: m.addedAt },
    targetEp: f.settings.targetEp,
    maxAgeDays: f.settings.maxAgeDays,
    items,
    ready: counts.missing + counts.stale === 0,
    counts,
  };
}

async function gather(core: CoreContext, ref: string, job: JobContext, pending?: PendingBundle) {
  const model = await core.invoke('models/show', { ref }, job);
  const settings = core.queries.readiness.settings(model.name);
  const runs = (await core.invoke('bench/list', { model: model.name }, job)).filter(
    (r) => r.model.version === model.version && r.model.sha256 === model.sha256,
  );
  const reports = (await core.invoke('drift/list', {}, job)).filter(
    (r) => r.model === `${model.name}@${model.version}` || r.model === model.name,
  );
  const detailed: DriftReport[] = [];
  for (const r of reports.slice(0, 20)) detailed.push(await core.invoke('drift/show', { id: r.id }, job));
  const targetRun =
    runs.find(
      (r) =>
        r.kind === 'sweep' &&
        r.eps.includes(settings.targetEp as BenchRunSummary['eps'][number]) &&
        r.sloPassed === true,
    ) ??
    runs.find((r) => r.eps.includes(settings.targetEp as BenchRunSummary['eps'][number])) ??
    null;
  const bench: BenchRun | null = targetRun ? await core.invoke('bench/show', { runId: targetRun.runId }, job) : null;
  const previous =
    model.versions.filter((v) => v.version < model.version).sort((a, b) => b.version - a.version)[0] ?? null;
  return {
    model,
    settings,
    runs,
    bench,
    reports: detailed,
    bundles: pending ? [pending] : core.queries.bundles.ofVersion(model.name, model.version),
    verifications: core.queries.bundles.verificationsOf(model.sha256),
    previous,
    previousBundles: previous ? core.queries.bundles.ofVersion(model.name, previous.version) : [],
    previousVerifications: previous ? core.queries.bundles.verificationsOf(previous.sha256) : [],
    attestations: core.queries.readiness.attestations(model.name, model.version),
    now: Date.now(),
  };
}

const at = (iso: string) => new Date(iso).getTime();
const id = (f: Facts) => `${f.model.name}@${f.model.version}`;

/** Proven evidence turns stale when it predates the model version or is older than the allowed age. */
function judged(f: Facts, evidence: ReadinessEvidence[], detail: string): { state: ReadinessState; detail: string } {
  const oldest = Math.min(...evidence.map((e) => at(e.at)));
  if (oldest < at(f.model.addedAt))
    return {
      state: 'stale',
      detail: `${detail}; but the evidence predates this version (added ${f.model.addedAt.slice(0, 10)})`,
    };
  const days = (f.now - oldest) / 86_400_000;
  if (days > f.settings.maxAgeDays)
    return {
      state: 'stale',
      detail: `${detail}; but the evidence is ${Math.floor(days)} days old (allowed ${f.settings.maxAgeDays})`,
    };
  return { state: 'proven', detail };
}

function item(
  id: ReadinessItem['id'],
  title: string,
  state: ReadinessState,
  detail: string,
  evidence: ReadinessEvidence[],
  action: ReadinessItem['action'],
): ReadinessItem {
  return { id, title, state, detail, evidence, action: state === 'proven' || state === 'attested' ? null : action };
}

function loadsPinned(f: Facts): ReadinessItem {
  const m = f.model;
  const ev: ReadinessEvidence[] = [
    { label: `${id(f)}, ${m.files.length} file(s)`, kind: 'model', id: id(f), at: m.addedAt, sha256: m.sha256 },
  ];
  const ok = m.loadCheck.loadable && m.files.every((x) => /^[0-9a-f]{64}$/.test(x.sha256));
  return item(
    'loads-pinned',
    'Loads and is pinned',
    ok ? 'proven' : 'missing',
    ok
      ? `loads in onnxruntime ${m.loadCheck.ortVersion}; exact bytes kept, sha256 ${m.sha256.slice(0, 16)}…`
      : `does not load: ${m.loadCheck.error}`,
    ev,
    {
      command: `preflight models add <fixed model.onnx> --name ${m.name}`,
      route: `#/models/${encodeURIComponent(m.name)}`,
    },
  );
}

function latency(f: Facts): ReadinessItem {
  const ep = f.settings.targetEp;
  const action = { command: `preflight bench ${id(f)} --ep ${ep} --slo "p99<=<ms>"`, route: '#/bench' };
  const b = f.bench;
  if (!b) {
    const others = [...new Set(f.runs.flatMap((r) => r.eps))];
    return item(
      'latency-target',
      `Latency on the target hardware (${ep})`,
      'missing',
      others.length ? `measured only on ${others.join(', ')}; the target is ${ep}` : 'no benchmark run of this version',
      [],
      action,
    );
  }
  const points = b.results.filter((r) => r.ep === ep && r.latencyMs);
  const ev: ReadinessEvidence[] = [
    { label: `benchmark run ${b.runId}`, kind: 'bench', id: b.runId, at: b.startedAt, sha256: null },
  ];
  const numbers = points
    .map((p) => `b${p.batchSize}: p95 ${p.latencyMs!.p95.toFixed(3)} ms, p99 ${p.latencyMs!.p99.toFixed(3)} ms`)
    .join('; ');
  if (!b.sloVerdict)
    return item(
      'latency-target',
      `Latency on the target hardware (${ep})`,
      'missing',
      `${numbers} — but no SLO was set`,
      ev,
      action,
    );
  const checks = b.sloVerdict.checks.filter((c) => c.ep === ep);
  if (!b.sloVerdict.passed || checks.length === 0 || !checks.every((c) => c.passed)) {
    const failed = checks
      .filter((c) => !c.passed)
      .map(
        (c) => `${c.slo} at b${c.batchSize}: ${Number.isFinite(c.valueMs) ? `${c.valueMs.toFixed(3)} ms` : c.reason}`,
      );
    return item(
      'latency-target',
      `Latency on the target hardware (${ep})`,
      'missing',
      `SLO not met on ${ep}: ${failed.join('; ') || 'no check on the target'}`,
      ev,
      action,
    );
  }
  const j = judged(f, ev, `${numbers}; SLO ${[...new Set(checks.map((c) => c.slo))].join(', ')} met`);
  return item('latency-target', `Latency on the target hardware (${ep})`, j.state, j.detail, ev, action);
}

function driftItem(f: Facts, which: 'input' | 'output'): ReadinessItem {
  const title = which === 'input' ? 'Input drift checked' : 'Output drift checked';
  const itemId = which === 'input' ? 'input-drift' : 'output-drift';
  const action = {
    command: `preflight drift --reference <training> --current <production sample> --model ${id(f)} --time-column <ts> --window week`,
    route: '#/drift',
  };
  const good = f.reports.find((r) => (which === 'input' ? r.windows !== null : r.predictions !== null));
  if (!good) {
    const any = f.reports[0];
    return item(
      itemId,
      title,
      'missing',
      any
        ? `drift report ${any.id} has no ${which === 'input' ? 'time windows' : 'prediction drift'}`
        : `no drift report for ${id(f)}`,
      [],
      action,
    );
  }
  const ev: ReadinessEvidence[] = [
    { label: `drift report ${good.id}`, kind: 'drift', id: good.id, at: good.createdAt, sha256: null },
  ];
  const detail =
    which === 'input'
      ? `${good.reference.name} → ${good.current.name}: ${good.dataset.drifted} of ${good.dataset.total} features drifted, ${good.windows!.windows.length} ${good.windows!.unit} windows`
      : `${good.predictions!.outputs.filter((o) => o.drifted).length} of ${good.predictions!.outputs.length} output signals drifted (${good.predictions!.rows.current} rows scored)`;
  const j = judged(f, ev, detail);
  return item(itemId, title, j.state, j.detail, ev, action);
}
const inputDrift = (f: Facts) => driftItem(f, 'input');
const outputDrift = (f: Facts) => driftItem(f, 'output');

const exportAction = (f: Facts) => ({
  command: `preflight export --model ${id(f)} --reference <training> --out ${f.model.name}-${f.model.version}.zip --sign <key.pem> --automation-rate 0.9`,
  route: '#/bundles/new',
});
const bundleEvidence = (b: Facts['bundles'][number]): ReadinessEvidence => ({
  label: bundleName(b),
  kind: 'bundle',
  id: b.id,
  at: b.createdAt,
  sha256: b.sha256 || null,
});
const bundleName = (b: { id: number }) => (b.id === 0 ? 'this bundle' : `bundle #${b.id}`);

function contracts(f: Facts): ReadinessItem {
  const b = f.bundles[0];
  if (!b)
    return item(
      'contracts',
      'Contracts (payload schema, data contract)',
      'missing',
      'no bundle of this version',
      [],
      exportAction(f),
    );
  const j = judged(
    f,
    [bundleEvidence(b)],
    `${bundleName(b)} carries contracts/payload.schema.json and the ODCS data contract of ${b.reference}`,
  );
  return item(
    'contracts',
    'Contracts (payload schema, data contract)',
    j.state,
    j.detail,
    [bundleEvidence(b)],
    exportAction(f),
  );
}

function reproducible(f: Facts): ReadinessItem {
  const b = f.bundles.find((x) => x.facts.goldenRows > 0);
  const title = 'Reproducible predictions (golden replay)';
  if (!b)
    return item(
      'reproducible',
      title,
      'missing',
      f.bundles.length
        ? 'the bundles of this version have no golden rows (no column mapping for the model)'
        : 'no bundle of this version',
      [],
      exportAction(f),
    );
  const replay = f.verifications.find((v) => v.replayed && v.ok);
  const verifyAction = { command: `preflight verify ${b.path} --key <public.pem> --replay`, route: '#/bundles' };
  if (!replay)
    return item(
      'reproducible',
      title,
      'missing',
      `${bundleName(b)} has ${b.facts.goldenRows} golden rows, but no replay has passed`,
      [bundleEvidence(b)],
      verifyAction,
    );
  const ev = [
    bundleEvidence(b),
    { label: `replay of ${replay.path}`, kind: 'verification' as const, id: replay.at, at: replay.at, sha256: null },
  ];
  const j = judged(f, ev, `${b.facts.goldenRows} golden rows replayed within tolerance (${replay.at.slice(0, 19)})`);
  return item('reproducible', title, j.state, j.detail, ev, verifyAction);
}

function fallback(f: Facts): ReadinessItem {
  const title = 'Fallback below a confidence threshold';
  const b = f.bundles[0];
  if (!b) return item('fallback', title, 'missing', 'no bundle of this version', [], exportAction(f));
  const fb = b.facts.fallback;
  if ('reason' in fb && /no confidence threshold was chosen/.test(fb.reason)) {
    return item(
      'fallback',
      title,
      'missing',
      `${bundleName(b)} has no policy: ${fb.reason}`,
      [bundleEvidence(b)],
      exportAction(f),
    );
  }
  const detail =
    'reason' in fb
      ? `no policy, for a recorded reason: ${fb.reason}`
      : `${fb.output} ≥ ${Number(fb.threshold.toPrecision(4))}: the model decides ${(fb.automationRate * 100).toFixed(1)}% of reference rows`;
  const j = judged(f, [bundleEvidence(b)], detail);
  return item('fallback', title, j.state, j.detail, [bundleEvidence(b)], exportAction(f));
}

function rollback(f: Facts): ReadinessItem {
  const title = 'Rollback in minutes';
  if (!f.previous)
    return item('rollback', title, 'missing', 'there is no previous version to roll back to', [], {
      command: `preflight models add <previous model.onnx> --name ${f.model.name}`,
      route: `#/models/${encodeURIComponent(f.model.name)}`,
    });
  const prevId = `${f.model.name}@${f.previous.version}`;
  const prevBundle = f.previousBundles[0];
  const verified = f.previousVerifications.find((v) => v.ok && v.trusted) ?? f.previousVerifications.find((v) => v.ok);
  const named = f.bundles.find((b) => b.facts.previous?.sha256 === f.previous!.sha256);
  const action = {
    command: `preflight export --model ${prevId} --reference <training> --out ${f.model.name}-${f.previous.version}.zip --sign <key.pem> && preflight verify ${f.model.name}-${f.previous.version}.zip --key <public.pem>`,
    route: '#/bundles/new',
  };
  if (!prevBundle || !verified)
    return item(
      'rollback',
      title,
      'missing',
      `${prevId} (sha256 ${f.previous.sha256.slice(0, 16)}…) has ${prevBundle ? 'a bundle that was never verified' : 'no bundle'}`,
      [],
      action,
    );
  if (!named)
    return item(
      'rollback',
      title,
      'missing',
      `${prevId} has a verified bundle, but no runbook of this version names it (export this version again)`,
      [bundleEvidence(prevBundle)],
      exportAction(f),
    );
  const ev = [
    bundleEvidence(prevBundle),
    {
      label: `verification of ${verified.path}`,
      kind: 'verification' as const,
      id: verified.at,
      at: verified.at,
      sha256: null,
    },
    bundleEvidence(named),
  ];
  const j = judged(
    f,
    [bundleEvidence(named)],
    `roll back to ${prevId} (sha256 ${f.previous.sha256.slice(0, 16)}…): its bundle exported in ${prevBundle.exportSeconds.toFixed(1)} s and verified in ${verified.seconds.toFixed(1)} s${verified.trusted ? ' (signature trusted)' : ''}; ${bundleName(named)}'s runbook names it`,
  );
  return item('rollback', title, j.state, j.detail, ev, action);
}

function runbook(f: Facts): ReadinessItem {
  const title = 'Runbook for the five failure modes';
  const b = f.bundles[0];
  if (!b) return item('runbook', title, 'missing', 'no bundle of this version', [], exportAction(f));
  const unmeasured = [
    !b.facts.measured.bench && 'latency (no benchmark run)',
    !b.facts.measured.drift && 'drift (no drift report)',
  ].filter(Boolean);
  if (unmeasured.length)
    return item(
      'runbook',
      title,
      'missing',
      `${bundleName(b)}'s runbook has thresholds not taken from measurements: ${unmeasured.join(', ')}`,
      [bundleEvidence(b)],
      exportAction(f),
    );
  const j = judged(
    f,
    [bundleEvidence(b)],
    `${bundleName(b)}: every threshold taken from its benchmark and drift report`,
  );
  return item('runbook', title, j.state, j.detail, [bundleEvidence(b)], exportAction(f));
}

function retraining(f: Facts): ReadinessItem {
  const a = f.attestations.find((x) => x.item === 'retraining');
  const action = {
    command: `preflight ready ${id(f)} --attest retraining --by "<name>" --link <pipeline URL>`,
    route: `#/readiness/${encodeURIComponent(id(f))}`,
  };
  if (!a)
    return item(
      'retraining',
      'Retraining automated',
      'missing',
      'Preflight cannot see a training pipeline: record who attests it, with a link',
      [],
      action,
    );
  const ev: ReadinessEvidence[] = [
    {
      label: `attested by ${a.who}${a.link ? ` (${a.link})` : ''}`,
      kind: 'attestation',
      id: a.id,
      at: a.at,
      sha256: null,
    },
  ];
  return item(
    'retraining',
    'Retraining automated',
    'attested',
    `attested by ${a.who} on ${a.at.slice(0, 10)}${a.link ? `: ${a.link}` : ''}${a.note ? ` — ${a.note}` : ''} (an attestation, not a proof)`,
    ev,
    action,
  );
}
