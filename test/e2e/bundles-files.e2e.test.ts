// GET /api/files/<id>: how web mode hands a produced file (a bundle) back as a download. Raw HTTP
// against the real `preflight serve` (token, Host, ids, headers, bytes), then the server in-process
// with a stand-in core for what a real workspace cannot easily produce (a record pointing outside
// produced/, names that need RFC 5987). Build first (`npm run build`).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core, DispatchOutcome } from '../../electron/core/api';
import { contentDisposition } from '../../electron/server/files';
import { startServer, type RunningServer } from '../../electron/server/server';
import type { BundleSummary, ProducedFile } from '../../shared/types/bundles';
import { startServe, type Serve } from './helpers/server';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(
  port: number,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: options.path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('GET /api/files/<id> on the real `preflight serve`', () => {
  let serve: Serve;
  let auth: Record<string, string>;
  let bundle: BundleSummary;

  async function call<T>(method: string, args: unknown): Promise<T> {
    const answer = await request(serve.port, {
      path: `/api/call/${method}`,
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    });
    const outcome = JSON.parse(answer.body.toString('utf8')) as DispatchOutcome;
    if (!outcome.ok) throw new Error(`${method}: ${outcome.error.code} ${outcome.error.message}`);
    return outcome.result as T;
  }
  /** Starts a job and waits for its outcome through jobs/get (no event stream needed). */
  async function run<T>(method: string, args: unknown): Promise<T> {
    const { jobId } = await call<{ jobId: string }>(method, args);
    for (;;) {
      const info = await call<{ state: string; result?: T; error?: { message: string } }>('jobs/get', { jobId });
      if (info.state === 'succeeded') return info.result as T;
      if (info.state !== 'running') throw new Error(`${method} ${info.state}: ${info.error?.message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    serve = await startServe();
    auth = { Authorization: `Bearer ${serve.token}` };
    await run('demo/create', { benchmark: false });
    bundle = await run<BundleSummary>('bundles/export', { model: 'demo-credit-risk', reference: 'demo-training' });
  });
  afterAll(async () => {
    await serve?.stop();
  });

  it('streams the bundle with its media type, length, attachment name and no caching', async () => {
    expect(bundle.fileId).toMatch(/^[a-f0-9-]{8,64}$/);
    const info = await call<ProducedFile>('files/info', { id: bundle.fileId });
    const answer = await request(serve.port, { path: `/api/files/${bundle.fileId}`, headers: auth });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/zip');
    expect(answer.headers['content-length']).toBe(String(info.bytes));
    expect(answer.headers['content-disposition']).toBe(`attachment; filename="${info.name}"`);
    expect(info.name).toMatch(/^demo-credit-risk-1.*\.zip$/);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(createHash('sha256').update(answer.body).digest('hex')).toBe(info.sha256);
    expect(answer.body.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('answers HEAD with the same headers and no body', async () => {
    const answer = await request(serve.port, { path: `/api/files/${bundle.fileId}`, method: 'HEAD', headers: auth });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-length']).toBe(String(bundle.bytes));
    expect(answer.body.length).toBe(0);
  });

  it('accepts the session cookie as every /api route does', async () => {
    const login = await request(serve.port, { path: `/?token=${serve.token}` });
    const cookie = (login.headers['set-cookie']?.[0] ?? '').split(';')[0];
    expect(
      (await request(serve.port, { path: `/api/files/${bundle.fileId}`, headers: { Cookie: cookie } })).status,
    ).toBe(200);
  });

  it('401 without the token or with a wrong one', async () => {
    expect((await request(serve.port, { path: `/api/files/${bundle.fileId}` })).status).toBe(401);
    expect(
      (await request(serve.port, { path: `/api/files/${bundle.fileId}`, headers: { Authorization: 'Bearer wrong' } }))
        .status,
    ).toBe(401);
  });

  it('403 for a foreign Host header (DNS rebinding)', async () => {
    expect(
      (
        await request(serve.port, {
          path: `/api/files/${bundle.fileId}`,
          headers: { ...auth, Host: `evil.example:${serve.port}` },
        })
      ).status,
    ).toBe(403);
  });

  it('404 for an id that names no produced file', async () => {
    const answer = await request(serve.port, {
      path: '/api/files/00000000-0000-4000-8000-000000000000',
      headers: auth,
    });
    expect(answer.status).toBe(404);
    expect(answer.body.toString('utf8')).toMatch(/no produced file/);
  });

  it('400 for a malformed id, before the core is asked', async () => {
    for (const id of [
      'NOT-AN-ID',
      'abc',
      'a'.repeat(65),
      '..%2f..%2fpreflight.db',
      'x%00y',
      '..',
      `${bundle.fileId}/../x`,
      'ab%20cdefgh',
    ]) {
      const answer = await request(serve.port, { path: `/api/files/${id}`, headers: auth });
      expect(answer.status, id).toBe(400);
    }
  });

  it('refuses other methods on the route', async () => {
    const answer = await request(serve.port, { path: `/api/files/${bundle.fileId}`, method: 'DELETE', headers: auth });
    expect(answer.status).toBe(404);
    expect(fs.existsSync(bundle.path)).toBe(true);
  });
});

describe('GET /api/files/<id> with a stand-in core', () => {
  const ID = '11111111-2222-4333-8444-555555555555';
  let dir: string;
  let server: RunningServer;
  let record: ProducedFile;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-files-'));
    fs.mkdirSync(path.join(dir, 'ui'));
    fs.mkdirSync(path.join(dir, 'ws', 'produced', ID), { recursive: true });
    fs.writeFileSync(path.join(dir, 'outside.txt'), 'not for download');
    const core: Core = {
      workspaceDir: path.join(dir, 'ws'),
      dispatch: async (method, args): Promise<DispatchOutcome> =>
        method === 'files/info' && (args as { id: string }).id === ID
          ? { ok: true, result: record }
          : { ok: false, error: { code: 'NOT_FOUND', message: 'no such file' } },
      onEvent: () => () => {},
      close: async () => {},
    };
    server = await startServer({
      core,
      host: '127.0.0.1',
      port: 0,
      staticDir: path.join(dir, 'ui'),
      uploadDir: path.join(dir, 'uploads'),
      token: 't0ken',
    });
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const get = () => request(server.port, { path: `/api/files/${ID}`, headers: { Authorization: 'Bearer t0ken' } });
  const recordFor = (file: string, name = path.basename(file)): ProducedFile => ({
    id: ID,
    name,
    kind: 'bundle',
    bytes: 0,
    sha256: '',
    createdAt: '',
    mediaType: 'application/zip',
    path: file,
  });

  it('never serves a path outside <workspace>/produced/, even when the record names one', async () => {
    fs.symlinkSync(path.join(dir, 'outside.txt'), path.join(dir, 'ws', 'produced', ID, 'link.zip'));
    for (const file of [
      path.join(dir, 'outside.txt'),
      path.join(dir, 'ws', 'produced', ID, '..', '..', '..', 'outside.txt'),
      path.join(dir, 'ws', 'produced', ID, 'link.zip'),
      path.join(dir, 'ws', 'produced', ID),
    ]) {
      record = recordFor(file);
      const answer = await get();
      expect(answer.status, file).toBe(404);
      expect(answer.body.toString('utf8')).not.toContain('not for download');
    }
  });

  it('names a file with quotes or non-ASCII safely (RFC 6266 + RFC 5987)', async () => {
    const file = path.join(dir, 'ws', 'produced', ID, 'bundle.zip');
    fs.writeFileSync(file, 'PK');
    record = { ...recordFor(file, 'modèle "v2";\r\nX-Evil: 1.zip'), mediaType: 'text/html\r\nX-Evil: 1' };
    const answer = await get();
    expect(answer.status).toBe(200);
    expect(answer.headers['x-evil']).toBeUndefined();
    expect(answer.headers['content-type']).toBe('application/octet-stream');
    expect(answer.headers['content-disposition']).toBe(
      `attachment; filename="mod_le _v2____X-Evil: 1.zip"; filename*=UTF-8''mod%C3%A8le%20%22v2%22%3B%0D%0AX-Evil%3A%201.zip`,
    );
    expect(contentDisposition('a/b\\c.zip')).toBe('attachment; filename="a_b_c.zip"');
  });
});
