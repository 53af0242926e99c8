// Entry point of a model child process (Node fork in CLI/web mode, utilityProcess in Electron).
// It runs one task and reports; native crashes here end this process only.
import { toErrorData } from '../errors';
import { CHILD_TASKS } from './child-tasks';
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
  if (!process.send) throw new Error('child-main must be started with an IPC channel');
  return { post: (m) => process.send!(m), listen: (l) => void process.on('message', (m) => l(m as ToChild)) };
}

const port = parentPort();
const controller = new AbortController();

port.listen(async (message) => {
  if (message.type === 'cancel') return controller.abort();
  const task = CHILD_TASKS[message.task];
  if (!task)
    return port.post({ type: 'error', error: { code: 'INTERNAL', message: `unknown child task ${message.task}` } });
  try {
    const result = await task(message.payload, {
      signal: controller.signal,
      progress: (fraction, text, data) =>
        port.post({ type: 'progress', fraction, message: text, ...(data ? { data } : {}) }),
    });
    port.post({ type: 'result', result });
  } catch (err) {
    port.post({ type: 'error', error: toErrorData(err) });
  }
});
