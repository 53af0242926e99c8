import fs from 'node:fs';
import type { CoreContext } from '../context';
import type { JobContext } from '../jobs/manager';
import { addModel, modelFilePath } from '../models/add';
import { resolveModel } from '../models/show';
import type { StoredVersion } from '../workspace/queries/models';

export interface BenchModel {
  version: StoredVersion;
  path: string;
}

const noJob: JobContext = { signal: new AbortController().signal, progress: () => {}, throwIfCancelled: () => {} };

/**
 * A registered NAME[@VERSION], or a path to an .onnx file which is registered on the fly (same bytes,
 * same version: registering twice is a no-op) so every run points at a hashed, stored model.
 */
export async function benchModel(core: CoreContext, ref: string, job: JobContext = noJob): Promise<BenchModel> {
  let version: StoredVersion;
  if (looksLikePath(ref)) {
    const added = await addModel(
      core,
      { path: ref, duplicate: false },
      { ...job, progress: (_f, m) => job.progress(null, `registering model: ${m}`) },
    );
    version = resolveModel(core, `${added.name}@${added.version}`);
  } else {
    version = resolveModel(core, ref);
  }
  return { version, path: modelFilePath(core, version.contentDigest) };
}

function looksLikePath(ref: string): boolean {
  return /\.onnx$/i.test(ref) || ref.includes('/') || ref.includes('\\') || fs.existsSync(ref);
}
