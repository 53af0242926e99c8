import { getBridge } from './bridge';
import { host, httpTransport } from './client';
import type { useJob } from './hooks';
import { relativePathOf } from './relative-paths';

export { relativePathOf };

export interface UploadProgress {
  loaded: number;
  total: number;
  file: string;
}

/**
 * Turns files the user picked or dropped into paths the core can open. Electron knows the real
 * path; in web mode the files are uploaded in ONE batch so they share a folder on the server — a
 * model and its external data files must keep their layout for the model to resolve `location`.
 */
export async function filesToPaths(
  files: File[],
  onProgress?: (p: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<string[]> {
  const bridge = getBridge();
  if (bridge) return files.map((f) => bridge.pathForFile(f));
  if (!httpTransport) throw new Error('no way to reach the core');
  const batch = newBatchId();
  const total = files.reduce((sum, f) => sum + f.size, 0);
  let done = 0;
  const paths: string[] = [];
  for (const file of files) {
    // Folders travel too: a model's `data/weights.bin` must land in `data/` beside it on the server.
    const name = relativePathOf(file);
    const result = await httpTransport.upload(
      file,
      batch,
      name,
      (loaded) => onProgress?.({ loaded: done + loaded, total, file: name }),
      signal,
    );
    done += file.size;
    onProgress?.({ loaded: done, total, file: name });
    paths.push(result.path);
  }
  return paths;
}

/**
 * filesToPaths as the "uploading" phase of a job: progress and Cancel in the job's own bar, a failure
 * in its error box. Returns undefined when the upload failed or was cancelled.
 */
export async function uploadForJob(job: ReturnType<typeof useJob>, files: File[]): Promise<string[] | undefined> {
  try {
    const signal =
      host === 'web'
        ? job.setPhase(`Uploading ${files.length === 1 ? files[0].name : `${files.length} files`}`, 0)
        : undefined;
    const paths = await filesToPaths(
      files,
      (p) => job.setPhase(`Uploading ${p.file}`, p.total ? p.loaded / p.total : null),
      signal,
    );
    job.setPhase(null);
    return paths;
  } catch (err) {
    job.fail(err);
    return undefined;
  }
}

function newBatchId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
