// The audit trail a regulator can trust: append-only, hash-chained, verified by `preflight doctor`,
// which names the first broken entry; exportable as JSON Lines.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../shared/client';
import { createCore, describeResult } from '../../electron/core/api';
import { inProcessTransport } from '../../electron/core/in-process';
import { WORKSPACE_FILE } from '../../electron/core/workspace/location';
import { runCli } from '../helpers/cli';
import { FIXTURES, MODELS, tempDir } from '../helpers/workspace';

async function workspaceWithHistory(dir: string): Promise<void> {
  const core = createCore({ workspaceDir: dir });
  const client = createClient(inProcessTransport(core));
  await client.run('models/add', { path: path.join(MODELS, 'tiny_mlp.onnx') });
  await client.run('datasets/add', { path: path.join(FIXTURES, 'datasets', 'ids.csv'), name: 'ids' });
  await client.call('datasets/remove', { ref: 'ids' });
  await client.run('datasets/add', { path: path.join(FIXTURES, 'datasets', 'empty.csv') }).catch(() => {});
  // the bundle code records through the same call, with its own words
  await core.close();
}

describe('the audit trail', () => {
  it('names what a result is about and the hashes involved, one level down too (a run’s model)', () => {
    const sha = 'a'.repeat(64);
    expect(describeResult({ id: 7, model: { name: 'm', version: 2, sha256: sha } })).toEqual({
      detail: '#7',
      hashes: { 'model.sha256': sha },
    });
    expect(describeResult({ name: 'fraud', version: 3, sha256: sha })).toEqual({
      detail: 'fraud@3',
      hashes: { sha256: sha },
    });
    expect(describeResult({ removed: 'ids' })).toEqual({ detail: 'ids', hashes: {} });
  });

  it('records what, when, who and the hashes, each entry chained to the previous one', async () => {
    const tmp = tempDir('preflight-audit-');
    try {
      const dir = path.join(tmp.dir, 'ws');
      await workspaceWithHistory(dir);
      const res = await runCli(['audit', '--workspace', dir]);
      expect(res.code).toBe(0);
      const entries = [...res.json].reverse();
      expect(entries.map((e: { method: string; outcome: string }) => `${e.method} ${e.outcome}`)).toEqual([
        'models/add ok',
        'datasets/add ok',
        'datasets/remove ok',
        'datasets/add INVALID_INPUT',
      ]);
      expect(entries[0]).toMatchObject({
        detail: 'tiny_mlp@1',
        user: os.userInfo().username,
        hashes: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      });
      expect(entries[1].hashes['import.sha256']).toBe(
        createHash('sha256')
          .update(fs.readFileSync(path.join(FIXTURES, 'datasets', 'ids.csv')))
          .digest('hex'),
      );
      expect(entries[2].detail).toBe('ids');
      for (let i = 1; i < entries.length; i++) expect(entries[i].prevSha256).toBe(entries[i - 1].sha256);
      const jsonl = await runCli(['audit', '--jsonl', '--workspace', dir], { json: false });
      expect(
        jsonl.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l).id),
      ).toEqual([1, 2, 3, 4]);
      expect(
        (await runCli(['audit', '--method', 'datasets/', '--outcome', 'ok', '--workspace', dir])).json,
      ).toHaveLength(2);
      expect((await runCli(['doctor', '--workspace', dir])).code).toBe(0);
    } finally {
      tmp.cleanup();
    }
  }, 60_000);

  it('is append-only: UPDATE and DELETE are refused by the workspace itself', async () => {
    const tmp = tempDir('preflight-audit-');
    try {
      const dir = path.join(tmp.dir, 'ws');
      await workspaceWithHistory(dir);
      const db = new Database(path.join(dir, WORKSPACE_FILE));
      try {
        expect(() => db.prepare("UPDATE audit SET outcome = 'ok' WHERE id = 4").run()).toThrow(/append-only/);
        expect(() => db.prepare('DELETE FROM audit WHERE id = 2').run()).toThrow(/append-only/);
      } finally {
        db.close();
      }
    } finally {
      tmp.cleanup();
    }
  }, 60_000);

  it.each([
    [
      'an edited entry',
      "UPDATE audit SET detail = 'someone-else@1' WHERE id = 1",
      /audit entry 1 \(models\/add.*was altered/,
    ],
    [
      'a removed entry',
      'DELETE FROM audit WHERE id = 2',
      /audit entries 2…2 are missing|audit entry 3 .*does not follow/,
    ],
  ])(
    '%s (triggers dropped by someone with the file): doctor names the first broken entry',
    async (_what, sql, message) => {
      const tmp = tempDir('preflight-audit-');
      try {
        const dir = path.join(tmp.dir, 'ws');
        await workspaceWithHistory(dir);
        const db = new Database(path.join(dir, WORKSPACE_FILE));
        db.exec('DROP TRIGGER audit_append_only_update; DROP TRIGGER audit_append_only_delete;');
        db.exec(sql);
        db.close();
        const doc = await runCli(['doctor', '--workspace', dir]);
        expect(doc.code).toBe(1);
        const audit = doc.json.findings.filter((f: { area: string }) => f.area === 'audit');
        expect(audit[0].message).toMatch(message);
      } finally {
        tmp.cleanup();
      }
    },
    60_000,
  );
});
