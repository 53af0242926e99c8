import { PreflightError } from '../../../shared/contract/errors';
import type { Launcher } from './launcher';
import type { FromChild, ToChild } from './protocol';

export interface ChildRunOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number | null, message: string, data?: Record<string, unknown>) => void;
  /**
   * The child writes to the workspace (a folder import's part): the task settles only once the child
   * is gone, so a cancelled or stopped child can no longer hold the write lock or create a table
   * after the caller has cleaned up.
   */
  untilExit?: boolean;
}

/**
 * Runs one task in a fresh child process. Cancelling kills the child at once: most children never
 * write to the workspace, so there is nothing half-written to undo; those that do are waited for
 * (`untilExit`), and their caller drops what they wrote.
 */
export function runInChild<R>(
  launcher: Launcher,
  task: string,
  payload: unknown,
  options: ChildRunOptions = {},
): Promise<R> {
  const { signal, onProgress, untilExit = false } = options;
  if (signal?.aborted) return Promise.reject(new PreflightError('CANCELLED', `${task} was cancelled`));
  return new Promise<R>((resolve, reject) => {
    const child = launcher();
    let settled = false;
    let exited = false;
    let afterExit: (() => void) | null = null;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      child.kill(); // one task per child: it is done either way
      if (untilExit && !exited) afterExit = fn;
      else fn();
    };
    const onAbort = () => {
      settle(() => reject(new PreflightError('CANCELLED', `${task} was cancelled`)));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.onMessage((raw) => {
      const message = raw as FromChild;
      if (message.type === 'progress') onProgress?.(message.fraction, message.message, message.data);
      else if (message.type === 'result') settle(() => resolve(message.result as R));
      else if (message.type === 'error') settle(() => reject(PreflightError.fromData(message.error)));
    });
    child.onExit((code, sig) => {
      exited = true;
      afterExit?.();
      settle(() =>
        reject(
          new PreflightError(
            'CHILD_CRASHED',
            `the isolated model process for ${task} stopped unexpectedly (${sig ? `signal ${sig}` : `exit code ${code}`}); the workspace is unchanged${lastWords(child.stderrTail?.())}`,
            { task, code, signal: sig, stderr: child.stderrTail?.() ?? '' },
          ),
        ),
      );
    });
    child.send({ type: 'run', task, payload } satisfies ToChild);
  });
}

/** The last line the child printed before dying, if any: often the native library's own explanation. */
function lastWords(stderr: string | undefined): string {
  const line = stderr?.trim().split('\n').filter(Boolean).pop();
  return line ? `; its last words: ${line.slice(0, 300)}` : '';
}
