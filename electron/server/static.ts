import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Serves a file of the UI build; the caller has already refused unsafe paths. Unknown routes get index.html (client-side routing). */
export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath).replace(/^\/+/, '');
  } catch {
    return void end(res, 400, 'bad path'); // malformed percent-encoding
  }
  let file = path.resolve(root, rel || 'index.html');
  if (file !== root && !file.startsWith(root + path.sep)) return void end(res, 400, 'bad path');
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    if (path.extname(rel)) return void end(res, 404, 'not found');
    file = path.join(root, 'index.html');
  }
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    return void end(res, 404, 'not found');
  }
  if (!real.startsWith(fs.realpathSync(root) + path.sep)) return void end(res, 400, 'bad path');
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(real)] ?? 'application/octet-stream',
    'Cache-Control': real.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
  });
  fs.createReadStream(real).pipe(res);
}

export function end(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${message}\n`);
}
