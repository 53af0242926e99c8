import http from 'node:http';
import { afterAll, beforeAll, describe } from 'vitest';
import { requireBuild, tempDir } from '../helpers/workspace';
import type { Transport } from '../../shared/client';
import type { CoreEvent } from '../../shared/contract/events';
import { createCore, type Core } from '../../electron/core/api';
import { inProcessTransport } from '../../electron/core/in-process';
import { runCli } from '../helpers/cli';
import { startServe, type Serve } from '../e2e/helpers/server';

/**
 * The three ways in. Each scenario of the contract suite is one user intent expressed both as a
 * contract call and as the CLI command a user would type; every host must give the same answer.
 */
export interface Outcome {
  ok: boolean;
  result?: any;
  error?: { code: string; message: string };
}

export interface Host {
  name: string;
  perform(intent: Intent): Promise<Outcome>;
  close(): Promise<void>;
}

export interface Intent {
  method: string;
  args: Record<string, unknown>;
  job: boolean;
  cli: string[];
}

export async function inProcessHost(workspace: string): Promise<Host> {
  const core: Core = createCore({ workspaceDir: workspace });
  return {
    name: 'in-process core',
    perform: (intent) => viaTransport(inProcessTransport(core), intent),
    close: () => core.close(),
  };
}

export async function httpHost(workspace: string): Promise<Host> {
  const server = await startServe({ workspace });
  const transport = httpTransport(server);
  return { name: 'HTTP server', perform: (intent) => viaTransport(transport, intent), close: () => server.stop() };
}

export async function cliHost(workspace: string): Promise<Host> {
  return {
    name: 'CLI',
    async perform(intent) {
      const r = await runCli([...intent.cli, '--workspace', workspace]);
      if (r.json && 'error' in r.json) return { ok: false, error: r.json.error };
      if (r.code !== 0) return { ok: false, error: { code: 'EXIT_' + r.code, message: r.stderr } };
      return { ok: true, result: r.json };
    },
    close: async () => {},
  };
}

async function viaTransport(transport: Transport, intent: Intent): Promise<Outcome> {
  if (!intent.job) return transport.call(intent.method, intent.args);
  const { createClient } = await import('../../shared/client');
  try {
    const result = await createClient(transport).run(intent.method as never, intent.args as never);
    return { ok: true, result };
  } catch (err) {
    const e = err as { code: string; message: string };
    return { ok: false, error: { code: e.code, message: e.message } };
  }
}

/** A Node client for web mode: calls over POST, events over the SSE stream, authenticated by bearer token. */
export function httpTransport(server: Serve): Transport {
  const headers = { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' };
  const listeners = new Set<(e: CoreEvent) => void>();
  let stream: http.ClientRequest | null = null;
  let ready: Promise<void> | null = null;
  const connect = () =>
    (ready ??= new Promise<void>((resolve) => {
      stream = http.get(`${server.origin}/api/events`, { headers }, (res) => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let idx;
          while ((idx = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, idx);
            buffer = buffer.slice(idx + 2);
            if (frame.startsWith(': connected')) resolve();
            if (frame.startsWith('data: ')) listeners.forEach((l) => l(JSON.parse(frame.slice(6))));
          }
        });
      });
      stream.on('error', () => {});
    }));
  return {
    async call(method, args) {
      await connect();
      const res = await fetch(`${server.origin}/api/call/${method}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(args),
      });
      return (await res.json()) as never;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stream?.destroy();
          stream = null;
          ready = null;
        }
      };
    },
  };
}

/**
 * Declares the same scenarios once per host, each host with its own fresh workspace. `scenarios`
 * receives a getter because the host exists only once beforeAll has run.
 */
export function describeThroughEveryHost(title: string, scenarios: (host: () => Host) => void): void {
  describe.each([
    ['in-process core', inProcessHost],
    ['HTTP server', httpHost],
    ['CLI', cliHost],
  ] as const)(`${title} through the %s`, (_name, makeHost) => {
    let host: Host;
    let ws: ReturnType<typeof tempDir>;
    beforeAll(async () => {
      requireBuild();
      ws = tempDir();
      host = await makeHost(ws.dir);
    });
    afterAll(async () => {
      await host?.close();
      ws?.cleanup();
    });
    scenarios(() => host);
  });
}
