// The workspace through every host: what it holds, the first-run demo (each of its steps a contract
// call of its own, so the audit trail shows them), the doctor's health check, the audit trail.
import { beforeAll, expect, it } from 'vitest';
import { describeThroughEveryHost, lacksForm, type Host, type Intent } from './hosts';

const demo: Intent = { method: 'demo/create', args: { benchmark: false }, job: true, cli: ['demo', '--no-benchmark'] };
const info: Intent = {
  method: 'workspace/info',
  args: {},
  job: false,
  cli: {
    none: 'the CLI is pointed at its workspace (--workspace, PREFLIGHT_WORKSPACE); `preflight doctor` reports on it',
  },
};
const NO_INFO = /`preflight doctor` reports on it/;
const audit = (method: string): Intent => ({
  method: 'audit/list',
  args: { method },
  job: false,
  cli: ['audit', '--method', method],
});

describeThroughEveryHost('workspace', (current) => {
  let host: Host;
  beforeAll(() => {
    host = current();
  });

  it('a fresh workspace holds nothing; the demo fills it with a model, two datasets and a drift report', async () => {
    const empty = await host.perform(info);
    if (!lacksForm(empty, NO_INFO)) {
      expect(empty.result).toMatchObject({ counts: { models: 0, modelVersions: 0 } });
      expect(empty.result.schemaVersion).toBeGreaterThan(0);
      expect(empty.result.file.startsWith(empty.result.dir)).toBe(true);
    }
    const out = await host.perform(demo);
    expect(out.error).toBeUndefined();
    expect(out.result).toMatchObject({
      model: { name: 'demo-credit-risk', version: 1 },
      reference: 'demo-training',
      current: 'demo-production',
      driftReportId: expect.any(Number),
      benchRunId: null,
    });
    expect(out.progress!.length).toBeGreaterThan(0);
    const filled = await host.perform(info);
    if (!lacksForm(filled, NO_INFO)) expect(filled.result.counts).toEqual({ models: 1, modelVersions: 1 });
  });

  it("refuses a second demo over the first, and the audit trail shows the demo's own steps", async () => {
    const again = await host.perform(demo);
    expect(again.error).toMatchObject({ code: 'BAD_ARGUMENTS', message: expect.stringMatching(/already here/) });
    const demos = await host.perform(audit('demo/'));
    expect(demos.result.map((e: { outcome: string }) => e.outcome)).toEqual(['BAD_ARGUMENTS', 'ok']);
    // Each step went through the contract: the imports are audited as datasets/add, newest first.
    const imports = await host.perform(audit('datasets/'));
    expect(
      imports.result.map((e: { method: string; outcome: string; detail: string }) => [e.method, e.outcome, e.detail]),
    ).toEqual([
      ['datasets/add', 'ok', 'demo-production'],
      ['datasets/add', 'ok', 'demo-training'],
    ]);
    expect(imports.result[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the doctor finds the workspace healthy (exit 0)', async () => {
    const out = await host.perform({ method: 'workspace/doctor', args: {}, job: false, cli: ['doctor'] });
    expect(out.result).toMatchObject({ ok: true, integrity: ['ok'], findings: [], cleaned: [] });
    expect(out.result.tables.every((t: { damaged: number }) => t.damaged === 0)).toBe(true);
    if (out.exit !== undefined) expect(out.exit).toBe(0);
  });

  it('refuses a malformed audit query as bad arguments', async () => {
    const out = await host.perform({
      method: 'audit/list',
      args: { limit: 0 },
      job: false,
      cli: ['audit', '--limit', '0'],
    });
    expect(out.error).toMatchObject({ code: 'BAD_ARGUMENTS', message: expect.stringMatching(/limit/) });
  });
  it('remembers the theme per workspace; an unknown theme is refused as bad arguments', async () => {
    const NO_SETTINGS = /the app's own setting/;
    const none = { none: "the theme is the app's own setting (the CLI prints no colours)" };
    const before = await host.perform({ method: 'settings/get', args: {}, job: false, cli: none });
    if (lacksForm(before, NO_SETTINGS)) return;
    expect(before.result).toEqual({ theme: 'system' });
    const set = await host.perform({ method: 'settings/set', args: { theme: 'dark' }, job: false, cli: none });
    expect(set.result).toEqual({ theme: 'dark' });
    expect((await host.perform({ method: 'settings/get', args: {}, job: false, cli: none })).result).toEqual({
      theme: 'dark',
    });
    const bad = await host.perform({ method: 'settings/set', args: { theme: 'neon' }, job: false, cli: none });
    expect(bad.error).toMatchObject({ code: 'BAD_ARGUMENTS', message: expect.stringMatching(/system, light or dark/) });
  });
});
