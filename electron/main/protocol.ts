// Serves the built UI (dist/renderer) on app://preflight/ with the CSP header on every response.
// No 'electron' import: main.ts passes this handler to protocol.handle, tests call it directly.
import fs from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, RESPONSE_HEADERS } from './security';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/**
 * The file under `root` a request maps to, or null when it must be refused: another host, traversal
 * ("..", encoded slashes or dots, backslashes, NUL) or a path that resolves outside `root`. Routes
 * without an extension get index.html (client-side routing survives a reload).
 */
export function rendererFileFor(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.host !== APP_HOST) return null;
  const raw = url.pathname;
  if (/\.\.|%2e|%2f|%5c|%00|\\|\0/i.test(raw)) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(raw).replace(/^\/+/, '');
  } catch {
    return null;
  }
  if (rel === '' || !path.extname(rel)) rel = 'index.html';
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, rel);
  return file.startsWith(resolvedRoot + path.sep) ? file : null;
}

export type ReadFile = (file: string) => Promise<Uint8Array>;

/** The protocol.handle handler. Reads through fs (asar-aware in Electron), never through file:// URLs. */
export function createRendererHandler(root: string, readFile: ReadFile = (f) => fs.readFile(f)) {
  return async (request: { url: string; method?: string }): Promise<Response> => {
    if (request.method && request.method !== 'GET' && request.method !== 'HEAD')
      return plain(405, 'method not allowed');
    const file = rendererFileFor(root, request.url);
    if (!file) return plain(400, 'bad path');
    let body: Uint8Array;
    try {
      body = await readFile(file);
    } catch {
      return plain(404, 'not found');
    }
    const headers = { ...RESPONSE_HEADERS, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

function plain(status: number, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { ...RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
