// The loop of a model child process (Node fork in CLI/web mode, utilityProcess in Electron): it runs one
// task and reports; native crashes here end this process only. The entry point (core/child-main.ts)
// hands it the task registry.
import { toErrorData } from '../errors';
import type { ChildTask } from './child-task';
import type { FromChild, ToChild } from './protocol';

interface Port {
  post(message: FromChild): void;
  listen(listener: (message: ToChild) => void): void;
}

function parentPort(): Port {
  const electronPort = (
    process as unknown as {
      parentPort?: { postMessage(m: unknown): void; on(e: 'message', l: (e: { data: unknown }) => void): void };
    }
  ).parentPort;
  if (electronPort) {
    return {
      post: (m) => electronPort.postMessage(m),
      listen: (l) => electronPort.on('message', (e) => l(e.data as ToChild)),
    };
  }
  if (!process.send) throw new Error('a child task process must be started with an IPC channel');
  return { post: (m) => process.send!(m), listen: (l) => void process.on('message', (m) => l(m as ToChild)) };
}

export function serveChildTasks(tasks: Record<string, ChildTask>): void {
  const port = parentPort();
  const controller = new AbortController();
  port.listen(async (message) => {
    if (message.type === 'cancel') return controller.abort();
    const task = Object.hasOwn(tasks, message.task) ? tasks[message.task] : undefined;
    if (!task)
      return port.post({ type: 'error', error: { code: 'INTERNAL', message: `unknown child task ${message.task}` } });
    try {
      const result = await task(message.payload as never, {
        signal: controller.signal,
        progress: (fraction, text, data) =>
          port.post({ type: 'progress', fraction, message: text, ...(data ? { data } : {}) }),
      });
      port.post({ type: 'result', result });
    } catch (err) {
      port.post({ type: 'error', error: toErrorData(err) });
    }
  });
}
