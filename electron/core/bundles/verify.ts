// bundles/verify: a bundle .zip (read as untrusted input into a private temporary folder, removed at
// the end) or an OMS-signed model folder. One check per line, each naming its file; the result says
// `trusted` only when a signature was checked against a key the user gave.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PreflightError } from '../../../shared/contract/errors';
import type { ParsedArgsOf } from '../../../shared/contract/methods';
import type { BundleManifest, GoldenSet, VerifyCheck, VerifyResult } from '../../../shared/types/bundles';
import type { LoadCheck } from '../../../shared/types/models';
import type { CoreContext } from '../context';
import type { JobContext } from '../jobs/manager';
import { runInChild } from '../jobs/run-in-child';
import { readOnnxMetadata } from '../models/onnx/index';
import { GOLDEN, MANIFEST, SIGNATURE } from './export';
import { compareResources, hashFolder, verifySignatureFile } from './oms/index';
import type { ReplayOutcome } from './replay-child';
import { digestChecks, readManifest, schemaChecks, signatureChecks } from './verify-checks';
import { extractZip, ZipDamagedError } from './zip-read';

type Args = ParsedArgsOf<'bundles/verify'>;

export async function verify(core: CoreContext, args: Args, job: JobContext): Promise<VerifyResult> {
  const started = performance.now();
  const target = path.resolve(args.path);
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(target);
  } catch {
    throw new PreflightError('INVALID_INPUT', `${args.path}: no such file or folder`, { path: args.path });
  }
  if (stat.isSymbolicLink())
    throw new PreflightError('INVALID_INPUT', `${args.path} is a symbolic link; give the real file`, {
      path: args.path,
    });
  const pem = readKey(args);
  const result = stat.isDirectory()
    ? await verifyFolder(target, args, pem, job)
    : await verifyBundle(core, target, args, pem, job);
  result.seconds = (performance.now() - started) / 1000;
  result.ok = result.checks.every((c) => c.ok || c.skipped);
  try {
    core.queries.bundles.addVerification(result, null, result.modelSha256 ?? null, args.replay);
  } catch {
    /* a read-only or busy workspace must not turn a verification into a failure */
  }
  const { modelSha256: _m, ...out } = result;
  return out;
}

type Draft = VerifyResult & { modelSha256?: string | null };

async function verifyBundle(
  core: CoreContext,
  zipPath: string,
  args: Args,
  pem: string | null,
  job: JobContext,
): Promise<Draft> {
  if (args.signature || args.ignorePaths)
    throw new PreflightError(
      'BAD_ARGUMENTS',
      '--signature and --ignore-paths are for a model folder; a bundle carries its own model.sig',
    );
  const draft: Draft = {
    path: zipPath,
    kind: 'bundle',
    ok: false,
    trusted: false,
    signer: null,
    checks: [],
    seconds: 0,
  };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-verify-'));
  // The load check starts now, in its own process, and loads the model as soon as it is extracted:
  // onnxruntime's start-up and the model load overlap with reading the rest of the bundle.
  const stopLoad = new AbortController();
  const stop = () => stopLoad.abort();
  job.signal.addEventListener('abort', stop, { once: true });
  const loading = runInChild<LoadCheck>(
    core.launcher,
    'bundles/load-when-ready',
    { path: path.join(tmp, 'model', 'model.onnx'), timeoutMs: 3_600_000 },
    { signal: stopLoad.signal },
  );
  loading.catch(() => {});
  try {
    job.progress(0, `reading ${path.basename(zipPath)}`);
    let extracted;
    try {
      // The manifest's digests cover every other entry; CRCs catch damage where no digest reaches.
      extracted = await extractZip(zipPath, tmp, job.signal, {
        crc: (name) => name === MANIFEST || name === SIGNATURE || !name.startsWith('model/'),
      });
    } catch (err) {
      if (err instanceof ZipDamagedError)
        return { ...draft, checks: [{ check: 'zip', file: path.basename(zipPath), ok: false, message: err.message }] };
      throw err;
    }
    const entries = extracted.entries;
    draft.checks.push({
      check: 'zip',
      file: path.basename(zipPath),
      ok: true,
      message: `${entries.length} entries, every name and size within bounds`,
    });
    const { manifest, check } = readManifest(tmp, entries);
    draft.checks.push(check);
    if (!manifest) {
      draft.checks.push(
        ...entries
          .filter((e) => e.damage)
          .map((e) => ({ check: 'digest' as const, file: e.name, ok: false, message: e.damage! })),
      );
      return draft;
    }
    draft.modelSha256 = manifest.sources.model.sha256;
    draft.checks.push(...digestChecks(manifest, entries));
    const sig = signatureChecks(tmp, entries, pem);
    draft.checks.push(...sig.checks);
    draft.trusted = sig.trusted;
    draft.signer = sig.fingerprint ? { keyFingerprint: sig.fingerprint } : null;
    draft.checks.push(...schemaChecks(tmp, manifest));
    job.progress(0.5, 'loading the model in onnxruntime');
    draft.checks.push(...(await runtimeChecks(core, tmp, manifest, args.replay, loading, job)));
    return draft;
  } finally {
    stop();
    job.signal.removeEventListener('abort', stop);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function runtimeChecks(
  core: CoreContext,
  dir: string,
  manifest: BundleManifest,
  replay: boolean,
  loading: Promise<LoadCheck>,
  job: JobContext,
): Promise<VerifyCheck[]> {
  const modelFile = 'model/model.onnx';
  const modelPath = path.join(dir, 'model', 'model.onnx');
  if (!fs.existsSync(modelPath))
    return [{ check: 'load', file: modelFile, ok: false, message: 'the bundle has no model/model.onnx' }];
  const checks: VerifyCheck[] = [];
  // Read the opsets while onnxruntime is still loading the model in its child process.
  const reading = readOnnxMetadata(modelPath).then(
    (meta) => ({ meta, error: null }),
    (error: Error) => ({ meta: null, error }),
  );
  let load: LoadCheck;
  try {
    load = await loading;
  } catch (err) {
    if (job.signal.aborted) throw err;
    return [{ check: 'load', file: modelFile, ok: false, message: `the load check failed: ${(err as Error).message}` }];
  }
  checks.push(
    load.loadable
      ? { check: 'load', file: modelFile, ok: true, message: `loads in onnxruntime ${load.ortVersion} (CPU)` }
      : {
          check: 'load',
          file: modelFile,
          ok: false,
          message: `onnxruntime ${load.ortVersion} refuses the model: ${load.error}`,
        },
  );
  const { meta, error } = await reading;
  if (meta) {
    const opsets = meta.opsetImports.map((o) => `${o.domain || 'ai.onnx'} ${o.version}`).join(', ');
    const same = load.ortVersion === manifest.onnxruntimeVersion;
    checks.push({
      check: 'opset',
      file: modelFile,
      ok: load.loadable,
      message: load.loadable
        ? `opsets ${opsets} supported by onnxruntime ${load.ortVersion}${same ? ' (the version it was exported with)' : `; exported with ${manifest.onnxruntimeVersion}: replay the golden rows after a runtime change`}`
        : `opsets ${opsets}: not loadable by onnxruntime ${load.ortVersion} (exported with ${manifest.onnxruntimeVersion})`,
    });
  } else {
    checks.push({
      check: 'opset',
      file: modelFile,
      ok: false,
      message: `cannot read the model's opsets: ${error?.message}`,
    });
  }
  if (!replay) return checks;
  const goldenPath = path.join(dir, ...GOLDEN.split('/'));
  if (!fs.existsSync(goldenPath))
    return [
      ...checks,
      {
        check: 'replay',
        file: GOLDEN,
        ok: false,
        message: 'the bundle has no golden rows to replay (it was exported without a column mapping for the model)',
      },
    ];
  if (!load.loadable)
    return [...checks, { check: 'replay', file: GOLDEN, ok: false, message: 'not replayed: the model does not load' }];
  job.progress(0.8, 'replaying the golden rows');
  let golden: GoldenSet;
  try {
    golden = JSON.parse(fs.readFileSync(goldenPath, 'utf8')) as GoldenSet;
  } catch (err) {
    return [
      ...checks,
      { check: 'replay', file: GOLDEN, ok: false, message: `golden rows unreadable: ${(err as Error).message}` },
    ];
  }
  try {
    const outcomes = await runInChild<ReplayOutcome[]>(
      core.launcher,
      'bundles/replay',
      { modelPath, golden },
      { signal: job.signal },
    );
    for (const o of outcomes)
      checks.push({
        check: 'replay',
        file: GOLDEN,
        ok: o.ok,
        message: `${o.name}: ${o.message} over ${golden.rows} golden rows`,
      });
  } catch (err) {
    if ((err as PreflightError).code === 'CANCELLED') throw err;
    checks.push({ check: 'replay', file: GOLDEN, ok: false, message: `replay failed: ${(err as Error).message}` });
  }
  return checks;
}

/** An OMS-signed model folder, as the standard `model_signing` tool signs one. */
async function verifyFolder(dir: string, args: Args, pem: string | null, job: JobContext): Promise<Draft> {
  if (!pem)
    throw new PreflightError(
      'BAD_ARGUMENTS',
      'verify DIR needs --key PUBLIC.pem: a model folder is trusted only through its signature',
    );
  const sigPath = path.resolve(args.signature ?? path.join(dir, SIGNATURE));
  let sigText: string;
  try {
    sigText = fs.readFileSync(sigPath, 'utf8');
  } catch {
    throw new PreflightError('INVALID_INPUT', `no signature file at ${sigPath} (give it with --signature)`);
  }
  const draft: Draft = {
    path: dir,
    kind: 'oms-folder',
    ok: false,
    trusted: false,
    signer: null,
    checks: [],
    seconds: 0,
  };
  const sigName = path.relative(dir, sigPath).split(path.sep).join('/');
  const outcome = verifySignatureFile(sigText, pem);
  if (!outcome.ok)
    return { ...draft, checks: [{ check: 'signature', file: sigName, ok: false, message: outcome.reason }] };
  job.progress(0.1, `hashing ${path.basename(dir)}`);
  const inside = !sigName.startsWith('..') && !path.isAbsolute(sigName);
  const ignore = [...new Set([...(args.ignorePaths ?? []), ...outcome.ignorePaths, ...(inside ? [sigName] : [])])];
  const actual = await hashFolder(dir, ignore);
  const problems = compareResources(outcome.resources, actual);
  draft.signer = { keyFingerprint: outcome.keyFingerprint };
  draft.checks.push({
    check: 'signature',
    file: sigName,
    ok: true,
    message: `OMS signature by key ${outcome.keyFingerprint.slice(0, 16)}… over ${outcome.resources.length} files (subject ${outcome.subjectName})`,
  });
  if (problems.length)
    draft.checks.push(
      ...problems.map((p) => ({ check: 'digest' as const, file: p.file, ok: false, message: p.message })),
    );
  else
    draft.checks.push({
      check: 'digest',
      file: null,
      ok: true,
      message: `all ${actual.length} files match the signed digests`,
    });
  draft.trusted = problems.length === 0;
  return draft;
}

function readKey(args: Args): string | null {
  if (args.keyPem) return args.keyPem;
  if (!args.key) return null;
  try {
    return fs.readFileSync(args.key, 'utf8');
  } catch (err) {
    throw new PreflightError(
      'INVALID_INPUT',
      `cannot read the public key ${args.key}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
    );
  }
}
