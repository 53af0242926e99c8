// `preflight drift` only parses and formats: the contract checks --mode, --window and --drift-share,
// and the refusal still names the flag and the value typed. Files given by path are imported, and the
// command says which datasets that registered. Real CLI (build first: node scripts/build.mjs).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { FIXTURES, requireBuild, tempDir } from '../helpers/workspace';

const REF = path.join(FIXTURES, 'drift', 'reference.csv');
const CUR = path.join(FIXTURES, 'drift', 'current.csv');
let ws: { dir: string; cleanup: () => void };
const cli = (args: string[], json = true) => runCli([...args, '--workspace', ws.dir], { json });
const datasetNames = async () => (await cli(['datasets', 'list'])).json.map((d: { name: string }) => d.name).sort();

beforeAll(() => {
  requireBuild();
  ws = tempDir('preflight-drift-flags-');
});
afterAll(() => ws?.cleanup());

describe('preflight drift: flags and registered datasets', () => {
  it('says which datasets the file paths registered, and none when they are already there', async () => {
    const first = await cli(['drift', '--reference', REF, '--current', CUR]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.json.registeredDatasets).toEqual(['reference', 'current']);
    expect(first.stderr).toContain(
      `registered dataset reference (reference, from ${REF}) and dataset current (current, from ${CUR})`,
    );
    expect(await datasetNames()).toEqual(['current', 'reference']);

    const again = await cli(['drift', '--reference', 'reference', '--current', 'current'], false);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toMatch(/registered dataset/);
  });

  it.each([
    [['--mode', 'fast'], '--mode: "fast" is not one of exact, profile'],
    [['--window', 'year', '--time-column', 'ts'], '--window: "year" is not one of day, week, month'],
    [['--drift-share', '0'], '--drift-share: "0" must be > 0'],
    [['--drift-share', '1.5'], '--drift-share: "1.5" must be ≤ 1'],
    [['--drift-share', 'half'], '--drift-share: "half" is not a number'],
  ])('refuses %j with "%s", exit 2, the workspace as it was', async (flags, message) => {
    const before = await datasetNames();
    const r = await cli(['drift', '--reference', 'reference', '--current', CUR, ...flags], false);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${message}`);
    expect(await datasetNames()).toEqual(before);
  });
});
