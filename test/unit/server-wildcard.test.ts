// `preflight serve --host 0.0.0.0` keeps the DNS-rebinding defence: the Host header must name this
// machine (its host name, one of its addresses, or a name given with --allow-host), and a foreign
// Origin is still refused; the printed URLs are ones a browser can open.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/api';
import { startServer, type RunningServer } from '../../electron/server/server';
import { allowedHosts, reachableBases } from '../../electron/server/security';
import { tempDir } from '../helpers/workspace';

const machine = { hostname: 'box', addresses: ['127.0.0.1', '::1', '192.168.1.5', 'fe80::1'] };

describe('allowed Host names', () => {
  it('0.0.0.0: loopback, the machine name and its addresses, allowed extras; nothing else', () => {
    const allowed = allowedHosts('0.0.0.0', 8000, ['preflight.lan'], machine);
    for (const ok of [
      '127.0.0.1:8000',
      'localhost:8000',
      '[::1]:8000',
      'box:8000',
      'box.local:8000',
      '192.168.1.5:8000',
      'preflight.lan:8000',
    ])
      expect(allowed.has(ok)).toBe(true);
    for (const bad of ['evil.example:8000', '0.0.0.0:8000', '192.168.1.5:9000', 'box'])
      expect(allowed.has(bad)).toBe(false);
  });

  it('a specific address: that address and the machine name, not the other addresses', () => {
    const allowed = allowedHosts('192.168.1.5', 8000, [], machine);
    expect(allowed.has('192.168.1.5:8000')).toBe(true);
    expect(allowed.has('box:8000')).toBe(true);
    expect(allowed.has('attacker.example:8000')).toBe(false);
  });

  it('prints reachable URLs, never http://0.0.0.0', () => {
    expect(reachableBases('0.0.0.0', 8000, machine)).toEqual(['http://127.0.0.1:8000', 'http://192.168.1.5:8000']);
    expect(reachableBases('127.0.0.1', 8000, machine)).toEqual(['http://127.0.0.1:8000']);
  });
});

describe('a real server on 0.0.0.0', () => {
  const tmp = tempDir('preflight-wildcard-');
  let core: Core;
  let server: RunningServer;
  beforeAll(async () => {
    const ui = path.join(tmp.dir, 'ui');
    fs.mkdirSync(ui);
    fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>t</title>');
    core = createCore({ workspaceDir: path.join(tmp.dir, 'ws') });
    server = await startServer({
      core,
      host: '0.0.0.0',
      port: 0,
      staticDir: ui,
      uploadDir: path.join(tmp.dir, 'up'),
      token: 'secret-token',
    });
  });
  afterAll(async () => {
    await server?.close();
    await core?.close();
    tmp.cleanup();
  });

  const status = (headers: Record<string, string>, method = 'GET', p = '/api/call/models/list') =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: p,
          method,
          headers: { Authorization: 'Bearer secret-token', ...headers },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(method === 'POST' ? '{}' : undefined);
    });

  it('refuses a foreign Host (DNS rebinding) even with the token', async () => {
    expect(await status({ Host: `evil.example:${server.port}` }, 'POST')).toBe(403);
  });

  it('accepts its own names, and refuses a foreign Origin on a state-changing call', async () => {
    expect(await status({ Host: `127.0.0.1:${server.port}`, 'Content-Type': 'application/json' }, 'POST')).toBe(200);
    expect(
      await status(
        { Host: `127.0.0.1:${server.port}`, Origin: 'http://evil.example', 'Content-Type': 'application/json' },
        'POST',
      ),
    ).toBe(403);
  });

  it('prints URLs a browser can open', () => {
    expect(server.launchUrl).not.toContain('0.0.0.0');
    expect(server.launchUrls.length).toBeGreaterThan(0);
    expect(server.launchUrls[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=secret-token$/);
  });
});
