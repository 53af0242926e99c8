import fs from 'node:fs';
import { PreflightError } from '../../../shared/contract/errors';
import type { ChildTask } from '../jobs/child-task';
import { loadCheck } from '../models/load-check';
import { replayGolden } from './replay-child';

/** Tasks of the bundles domain that run in a child process (they load onnxruntime). */
export const bundleChildTasks: Record<string, ChildTask> = {
  'bundles/replay': (payload) => replayGolden(payload),
  /**
   * The load check, started before the model is extracted: onnxruntime is imported while the parent
   * is still reading the zip, and the session is created as soon as the file appears (the extractor
   * renames each file into place only once it is complete). The parent kills it if the file never comes.
   */
  'bundles/load-when-ready': async (payload: { path: string; timeoutMs: number }, ctx) => {
    await import('onnxruntime-node');
    const deadline = Date.now() + payload.timeoutMs;
    while (!fs.existsSync(payload.path)) {
      if (ctx.signal.aborted) throw new PreflightError('CANCELLED', 'the load check was cancelled');
      if (Date.now() > deadline) throw new PreflightError('INVALID_INPUT', `${payload.path} never appeared`);
      await new Promise((r) => setTimeout(r, 5));
    }
    return loadCheck(payload.path);
  },
};
