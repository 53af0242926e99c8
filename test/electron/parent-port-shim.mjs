// Loaded with `node --import` into a forked Node process: gives it the `process.parentPort` that
// Electron gives a utilityProcess, over Node's IPC channel. Lets the tests run the real core host and
// model children through electron/main/core-host.ts without the Electron binary. Like Electron's
// parentPort, messages that arrive before the first listener are queued, not dropped.
const listeners = [];
const queued = [];
process.parentPort = {
  postMessage: (message) => process.send?.(message),
  on: (event, listener) => {
    if (event !== 'message') return;
    listeners.push(listener);
    for (const data of queued.splice(0)) listener({ data });
  },
};
process.on('message', (data) => {
  if (listeners.length === 0) return void queued.push(data);
  for (const listener of listeners) listener({ data });
});
