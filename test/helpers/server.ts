import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { CLI, ROOT } from './workspace';

export interface SpawnedServer {
  launchUrl: string;
  base: string;
  token: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `preflight serve --port 0 --json` and reads the launch URL it prints first. */
export function spawnServer(workspace: string, env: NodeJS.ProcessEnv = {}): Promise<SpawnedServer> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--no-open', '--json', '--workspace', workspace], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    child.on('exit', (code) => reject(new Error(`preflight serve exited with ${code}: ${err}`)));
    child.stdout!.on('data', (d) => {
      out += d;
      const end = out.indexOf('\n}');
      if (end < 0) return;
      const info = JSON.parse(out.slice(0, end + 2)) as { url: string; port: number };
      const url = new URL(info.url);
      resolve({
        launchUrl: info.url,
        base: `${url.protocol}//${url.host}`,
        token: url.searchParams.get('token')!,
        port: info.port,
        process: child,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request: the path and headers are sent exactly as given (no URL normalisation). */
export function rawRequest(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}
