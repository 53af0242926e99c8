// Transport over the desktop bridge (window.preflight, exposed by electron/preload/preload.ts, which
// carries calls and events over its MessagePort to the core). The same typed client (shared/client.ts)
// runs on it, on HTTP + SSE in web mode, and in-process.
import type { Transport } from '../../shared/client';
import { getBridge, type PreflightBridge } from './bridge';

export function createIpcTransport(bridge: PreflightBridge): Transport {
  return {
    async call(method, args) {
      try {
        return await bridge.call(method, args);
      } catch (err) {
        // The bridge answers errors as data; a rejection means the transport itself failed: keep it data too.
        return { ok: false, error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) } };
      }
    },
    subscribe: (listener) => bridge.subscribe(listener),
  };
}

/** The transport of the desktop app; throws when the page is not running inside it. */
export function ipcTransport(): Transport {
  const bridge = getBridge();
  if (!bridge)
    throw new Error('The Preflight desktop bridge is missing: this page is not running inside the desktop app.');
  return createIpcTransport(bridge);
}
