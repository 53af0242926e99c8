import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ModelFile } from '../../../shared/types/models';

export interface StagedFiles {
  stagingDir: string;
  files: ModelFile[];
  contentDigest: string;
}

/**
 * Copies the model and its external data into a staging folder in the workspace, hashing while
 * copying (one streaming pass, constant memory). What is then inspected, loaded and stored is exactly
 * these bytes, whatever happens to the user's originals.
 */
export async function stageModelFiles(
  tmpDir: string,
  modelPath: string,
  externalPaths: string[],
  onBytes: (copied: number) => void,
  signal: AbortSignal,
): Promise<StagedFiles> {
  const stagingDir = path.join(tmpDir, `model-${process.pid}-${randomUUID()}`); // the pid lets a later open sweep it after a kill
  fs.mkdirSync(stagingDir, { recursive: true });
  const files: ModelFile[] = [];
  let copied = 0;
  const copy = async (src: string, relativePath: string, role: ModelFile['role']) => {
    const dest = path.join(stagingDir, relativePath);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    const hash = createHash('sha256');
    let size = 0;
    await pipeline(
      fs.createReadStream(src, { highWaterMark: 1 << 20 }),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          hash.update(chunk);
          size += chunk.length;
          copied += chunk.length;
          onBytes(copied);
          yield chunk;
        }
      },
      fs.createWriteStream(dest),
      { signal },
    );
    files.push({ role, relativePath, sha256: hash.digest('hex'), sizeBytes: size });
  };
  try {
    await copy(modelPath, 'model.onnx', 'model');
    const modelDir = path.dirname(modelPath);
    for (const ext of externalPaths)
      await copy(ext, path.relative(modelDir, ext).split(path.sep).join('/'), 'external-data');
  } catch (err) {
    fs.rmSync(stagingDir, { recursive: true, force: true });
    throw err;
  }
  return { stagingDir, files, contentDigest: digestOf(files) };
}

/** A digest over every file's path and hash: the storage key of one version. */
export function digestOf(files: ModelFile[]): string {
  const lines = files.map((f) => `${f.sha256}  ${f.relativePath}\n`).sort();
  return createHash('sha256').update(lines.join(''), 'utf8').digest('hex');
}

/** Moves a staged folder to blobs/sha256/<digest>; if that digest is already stored, keeps the old copy. */
export function commitStaged(blobsDir: string, staged: StagedFiles): string {
  const finalDir = path.join(blobsDir, staged.contentDigest);
  try {
    fs.renameSync(staged.stagingDir, finalDir);
  } catch (err) {
    // Content-addressed: if another add stored the same digest first, its copy is the same bytes.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'EPERM') throw err;
    fs.rmSync(staged.stagingDir, { recursive: true, force: true });
  }
  return finalDir;
}

export function storedModelPath(blobsDir: string, contentDigest: string): string {
  return path.join(blobsDir, contentDigest, 'model.onnx');
}
