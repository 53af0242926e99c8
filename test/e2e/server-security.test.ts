// Web mode's defences, checked against the real `preflight serve` with raw HTTP (no browser, so the
// client never normalises a path or a header): token, cookie, Host and Origin checks, static-path
// traversal, error codes, and the upload size limit. Build first (`node scripts/build.mjs && npx vite build`).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type Serve } from './helpers/server';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One raw request; `path` is sent exactly as given. */
function request(
  serve: Serve,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: serve.port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function json(answer: Answer): { ok: boolean; result?: unknown; error?: { code: string; message: string } } {
  return JSON.parse(answer.body);
}

let serve: Serve | undefined;
let cookie = '';

beforeAll(async () => {
  serve = await startServe();
});

afterAll(async () => {
  await serve?.stop();
});

describe('web mode: authentication', () => {
  it('refuses a request without the token', async () => {
    expect((await request(serve!, { path: '/' })).status).toBe(401);
    expect((await request(serve!, { path: '/api/call/models/list', method: 'POST', body: '{}' })).status).toBe(401);
  });

  it('refuses a wrong token', async () => {
    expect((await request(serve!, { path: '/?token=wrong' })).status).toBe(401);
  });

  it('turns the right token into an HttpOnly cookie and redirects', async () => {
    const answer = await request(serve!, { path: `/?token=${serve!.token}` });
    expect(answer.status).toBe(302);
    const setCookie = answer.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    // Named per port: cookies are scoped by host, so two servers on one machine must not share one.
    expect(setCookie).toMatch(new RegExp(`^preflight_token_${serve!.port}=`));
    cookie = setCookie.split(';')[0];
  });

  it('answers calls that carry the cookie', async () => {
    const answer = await request(serve!, {
      path: '/api/call/models/list',
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(answer.status).toBe(200);
    expect(json(answer)).toEqual({ ok: true, result: [] });
  });
});

describe('web mode: request checks', () => {
  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const answer = await request(serve!, {
      path: '/',
      headers: { Host: `evil.example:${serve!.port}`, Cookie: cookie },
    });
    expect(answer.status).toBe(403);
  });

  it('refuses a POST from another origin', async () => {
    const answer = await request(serve!, {
      path: '/api/call/models/list',
      method: 'POST',
      headers: { Cookie: cookie, Origin: 'http://evil.example' },
      body: '{}',
    });
    expect(answer.status).toBe(403);
  });

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/..%5cpackage.json',
    '/a%00b',
    '/%zz',
    '/%c0%ae%c0%ae/package.json',
  ])('refuses the traversal path %s', async (rawPath) => {
    const answer = await request(serve!, { path: rawPath, headers: { Cookie: cookie } });
    expect(answer.status).toBe(400);
    expect(answer.body).not.toMatch(/"name":\s*"preflight"/);
  });

  it('answers an unknown method with 404 UNKNOWN_METHOD', async () => {
    const answer = await request(serve!, {
      path: '/api/call/models/explode',
      method: 'POST',
      headers: { Cookie: cookie },
      body: '{}',
    });
    expect(answer.status).toBe(404);
    expect(json(answer).error?.code).toBe('UNKNOWN_METHOD');
  });

  it('answers bad arguments with 400 BAD_ARGUMENTS and says which', async () => {
    const answer = await request(serve!, {
      path: '/api/call/models/show',
      method: 'POST',
      headers: { Cookie: cookie },
      body: '{"ref": 42}',
    });
    expect(answer.status).toBe(400);
    expect(json(answer).error).toMatchObject({ code: 'BAD_ARGUMENTS', message: expect.stringMatching(/ref/) });
  });
});

describe('web mode: uploads', () => {
  let small: Serve | undefined;
  afterAll(async () => {
    await small?.stop();
  });

  it('refuses an upload over the size limit and keeps no partial file', async () => {
    small = await startServe({ env: { PREFLIGHT_MAX_UPLOAD_BYTES: '1000' } });
    const login = await request(small, { path: `/?token=${small.token}` });
    const smallCookie = (login.headers['set-cookie']?.[0] ?? '').split(';')[0];
    const headers = { Cookie: smallCookie, 'Content-Type': 'application/octet-stream' };

    const fits = await request(small, {
      path: '/api/upload?batch=ok-1&name=fits.bin',
      method: 'POST',
      headers,
      body: Buffer.alloc(900, 1),
    });
    expect(fits.status).toBe(200);
    expect(json(fits).result).toMatchObject({ size: 900 });

    const tooBig = await request(small, {
      path: '/api/upload?batch=big-1&name=big.bin',
      method: 'POST',
      headers,
      body: Buffer.alloc(5000, 1),
    }).catch((err: Error) => ({
      status: -1,
      headers: {},
      body: err.message,
    }));
    // Either a clear 400 or, if the server stops reading mid-body, a dropped connection: never a 200.
    expect(tooBig.status === 400 ? json(tooBig).error?.message : tooBig.body).toMatch(
      /limit|ECONNRESET|EPIPE|socket hang up/,
    );
    expect(tooBig.status).not.toBe(200);
    expect(filesNamed(small.workspace, 'big.bin')).toEqual([]);
  });
});

describe('web mode: upload names', () => {
  const up = (name: string, batch = 'names-1') =>
    request(serve!, {
      path: `/api/upload?batch=${batch}&name=${encodeURIComponent(name)}`,
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/octet-stream' },
      body: Buffer.from('x'),
    });

  it('keeps the folders of a dropped folder, inside the batch', async () => {
    const answer = await up('my model/data/weights.bin');
    expect(answer.status).toBe(200);
    const dest = (json(answer).result as { path: string }).path;
    expect(dest.endsWith(path.join('names-1', 'my model', 'data', 'weights.bin'))).toBe(true);
    expect(fs.readFileSync(dest, 'utf8')).toBe('x');
  });

  it.each([
    '../escape.bin',
    'a/../../escape.bin',
    '/etc/passwd',
    'a//b.bin',
    'a\\..\\b.bin',
    'dir/',
    '.',
    'a/./b',
    'C:evil',
    `${'d/'.repeat(16)}f`,
  ])('refuses %j with 400 and writes nothing outside the batch', async (name) => {
    const answer = await up(name, 'names-2');
    expect(answer.status).toBe(400);
    expect(json(answer).error?.code).toBe('BAD_ARGUMENTS');
    expect(filesNamed(serve!.workspace, 'escape.bin')).toEqual([]);
  });

  it('refuses a path that runs through a file already uploaded', async () => {
    expect((await up('plain.bin', 'names-3')).status).toBe(200);
    const answer = await up('plain.bin/inner.bin', 'names-3');
    expect(answer.status).toBe(400);
    expect(json(answer).error?.message).toMatch(/clashes/);
  });
});

function filesNamed(dir: string, name: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile() && d.name === name)
    .map((d) => path.join(d.parentPath, d.name));
}
