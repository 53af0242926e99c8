import fs from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe } from 'vitest';
import { requireBuild, tempDir } from '../helpers/workspace';
import type { Transport } from '../../shared/client';
import type { CoreEvent } from '../../shared/contract/events';
import { createCore, type Core } from '../../electron/core/api';
import { inProcessTransport } from '../../electron/core/in-process';
import { runCli } from '../helpers/cli';
import { startServe, type Serve } from '../e2e/helpers/server';
import type { Host, Intent, Outcome } from './intent';
import { cliOutcome, duringViaCli, duringViaTransport, viaTransport } from './during';

export type { Host, Intent, NoCliForm, Outcome } from './intent';
export { lacksForm } from './intent';

/**
 * The three ways in. Each scenario of the contract suite is one user intent expressed both as a
 * contract call and as the CLI command a user would type; every host must give the same answer.
 */
export async function inProcessHost(workspace: string): Promise<Host> {
  const core: Core = createCore({ workspaceDir: workspace });
  const transport = inProcessTransport(core);
  return {
    name: 'in-process core',
    perform: (intent) => viaTransport(transport, intent),
    during: (job, follow) => duringViaTransport(transport, job, follow),
    close: () => core.close(),
  };
}

export async function httpHost(workspace: string): Promise<Host> {
  const server = await startServe({ workspace });
  const transport = httpTransport(server);
  return {
    name: 'HTTP server',
    perform: (intent) => viaTransport(transport, intent),
    during: (job, follow) => duringViaTransport(transport, job, follow),
    close: () => server.stop(),
  };
}

export async function cliHost(workspace: string): Promise<Host> {
  return {
    name: 'CLI',
    async perform(intent) {
      if (!Array.isArray(intent.cli)) return { ok: false, unavailable: intent.cli.none };
      return cliOutcome(await runCli([...intent.cli, '--workspace', workspace]));
    },
    during: (job, follow) => duringViaCli(workspace, job, follow),
    close: async () => {},
  };
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
 * receives getters because the host exists only once beforeAll has run. `seed`: what every host's
 * workspace holds before the scenarios — performed once, through an in-process core, and copied for
 * each host (the seed's own methods have scenarios of their own; this keeps the suite fast).
 */
export function describeThroughEveryHost(
  title: string,
  scenarios: (host: () => Host, seeded: () => Outcome[]) => void,
  seed: Intent[] = [],
): void {
  let template: Promise<{ dir: string; outcomes: Outcome[] }> | null = null;
  const seeded = () => (template ??= seedWorkspace(seed));
  afterAll(async () => {
    if (template) fs.rmSync((await template).dir, { recursive: true, force: true });
  });
  describe.each([
    ['in-process core', inProcessHost],
    ['HTTP server', httpHost],
    ['CLI', cliHost],
  ] as const)(`${title} through the %s`, (_name, makeHost) => {
    let host: Host;
    let ws: ReturnType<typeof tempDir>;
    let outcomes: Outcome[] = [];
    beforeAll(async () => {
      requireBuild();
      ws = tempDir();
      if (seed.length) {
        const made = await seeded();
        fs.cpSync(made.dir, ws.dir, { recursive: true });
        outcomes = made.outcomes;
      }
      host = await makeHost(ws.dir);
    });
    afterAll(async () => {
      await host?.close();
      ws?.cleanup();
    });
    scenarios(
      () => host,
      () => outcomes,
    );
  });
}

async function seedWorkspace(seed: Intent[]): Promise<{ dir: string; outcomes: Outcome[] }> {
  const dir = tempDir('preflight-contract-seed-').dir;
  const host = await inProcessHost(dir);
  const outcomes: Outcome[] = [];
  try {
    for (const intent of seed) {
      const out = await host.perform(intent);
      if (!out.ok) throw new Error(`seeding ${intent.method} failed: ${out.error?.message}`);
      outcomes.push(out);
    }
  } finally {
    await host.close();
  }
  return { dir, outcomes };
}
