// Atomic import: a `preflight datasets add` killed with SIGKILL in the middle leaves no dataset (only an
// unregistered staging table, dropped when a core next opens the workspace) and the datasets imported before intact.
// Cancelling through the job API does the same without leftovers.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../shared/client';
import { PreflightError } from '../../shared/contract/errors';
import { createCore } from '../../electron/core/api';
import { inProcessTransport } from '../../electron/core/in-process';
import { openWorkspace } from '../../electron/core/workspace/open';
import { runCli } from '../helpers/cli';
import { CLI, FIXTURES, requireBuild, ROOT, strayChunkCount, tempDir, unregisteredTables } from '../helpers/workspace';

const tmp = tempDir('preflight-datasets-kill-');
const big = path.join(tmp.dir, 'big.csv');

beforeAll(() => {
  // ~40 MB: long enough to be caught mid-import.
  const out = fs.openSync(big, 'w');
  fs.writeSync(out, 'id,x,y,label,when\n');
  let chunk = '';
  for (let i = 0; i < 600_000; i++) {
    chunk += `${i},${(i * 0.37) % 101},${(i * 7919) % 1000003},${['a', 'b', 'c'][i % 3]},2024-01-${String((i % 28) + 1).padStart(2, '0')}\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(out, chunk);
      chunk = '';
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
});
afterAll(() => tmp.cleanup());

/** Dataset tables nobody registered: in the workspace, or dataset files (queries/dataset-files.ts). */
function tables(ws: string): string[] {
  const w = openWorkspace(ws);
  try {
    return unregisteredTables(w.db);
  } finally {
    w.close();
  }
}

/** Packed column chunks that belong to no registered dataset column. */
function strayChunks(ws: string): number {
  const w = openWorkspace(ws);
  try {
    return strayChunkCount(w.db);
  } finally {
    w.close();
  }
}

describe('killed or cancelled imports leave no dataset', () => {
  it('SIGKILL mid-import: no half dataset, the earlier one intact, leftovers dropped at the next open', async () => {
    requireBuild();
    const ws = path.join(tmp.dir, 'ws-kill');
    const first = await runCli([
      'datasets',
      'add',
      path.join(FIXTURES, 'datasets', 'quoted-newlines.csv'),
      '--name',
      'before',
      '--workspace',
      ws,
    ]);
    expect(first.code).toBe(0);

    const child = spawn(process.execPath, [CLI, 'datasets', 'add', big, '--name', 'killed', '--workspace', ws], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      let err = '';
      child.stderr!.on('data', (d) => {
        err += d;
        // Kill once rows — and packed column chunks of 65,536 rows — have been written (progress lines report rows).
        const read = [...err.matchAll(/read ([\d,]+) rows/g)].map((m) => Number(m[1].replace(/,/g, '')));
        if (read.some((n) => n >= 140_000)) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`the import ended before it could be killed: ${err}`)));
    });
    expect(await exited).toBe('SIGKILL');

    // The killed process's rows and column chunks are still there until a core opens the workspace again…
    expect(tables(ws).filter((t) => t.startsWith('ds_staging_'))).toHaveLength(1);
    expect(strayChunks(ws)).toBeGreaterThan(0);
    const list = await runCli(['datasets', 'list', '--workspace', ws]);
    expect(list.json.map((d: { name: string }) => d.name)).toEqual(['before']);
    // …which drops them (their process is dead), whatever command it runs.
    expect(tables(ws).filter((t) => t.startsWith('ds_staging_'))).toEqual([]);
    expect(strayChunks(ws)).toBe(0);
    const before = await runCli(['datasets', 'show', 'before', '--workspace', ws]);
    expect(before.json.rows).toBe(3);

    const next = await runCli(['datasets', 'add', path.join(FIXTURES, 'datasets', 'bom.csv'), '--workspace', ws]);
    expect(next.code).toBe(0);
    expect(tables(ws).filter((t) => t.startsWith('ds_staging_'))).toEqual([]);
  }, 60_000);

  it('cancel through the job API: CANCELLED, nothing registered, no staging table', async () => {
    const ws = path.join(tmp.dir, 'ws-cancel');
    const core = createCore({ workspaceDir: ws });
    const client = createClient(inProcessTransport(core));
    try {
      const controller = new AbortController();
      const err = await client
        .run(
          'datasets/add',
          { path: big },
          { signal: controller.signal, onProgress: (p) => (p.data?.rows ? controller.abort() : undefined) },
        )
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(err).toBeInstanceOf(PreflightError);
      expect((err as PreflightError).code).toBe('CANCELLED');
      expect(await client.call('datasets/list', {})).toEqual([]);
    } finally {
      await core.close();
    }
    expect(tables(ws)).toEqual([]);
  }, 60_000);
});
