// bundles/export: assemble the facts, generate every part, write manifest.json and the OMS signature,
// and write the .zip atomically (to --out, or as a produced file the hosts hand to the user).

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PreflightError } from '../../../shared/contract/errors';
import type { ParsedArgsOf } from '../../../shared/contract/methods';
import { encodeProfile } from '../../../shared/math/drift-profile/index';
import type {
  BundleFacts,
  BundleManifest,
  BundleSummary,
  FeatureContract,
  ProducedFile,
} from '../../../shared/types/bundles';
import type { CoreContext } from '../context';
import type { JobContext } from '../jobs/manager';
import { assembleFacts, exportTime } from './facts';
import { keyFingerprint, readPrivateKey, signResources } from './oms/index';
import {
  bomJson,
  expectationsJson,
  mlmodelYaml,
  odcsYaml,
  partPaths,
  payloadSchemaJson,
  runbookHtml,
  runbookMarkdown,
  sloJson,
  stableJson,
} from './parts/index';
import { describeProduced, newProducedSlot } from './produced';
import { addReadiness, recordFacts } from './readiness-at-export';
import { writeZipAtomic, type ZipEntry } from './zip-write';
import { createPublicKey } from 'node:crypto';

export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'model.sig';
export const PROFILE = 'reference/profile.json';
export const GOLDEN = 'golden/golden.json';
export const FALLBACK = 'policy/fallback.json';
export const FEATURES = 'contracts/features.json';
export const PREDICTIONS = 'reference/predictions.json';
export const READINESS = 'readiness.json';

export async function exportBundle(
  core: CoreContext,
  args: ParsedArgsOf<'bundles/export'>,
  job: JobContext,
): Promise<BundleSummary> {
  const started = performance.now();
  const dest = args.out ? path.resolve(args.out) : null;
  if (dest) checkDestination(dest, args.overwrite);
  const privateKeyPem = args.signingKeyPem
    ? checkedKey(args.signingKeyPem, 'the signing key')
    : args.signingKey
      ? readKeyFile(args.signingKey)
      : null;

  const { facts, sources } = await assembleFacts(core, args, job, false);
  const ready = await addReadiness(core, facts, job);
  job.throwIfCancelled();
  job.progress(0.8, 'writing contracts, runbook, manifest and signature');
  const texts = documents(facts, sources.profileJson, ready);
  const modelEntries = facts.model.files.map((f) => ({
    name: `model/${f.relativePath}`,
    file: path.join(sources.modelDir, ...f.relativePath.split('/')),
    size: f.sizeBytes,
    sha256: f.sha256,
  }));
  const digests = [
    ...modelEntries.map((e) => ({ path: e.name, sha256: e.sha256, size: e.size })),
    ...texts.map((t) => ({ path: t.name, sha256: sha256(t.data), size: t.data.length })),
  ];
  // The BOM lists every other part by hash, so it is made last.
  const bom = Buffer.from(bomJson(facts, digests), 'utf8');
  texts.push({ name: partPaths(facts.stem).bom, data: bom });
  digests.push({ path: partPaths(facts.stem).bom, sha256: sha256(bom), size: bom.length });
  digests.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const manifest: BundleManifest = {
    format: 'preflight-bundle',
    formatVersion: 1,
    createdAt: facts.createdAt,
    preflightVersion: facts.versions.preflight,
    onnxruntimeVersion: facts.versions.onnxruntime,
    sources: {
      model: { name: facts.model.name, version: facts.model.version, sha256: facts.model.sha256 },
      reference: {
        dataset: facts.reference.dataset,
        rows: facts.reference.rows,
        profileSha256: facts.reference.profileSha256,
      },
      benchRun: facts.bench?.runId ?? null,
      driftReport: facts.drift?.reportId ?? null,
    },
    files: digests,
  };
  const manifestBytes = Buffer.from(stableJson(manifest), 'utf8');
  let signature: Buffer | null = null;
  let fingerprint: string | null = null;
  if (privateKeyPem) {
    const resources = [
      ...digests.map((d) => ({ name: d.path, digest: d.sha256 })),
      { name: MANIFEST, digest: sha256(manifestBytes) },
    ];
    signature = Buffer.from(
      signResources(resources, {
        modelName: `${facts.model.name}-${facts.model.version}`,
        ignorePaths: [SIGNATURE],
        privateKeyPem,
      }),
      'utf8',
    );
    fingerprint = keyFingerprint(createPublicKey(readPrivateKey(privateKeyPem)));
  }

  const entries: ZipEntry[] = [
    ...modelEntries.map((e) => ({ name: e.name, file: e.file, size: e.size })),
    ...texts.sort((a, b) => (a.name < b.name ? -1 : 1)),
    { name: MANIFEST, data: manifestBytes },
    ...(signature ? [{ name: SIGNATURE, data: signature }] : []),
  ];
  await checkModelBytes(modelEntries, job);
  const fileName = `${facts.model.name}-${facts.model.version}.bundle.zip`;
  const slot = dest ? null : newProducedSlot(core, fileName);
  const target = dest ?? slot!.path;
  const total = entries.reduce((s, e) => s + ('data' in e ? e.data.length : e.size), 0);
  try {
    await writeZipAtomic(target, entries, {
      mtime: exportTime(),
      signal: job.signal,
      onBytes: (n) =>
        job.progress(0.85 + 0.15 * Math.min(1, n / Math.max(1, total)), `writing ${path.basename(target)}`),
    });
  } catch (err) {
    if (slot) fs.rmSync(path.dirname(slot.path), { recursive: true, force: true });
    throw err;
  }
  const produced: ProducedFile = await describeProduced(slot?.id ?? '', target, 'bundle', 'application/zip');
  const summary = core.queries.bundles.addBundle(
    {
      createdAt: new Date().toISOString(),
      model: manifest.sources.model,
      reference: facts.reference.dataset,
      benchRun: manifest.sources.benchRun,
      driftReport: manifest.sources.driftReport,
      signed: signature !== null,
      keyFingerprint: fingerprint,
      sha256: produced.sha256,
      bytes: produced.bytes,
      path: target,
      fileId: slot?.id ?? null,
      exportSeconds: (performance.now() - started) / 1000,
    },
    manifest,
    recordFacts(facts),
    slot ? produced : null,
  );
  job.progress(1, `bundle written: ${target}`);
  return summary;
}

/** The generated parts, in bundle paths (the BOM comes after, since it hashes them). */
export function documents(
  facts: BundleFacts,
  profileJson: string,
  ready: { targetEp: string; ready: boolean } | null = null,
): { name: string; data: Buffer }[] {
  const p = partPaths(facts.stem);
  const fallback = facts.fallback.policy
    ? {
        version: 1,
        policy: facts.fallback.policy,
        monitor: fallbackMonitor(facts.fallback.policy.measured.automationRate),
      }
    : { version: 1, policy: null, reason: facts.fallback.reason };
  const list: [string, string][] = [
    [p.payloadSchema, payloadSchemaJson(facts)],
    [p.odcs, odcsYaml(facts)],
    [p.expectations, expectationsJson(facts)],
    [p.mlmodel, mlmodelYaml(facts)],
    [p.slo, sloJson(facts)],
    [p.runbookMd, runbookMarkdown(facts)],
    [p.runbookHtml, runbookHtml(facts)],
    [PROFILE, profileJson],
    [FALLBACK, stableJson(fallback)],
  ];
  list.push([FEATURES, stableJson(featureContract(facts))]);
  if (facts.golden) list.push([GOLDEN, stableJson({ version: 1, ...facts.golden })]);
  if (facts.predictions) list.push([PREDICTIONS, encodeProfile(facts.predictions)]);
  if (ready && facts.readiness) {
    const model = { name: facts.model.name, version: facts.model.version, sha256: facts.model.sha256 };
    list.push([
      READINESS,
      stableJson({ version: 1, model, targetEp: ready.targetEp, ready: ready.ready, items: facts.readiness }),
    ]);
  }
  return list.map(([name, text]) => ({ name, data: Buffer.from(text, 'utf8') }));
}

/**
 * What `validate` alerts on: a batch where the model decides 5 points fewer rows than at export. A
 * sudden drop in automation is the confidence distribution moving, whatever the features say.
 */
export const AUTOMATION_DROP_ALERT = 0.05;
export function fallbackMonitor(automationRate: number) {
  return { automationRate, minAutomationRate: Math.max(0, automationRate - AUTOMATION_DROP_ALERT) };
}

export function featureContract(facts: BundleFacts): FeatureContract {
  return {
    version: 1,
    model: { name: facts.model.name, version: facts.model.version, sha256: facts.model.sha256 },
    reference: {
      dataset: facts.reference.dataset,
      rows: facts.reference.rows,
      profileSha256: facts.reference.profileSha256,
    },
    datasetDriftShare: facts.datasetDriftShare,
    features: facts.features,
    mapping: facts.mapping,
    predictions: facts.predictions ? facts.predictions.columns.map((c) => c.name) : null,
  };
}

/** The stored bytes must still be the registered ones: a bundle never ships a model that changed on disk. */
async function checkModelBytes(
  entries: { name: string; file: string; sha256: string }[],
  job: JobContext,
): Promise<void> {
  for (const e of entries) {
    job.throwIfCancelled();
    const hash = createHash('sha256');
    for await (const chunk of fs.createReadStream(e.file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
    if (hash.digest('hex') !== e.sha256)
      throw new PreflightError(
        'WORKSPACE_ERROR',
        `the stored bytes of ${e.name} no longer match the SHA-256 registered for them; the workspace copy was changed — re-add the model`,
      );
  }
}

function checkDestination(dest: string, overwrite: boolean): void {
  if (!dest.toLowerCase().endsWith('.zip'))
    throw new PreflightError('BAD_ARGUMENTS', `--out ${dest}: a bundle is a .zip file`);
  if (!fs.existsSync(path.dirname(dest)))
    throw new PreflightError('BAD_ARGUMENTS', `--out ${dest}: the folder ${path.dirname(dest)} does not exist`);
  if (fs.existsSync(dest) && !overwrite)
    throw new PreflightError('BAD_ARGUMENTS', `--out ${dest} already exists; choose another name or pass --overwrite`);
}

function readKeyFile(file: string): string {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new PreflightError(
      'INVALID_INPUT',
      `cannot read the signing key ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
    );
  }
  return checkedKey(pem, file);
}

/** A clear error now rather than after the export's work. */
function checkedKey(pem: string, what: string): string {
  try {
    readPrivateKey(pem);
  } catch (err) {
    throw new PreflightError('INVALID_INPUT', `${what}: ${(err as Error).message}`);
  }
  return pem;
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}
