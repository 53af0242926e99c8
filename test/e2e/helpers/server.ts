// Spawns the real `preflight serve` (the built CLI, exactly as a user runs it) on a free port with a
// throw-away workspace. Reuse it from any e2e test:
//
//   import { startServe } from './helpers/server';
//   let serve: Serve;
//   beforeAll(async () => { serve = await startServe(); });          // optional: { env, workspace }
//   afterAll(async () => { await serve?.stop(); });                     // ends the process, removes the temp workspace
//   …  await page.goto(serve.launchUrl)   // sets the auth cookie, redirects to the UI
//   …  serve.origin, serve.port, serve.token for raw HTTP checks
//
// The tests never build: run `node scripts/build.mjs && npx vite build` first (CI does).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface Serve {
  /** The launch URL printed by `serve`: it carries the token and becomes an HttpOnly cookie. */
  launchUrl: string;
  origin: string;
  port: number;
  token: string;
  workspace: string;
  process: ChildProcess;
  /** Everything the server wrote to stderr so far (for failure messages). */
  stderr(): string;
  stop(): Promise<void>;
}

export interface ServeOptions {
  workspace?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

export function assertBuilt(): void {
  const missing = ['dist/node/cli.mjs', 'dist/renderer/index.html'].filter((p) => !fs.existsSync(path.join(ROOT, p)));
  if (missing.length)
    throw new Error(
      `the app is not built (${missing.join(', ')} missing): run \`node scripts/build.mjs && npx vite build\` before the e2e tests`,
    );
}

export async function startServe(options: ServeOptions = {}): Promise<Serve> {
  assertBuilt();
  const ownWorkspace = !options.workspace;
  const workspace = options.workspace ?? fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-e2e-'));
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'bin/preflight.mjs'), 'serve', '--port', '0', '--no-open', '--json', '--workspace', workspace],
    {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const info = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`preflight serve printed no JSON within ${options.timeoutMs ?? 20000} ms; stderr:\n${stderr}`),
        ),
      options.timeoutMs ?? 20000,
    );
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const value = firstJsonObject(stdout);
      if (value) {
        clearTimeout(timer);
        resolve(value as { url: string; port: number });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`preflight serve exited with ${code} before printing its URL; stderr:\n${stderr}`));
    });
  });

  const url = new URL(info.url);
  return {
    launchUrl: info.url,
    origin: url.origin,
    port: info.port,
    token: url.searchParams.get('token') ?? '',
    workspace,
    process: child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      if (ownWorkspace) fs.rmSync(workspace, { recursive: true, force: true });
    },
  };
}

/** The first complete top-level JSON object in `text` (the CLI pretty-prints it over several lines). */
export function firstJsonObject(text: string): unknown {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return JSON.parse(text.slice(start, i + 1));
  }
  return undefined;
}

export interface GeneratedKeys {
  privateKeyPath: string;
  publicKeyPath: string;
  fingerprint: string;
}

/** A signing key pair in `dir/keys`, made by the real CLI on a throw-away workspace (keys are files, not records). */
export function generateKeys(dir: string): GeneratedKeys {
  const out = execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'bin/preflight.mjs'),
      'keys',
      'generate',
      '--out',
      path.join(dir, 'keys'),
      '--json',
      '--workspace',
      path.join(dir, 'cli-ws'),
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as GeneratedKeys;
}
