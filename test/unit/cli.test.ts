import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { requireBuild, tempDir } from '../helpers/workspace';

describe('the preflight command line', () => {
  requireBuild();
  const ws = tempDir();

  it('lists every command of the public surface in --help', async () => {
    const r = await runCli(['--help'], { json: false });
    expect(r.code).toBe(0);
    for (const c of ['serve', 'models', 'datasets', 'bench', 'drift', 'export', 'verify', 'validate', 'demo']) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });

  it('answers a missing or unknown command with exit 2 and a hint', async () => {
    const none = await runCli(['--workspace', ws.dir], { json: false });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('usage: preflight <command>');
    const unknown = await runCli(['frobnicate', '--workspace', ws.dir]);
    expect(unknown.code).toBe(2);
    expect(unknown.json.error).toMatchObject({ code: 'BAD_ARGUMENTS' });
    expect(unknown.stderr).toContain('preflight --help');
  });

  it('says plainly when a capability has not landed yet', async () => {
    const r = await runCli(['export', '--workspace', ws.dir]);
    expect(r.code).toBe(2);
    expect(r.json.error.message).toMatch(/not yet available/);
  });

  it('refuses an impossible port before trying to listen', async () => {
    const r = await runCli(['serve', '--port', '99999', '--workspace', ws.dir]);
    expect(r.code).toBe(2);
    expect(r.json.error.message).toMatch(/not a TCP port/);
  });

  it('refuses an unknown option with the command to get help', async () => {
    const r = await runCli(['models', 'list', '--colour', '--workspace', ws.dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('preflight models list --help');
  });

  it('names a workspace it cannot use and leaves it as it was', async () => {
    const bad = tempDir();
    fs.writeFileSync(`${bad.dir}/workspace.sqlite`, 'garbage '.repeat(1000));
    const r = await runCli(['models', 'list', '--workspace', bad.dir]);
    expect(r.code).toBe(2);
    expect(r.json.error).toMatchObject({ code: 'WORKSPACE_ERROR' });
    expect(r.json.error.message).toContain('workspace.sqlite');
    bad.cleanup();
  });

  it('gives JSON on stdout for every outcome once --json is anywhere on the line', async () => {
    const first = await runCli(['--json', 'models', 'list', '--workspace', ws.dir], { json: false });
    expect(first.code).toBe(0);
    expect(first.json).toEqual([]);
    const none = await runCli([], {});
    expect(none.code).toBe(2);
    expect(none.json.error.code).toBe('BAD_ARGUMENTS');
    const version = await runCli(['--version']);
    expect(version.json.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
