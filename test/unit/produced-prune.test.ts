// The hand-back folder (produced/) does not grow without bound: when a file is produced, reports older
// than a day or beyond the newest 20 go, records and files; bundles (records of an export) stay.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  describeProduced,
  newProducedSlot,
  producedDir,
  pruneProducedReports,
  REPORTS_KEPT,
} from '../../electron/core/bundles/produced';
import { makeQueries, type CoreContext } from '../../electron/core/context';
import { JobManager } from '../../electron/core/jobs/manager';
import { nodeLauncher } from '../../electron/core/jobs/launcher';
import { openWorkspace } from '../../electron/core/workspace/open';
import { tempDir } from '../helpers/workspace';

const tmp = tempDir('preflight-produced-');
const workspace = openWorkspace(path.join(tmp.dir, 'ws'));
const core: CoreContext = {
  workspace,
  queries: makeQueries(workspace),
  jobs: new JobManager(() => {}),
  launcher: nodeLauncher(),
  appVersion: 'test',
  invoke: () => Promise.reject(new Error('not used by these tests')),
};
afterAll(() => {
  workspace.close();
  tmp.cleanup();
});

const HOUR = 3_600_000;
/** A produced file as the core writes one, with its record dated `agoMs` before now. */
async function produce(kind: 'report' | 'bundle', agoMs: number) {
  const slot = newProducedSlot(core, kind === 'report' ? 'drift-report.html' : 'bundle.zip');
  fs.writeFileSync(slot.path, `${kind} ${agoMs}`);
  const f = await describeProduced(slot.id, slot.path, kind, 'text/html');
  core.queries.bundles.addFile({ ...f, createdAt: new Date(Date.now() - agoMs).toISOString() });
  return slot;
}
const folders = () => fs.readdirSync(producedDir(core)).sort();

describe('produced files are pruned', () => {
  it('drops reports past a day and beyond the newest 20, keeps bundles, never leaves a folder behind', async () => {
    // Seeded ages: 30 reports spread over 2 days, and an old bundle.
    let seed = 17;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const bundle = await produce('bundle', 72 * HOUR);
    const reports = [];
    for (let i = 0; i < 30; i++) reports.push(await produce('report', rand() * 48 * HOUR));
    // Each produce pruned as it went; prune once more with the ages as recorded.
    pruneProducedReports(core);
    const left = core.queries.produced.reports();
    expect(left.length).toBeLessThanOrEqual(REPORTS_KEPT.maxCount - 1);
    for (const r of left) expect(Date.now() - Date.parse(r.createdAt)).toBeLessThanOrEqual(REPORTS_KEPT.maxAgeMs);
    // Records and folders agree: every kept report has its folder, every removed one lost it.
    const kept = new Set(left.map((r) => r.id));
    for (const r of reports) expect(fs.existsSync(path.dirname(r.path)), r.id).toBe(kept.has(r.id));
    expect(folders()).toEqual([...kept, bundle.id].sort());
    // The bundle, three days old, is still there and still served.
    expect(core.queries.bundles.file(bundle.id)?.path).toBe(bundle.path);
    expect(fs.existsSync(bundle.path)).toBe(true);
  });

  it('keeps at most the newest 20 even when all are fresh', async () => {
    for (let i = 0; i < 25; i++) await produce('report', 0);
    expect(core.queries.produced.reports().length).toBe(REPORTS_KEPT.maxCount);
  });
});
