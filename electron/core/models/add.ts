import fs from 'node:fs';
import path from 'node:path';
import { PreflightError } from '../../../shared/contract/errors';
import type { ParsedArgsOf } from '../../../shared/contract/methods';
import type { ModelVersion } from '../../../shared/types/models';
import type { JobContext } from '../jobs/manager';
import { runInChild } from '../jobs/run-in-child';
import type { CoreContext } from '../context';
import { checkExternalDataPaths, OnnxFormatError, readOnnxMetadata } from './onnx/index';
import { commitStaged, stageModelFiles, storedModelPath } from './store';
import type { LoadCheck } from '../../../shared/types/models';
import { defaultModelName } from '../../../shared/naming/index';

/** models/add: validate the file, keep its exact bytes, inspect them, prove they load, register a version. */
export async function addModel(
  core: CoreContext,
  args: ParsedArgsOf<'models/add'>,
  job: JobContext,
): Promise<ModelVersion & { created: boolean; sameBytesAs?: string[] }> {
  const source = path.resolve(args.path);
  checkIsFile(source);
  job.progress(0, 'reading model metadata');
  const original = await inspect(source);
  const modelDir = path.dirname(source);
  try {
    await checkExternalDataPaths(modelDir, original.externalData);
  } catch (err) {
    throw asInvalidModel(source, err);
  }
  const externalPaths = [...new Set(original.externalData.map((r) => path.resolve(modelDir, r.location)))];
  const total = [source, ...externalPaths].reduce((sum, p) => sum + fs.statSync(p).size, 0);
  const name = args.name ?? defaultName(source);

  const staged = await stageModelFiles(
    core.workspace.tmpDir,
    source,
    externalPaths,
    (copied) => job.progress((0.6 * copied) / Math.max(total, 1), 'copying and hashing'),
    job.signal,
  );
  const existing = core.queries.models.findByDigest(name, staged.contentDigest);
  if (existing) {
    fs.rmSync(staged.stagingDir, { recursive: true, force: true });
    job.progress(1, `already registered as ${name}@${existing.version}`);
    return { ...withoutId(existing), created: false };
  }
  // The same bytes under another name: offer that one instead of a silent second copy.
  const sameBytes = core.queries.models.withDigest(staged.contentDigest);
  const sameBytesAs = sameBytes.map((v) => `${v.name}@${v.version}`);
  if (sameBytes.length && !args.duplicate) {
    fs.rmSync(staged.stagingDir, { recursive: true, force: true });
    job.progress(1, `the same bytes are already registered as ${sameBytesAs.join(', ')}`);
    return { ...withoutId(sameBytes[0]), created: false, sameBytesAs };
  }
  let loadCheck: LoadCheck;
  try {
    // Metadata is re-read from the staged copy: what is registered is what was inspected.
    const metadata = await inspect(path.join(staged.stagingDir, 'model.onnx'));
    job.progress(0.7, 'loading in onnxruntime (isolated process)');
    loadCheck = await runInChild<LoadCheck>(
      core.launcher,
      'models/load-check',
      { path: path.join(staged.stagingDir, 'model.onnx') },
      { signal: job.signal },
    );
    job.throwIfCancelled();
    // onnxruntime names the staged copy; the user knows the file they gave.
    if (loadCheck.error)
      loadCheck = {
        ...loadCheck,
        error: loadCheck.error.split(path.join(staged.stagingDir, 'model.onnx')).join(source),
      };
    if (!loadCheck.loadable && !args.allowUnloadable) {
      const reason = loadCheck.error ?? 'unknown reason';
      throw new PreflightError(
        'MODEL_LOAD_FAILED',
        `${source} does not load in onnxruntime ${loadCheck.ortVersion}: ${reason} (nothing was registered; --allow-unloadable keeps it anyway)`,
        { path: source, ortVersion: loadCheck.ortVersion },
      );
    }
    commitStaged(core.workspace.blobsDir, staged);
    const stored = core.queries.models.insertVersion({
      name,
      sha256: staged.files[0].sha256,
      contentDigest: staged.contentDigest,
      addedAt: new Date().toISOString(),
      sourcePath: source,
      files: staged.files,
      metadata,
      loadCheck,
    });
    job.progress(
      1,
      stored.created ? `registered ${name}@${stored.version}` : `already registered as ${name}@${stored.version}`,
    );
    return { ...withoutId(stored), created: stored.created, ...(sameBytesAs.length ? { sameBytesAs } : {}) };
  } finally {
    fs.rmSync(staged.stagingDir, { recursive: true, force: true });
  }
}

export function modelFilePath(core: CoreContext, contentDigest: string): string {
  return storedModelPath(core.workspace.blobsDir, contentDigest);
}

function checkIsFile(p: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    throw new PreflightError('INVALID_INPUT', `${p}: no such file`, { path: p });
  }
  if (stat.isDirectory())
    throw new PreflightError('INVALID_INPUT', `${p} is a directory, not an .onnx file`, { path: p });
  if (!stat.isFile()) throw new PreflightError('INVALID_INPUT', `${p} is not a regular file`, { path: p });
  if (stat.size === 0)
    throw new PreflightError('INVALID_INPUT', `${p} is not a valid ONNX model: the file is empty`, { path: p });
}

async function inspect(p: string) {
  try {
    return await readOnnxMetadata(p);
  } catch (err) {
    throw asInvalidModel(p, err);
  }
}

function asInvalidModel(p: string, err: unknown): PreflightError {
  if (err instanceof OnnxFormatError && err.message.startsWith('not an ONNX model: ')) {
    return new PreflightError('INVALID_INPUT', `${p} is ${err.message}`, { path: p });
  }
  if (err instanceof OnnxFormatError) {
    const reason = err.message.replace(/^not a valid ONNX model:\s*/i, '');
    return new PreflightError('INVALID_INPUT', `${p} is not a valid ONNX model: ${reason}`, { path: p });
  }
  if (err instanceof PreflightError) return err;
  return new PreflightError('INVALID_INPUT', `${p}: ${(err as Error).message}`, { path: p });
}

function defaultName(p: string): string {
  return defaultModelName(p);
}

function withoutId<T extends { id: number; contentDigest: string }>(v: T): Omit<T, 'id' | 'contentDigest'> {
  const { id: _id, contentDigest: _d, ...rest } = v;
  return rest;
}
