// Runs the bundled core host (dist/electron/core-host.cjs) in a worker thread with the API Electron
// gives a utilityProcess: `process.parentPort` whose messages arrive as { data, ports }, and ports
// shaped like MessagePortMain (on('message', e => e.data), start, close). Unlike a forked Node process,
// a worker can receive a real MessagePort, so tests can hand the core one end of a MessageChannel and
// the preload the other, exactly as main does. The main thread posts { data, ports } with ports transferred.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const asPortMain = (port) => ({
  postMessage: (message) => port.postMessage(message),
  on(event, listener) {
    if (event === 'message') port.on('message', (data) => listener({ data, ports: [] }));
    else if (event === 'close') port.on('close', listener);
    return this;
  },
  start: () => port.start(),
  close: () => port.close(),
});

const listeners = [];
const queued = [];
process.parentPort = {
  postMessage: (message) => parentPort.postMessage(message),
  on: (event, listener) => {
    if (event !== 'message') return;
    listeners.push(listener);
    for (const message of queued.splice(0)) listener(message);
  },
};
parentPort.on('message', ({ data, ports }) => {
  const message = { data, ports: (ports ?? []).map(asPortMain) };
  if (listeners.length === 0) return void queued.push(message);
  for (const listener of listeners) listener(message);
});
createRequire(import.meta.url)(workerData.entry);
