// The insert thread (insert-pipe.ts) keeps one transaction open across reads: it must commit when no
// chunk comes, so the workspace's other writers are not locked out by an idle import; and a table wide
// enough that its multi-row INSERT is bound as an array (not as call arguments) reads back the same.
// The import does not wait for the thread to start (starting-target.ts): chunks sent meanwhile are
// held, and reach the calling thread when the thread cannot start.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useInProcessCore } from '../helpers/core';
import { openWorkspace } from '../../electron/core/workspace/open';
import { makeQueries } from '../../electron/core/context';
import {
  ChunkBuffer,
  DirectTarget,
  NUMBER_VALUE,
  SPREAD_ARGS,
  WorkerTarget,
} from '../../electron/core/datasets/insert-pipe';
import { chunkTarget, StartingTarget } from '../../electron/core/datasets/starting-target';
import { rowsPerInsert } from '../../electron/core/workspace/queries/datasets';
import { storedRows, tempDir } from '../helpers/workspace';

const tmp = tempDir('preflight-insert-thread-');
afterAll(() => tmp.cleanup());
const inProcess = useInProcessCore();

describe('insert thread', () => {
  it('falls back to the calling thread when the thread cannot open the workspace, with the rows sent while it tried', async () => {
    const ws = openWorkspace(path.join(tmp.dir, 'fallback'));
    try {
      const q = makeQueries(ws).datasets;
      const staging = q.createStaging(1);
      const target = chunkTarget(q, path.join(tmp.dir, 'missing', 'workspace.db'));
      expect(target).toBeInstanceOf(StartingTarget);
      target.prepare(staging, 1);
      // Sent before the thread has failed: held, then written by the calling thread. The sink fills
      // its buffer again after each send, so what was held must be a copy.
      const c = new ChunkBuffer(4);
      for (const [start, count] of [
        [1, 3],
        [10, 2],
      ]) {
        for (let i = 0; i < count; i++) {
          c.kinds[i] = NUMBER_VALUE;
          c.nums[i] = start + i;
        }
        c.length = count;
        await target.send('', c, count, []);
      }
      c.nums.fill(-1);
      expect(await (target as StartingTarget).using()).toBeInstanceOf(DirectTarget);
      await target.finish();
      expect(ws.db.prepare(`SELECT c0 FROM "${staging}" ORDER BY rowid`).pluck().all()).toEqual([1, 2, 3, 10, 11]);
      const good = chunkTarget(q, ws.file) as StartingTarget;
      expect(await good.using()).toBeInstanceOf(WorkerTarget);
      await good.finish();
    } finally {
      ws.close();
    }
  });

  it('a thread that fails once it has the held chunks reports it when the import finishes, and can still be aborted', async () => {
    const ws = openWorkspace(path.join(tmp.dir, 'failing'));
    try {
      const target = chunkTarget(makeQueries(ws).datasets, ws.file);
      target.prepare('ds_staging_00000000deadbeef', 1); // no such dataset file: the thread cannot open it
      const c = new ChunkBuffer(1);
      c.kinds[0] = NUMBER_VALUE;
      c.nums[0] = 1;
      c.length = 1;
      await target.send('', c, 1, []);
      await expect(target.finish()).rejects.toThrow(/writing rows failed: .*(directory does not exist|unable to open)/);
      await expect(target.abort()).resolves.toBeUndefined();
    } finally {
      ws.close();
    }
  });

  it('a 300-column file (its INSERT bound as an array) reads back value for value', async () => {
    const columns = 300;
    expect(rowsPerInsert(columns) * columns).toBeGreaterThan(SPREAD_ARGS);
    const file = path.join(tmp.dir, 'wide.csv');
    const rows = Array.from({ length: 500 }, (_, r) =>
      Array.from({ length: columns }, (_, c) => (c % 3 === 2 ? `t${(r * c) % 7}` : String(r * columns + c))).join(','),
    );
    const header = Array.from({ length: columns }, (_, c) => `c${c}`).join(',');
    fs.writeFileSync(file, `${header}\n${rows.join('\n')}\n`);
    const d = await inProcess.client().run('datasets/add', { path: file, name: 'wide' });
    expect([d.rows, d.columns]).toEqual([500, columns]);
    const stored = storedRows(inProcess.dir, d.id);
    expect(stored.map((r) => r.map(String).join(','))).toEqual(rows);
  });

  it('a file with the most columns a dataset takes (2,000) imports: the row writer leaves such a table to JavaScript', async () => {
    const columns = 2_000; // sink.ts#MAX_COLUMNS; the row writer's virtual table would need 2,006
    const file = path.join(tmp.dir, 'widest.csv');
    const rows = Array.from({ length: 300 }, (_, r) =>
      Array.from({ length: columns }, (_, c) =>
        c % 3 === 2 ? `t${(r + c) % 5}` : c % 3 === 1 ? ((r * c) / 8).toFixed(3) : String(r + c),
      ).join(','),
    );
    const header = Array.from({ length: columns }, (_, c) => `c${c}`).join(',');
    fs.writeFileSync(file, `${header}\n${rows.join('\n')}\n`);
    const d = await inProcess.client().run('datasets/add', { path: file, name: 'widest' });
    expect([d.rows, d.columns]).toEqual([300, columns]);
    expect(d.columnInfo.slice(0, 3).map((c) => c.kind)).toEqual(['integer', 'float', 'categorical']);
    expect(d.columnInfo[2].profile.distinct).toBe(5); // counted by the sketch's registers, merged across writers
    const stored = storedRows(inProcess.dir, d.id);
    expect(stored.map((r) => r.map(String).join(','))).toEqual(rows); // every value reads back as written
  });

  it('JSON Lines whose keys pass 1,994 columns mid-import: rows before and after are sketched (the two writers merged)', async () => {
    // 1,991 keys, then 9 more from the 601st record: the row writer takes the first 600 rows, JavaScript
    // the rest. The ids' distinct count (past the exact cap of 1,000 at this width) comes from the
    // sketches; without merging them it would count the first half only (and show the cap, 1,000).
    const base = Object.fromEntries(Array.from({ length: 1_990 }, (_, c) => [`k${c}`, c % 7]));
    const lines = Array.from({ length: 1_200 }, (_, r) => {
      const later = r >= 600 ? Object.fromEntries(Array.from({ length: 9 }, (_, c) => [`x${c}`, r])) : {};
      return JSON.stringify({ id: `u${r}`, ...base, ...later });
    });
    const file = path.join(tmp.dir, 'growing.jsonl');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const d = await inProcess.client().run('datasets/add', { path: file, name: 'growing' });
    expect([d.rows, d.columns]).toEqual([1_200, 2_000]);
    const id = d.columnInfo.find((c) => c.name === 'id')!;
    expect(id.profile.distinctExact).toBe(false);
    expect(Math.abs(id.profile.distinct - 1_200) / 1_200).toBeLessThan(0.05);
  });

  it('commits when no chunk comes: another connection can write while the import waits for its next read', async () => {
    const ws = openWorkspace(path.join(tmp.dir, 'lock'));
    const q = makeQueries(ws).datasets;
    const staging = q.createStaging(1);
    const target = new WorkerTarget(ws.file);
    try {
      await target.ready;
      target.prepare(staging, 1);
      const c = new ChunkBuffer(10);
      for (let i = 0; i < 10; i++) {
        c.kinds[i] = NUMBER_VALUE;
        c.nums[i] = i;
      }
      c.length = 10;
      await target.send('', c, 10, []);
      // The thread holds its transaction only while chunks keep coming: within a moment, with no flush
      // asked, the rows are committed (this connection sees them) and a second writer (this
      // connection, with no busy wait) gets the lock.
      ws.db.pragma('busy_timeout = 0');
      const count = ws.db.prepare(`SELECT count(*) AS n FROM "${staging}"`).pluck();
      for (let k = 0; k < 400 && count.get() !== 10; k++) await new Promise((r) => setTimeout(r, 5));
      expect(count.get()).toBe(10);
      let wrote = false;
      for (let k = 0; k < 200 && !wrote; k++) {
        try {
          ws.db.exec('CREATE TABLE probe (x)');
          wrote = true;
        } catch (err) {
          expect(String(err)).toMatch(/locked|busy/);
          await new Promise((r) => setTimeout(r, 5));
        }
      }
      expect(wrote).toBe(true);
      await target.finish();
    } finally {
      ws.close();
    }
  });
});
