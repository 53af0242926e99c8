import { createClient, type Client } from '../../shared/client';
import { getBridge } from './bridge';
import { createHttpTransport, type ConnectionState, type HttpTransport } from './http-transport';
import { createIpcTransport } from './ipc-transport';

// One client for the whole UI. Electron exposes `window.preflight` through its preload; anywhere else
// the UI was served by `preflight serve` and talks HTTP to the same origin.

const bridge = getBridge();
const http: HttpTransport | null = bridge ? null : createHttpTransport();

export const client: Client = createClient(bridge ? createIpcTransport(bridge) : http!);

export const host: 'electron' | 'web' = bridge ? 'electron' : 'web';

/** Web mode only: the upload endpoint. Electron passes real paths instead (see files.ts). */
export const httpTransport = http;

/** Whether job events are flowing. The desktop's port (or main's relay before it) never drops: 'open'. */
export function onConnection(listener: (state: ConnectionState) => void): () => void {
  if (!http) {
    listener('open');
    return () => {};
  }
  return http.onConnection(listener);
}

export type { Client, ConnectionState };
