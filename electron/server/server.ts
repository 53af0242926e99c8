import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { httpStatusFor, PreflightError } from '../../shared/contract/errors';
import type { Core } from '../core/api';
import { toErrorData } from '../core/errors';
import { readJson } from './body';
import { handleFileDownload } from './files';
import {
  allowedHosts,
  reachableBases,
  cookieName,
  hostAllowed,
  originAllowed,
  SECURITY_HEADERS,
  tokenFrom,
  tokenMatches,
  unsafeStaticPath,
} from './security';
import { end, serveStatic } from './static';
import { handleUpload } from './upload';

export interface ServerOptions {
  core: Core;
  host: string;
  port: number;
  staticDir: string;
  uploadDir: string;
  token?: string;
  maxUploadBytes?: number;
  /** Extra Host names accepted beyond the machine's own (--allow-host: a DNS name, a proxy). */
  allowHosts?: string[];
}

export interface RunningServer {
  url: string;
  /** The URL to open once: it carries the token, which becomes an HttpOnly cookie. */
  launchUrl: string;
  /** Every launch URL that reaches this server (one per address of the machine for 0.0.0.0). */
  launchUrls: string[];
  token: string;
  port: number;
  close(): Promise<void>;
}

/** Web mode: the same core over HTTP (calls), server-sent events (job events) and the built UI. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const maxUpload = options.maxUploadBytes ?? Number(process.env.PREFLIGHT_MAX_UPLOAD_BYTES || 8 * 1024 ** 3);
  const staticDir = path.resolve(options.staticDir);
  const streams = new Set<ServerResponse>();
  const unsubscribe = options.core.onEvent((event) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const res of streams) {
      // A client that stopped reading is cut off rather than buffered without bound; it reconnects
      // and catches up through jobs/get.
      if (res.writableLength > 4 * 1024 * 1024) {
        streams.delete(res);
        res.destroy();
      } else res.write(frame);
    }
  });
  let allowed: Set<string> | null = null;
  let port = options.port;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    if (!hostAllowed(req, allowed)) return end(res, 403, 'forbidden host');
    const rawPath = (req.url ?? '/').split('?')[0];
    if (unsafeStaticPath(rawPath)) return end(res, 400, 'bad path');
    const url = new URL(req.url ?? '/', 'http://local');
    if (req.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      if (!tokenMatches(url.searchParams.get('token'), token))
        return end(res, 401, 'wrong token: use the URL printed by `preflight serve`');
      res.writeHead(302, {
        'Set-Cookie': `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
      });
      return res.end();
    }
    if (!tokenMatches(tokenFrom(req, port), token))
      return end(res, 401, 'missing or wrong token: open the URL printed by `preflight serve`');
    if (req.method !== 'GET' && req.method !== 'HEAD' && !originAllowed(req, allowed))
      return end(res, 403, 'forbidden origin');

    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (url.pathname.startsWith('/api/call/') && req.method === 'POST') {
      const method = url.pathname.slice('/api/call/'.length);
      let outcome;
      try {
        outcome = await options.core.dispatch(method, await readJson(req));
      } catch (err) {
        outcome = { ok: false as const, error: toErrorData(err) };
      }
      res.writeHead(outcome.ok ? 200 : httpStatusFor(outcome.error.code), {
        'Content-Type': 'application/json',
        'Cache-Control': 'no-store',
      });
      return res.end(JSON.stringify(outcome));
    }
    if (url.pathname === '/api/upload' && req.method === 'POST')
      return handleUpload(req, res, url, options.uploadDir, maxUpload);
    if (url.pathname.startsWith('/api/files/') && (req.method === 'GET' || req.method === 'HEAD'))
      return handleFileDownload(req, res, options.core, url.pathname.slice('/api/files/'.length));
    if (url.pathname.startsWith('/api/')) return end(res, 404, 'no such endpoint');
    if (req.method !== 'GET' && req.method !== 'HEAD') return end(res, 405, 'method not allowed');
    return serveStatic(staticDir, url.pathname, res);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) end(res, 500, toErrorData(err).message);
      else res.destroy();
    });
  });
  // Large uploads through an SSH tunnel outlast Node's 5-minute request limit; an upload that stops
  // sending for a minute is cut instead (see upload()).
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new PreflightError(
          'BAD_ARGUMENTS',
          err.code === 'EADDRINUSE'
            ? `port ${options.port} is in use; choose another with --port`
            : `cannot listen on ${options.host}:${options.port}: ${err.message}`,
        ),
      ),
    );
    server.listen(options.port, options.host, resolve);
  });
  port = (server.address() as { port: number }).port;
  allowed = allowedHosts(options.host, port, options.allowHosts);
  // 0.0.0.0 is not an address a browser can open: print the machine's own addresses instead.
  const bases = reachableBases(options.host, port);
  const base = bases[0];
  return {
    url: `${base}/`,
    launchUrl: `${base}/?token=${token}`,
    launchUrls: bases.map((b) => `${b}/?token=${token}`),
    token,
    port,
    close: async () => {
      unsubscribe();
      for (const res of streams) res.end();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      fs.rmSync(options.uploadDir, { recursive: true, force: true });
    },
  };
}
