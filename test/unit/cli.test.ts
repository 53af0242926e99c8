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
    for (const c of ['serve', 'models', 'datasets', 'bench', 'drift', 'export', 'verify', 'validate', 'demo'])
      expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
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

  it('checks the arguments before it opens a workspace: a usage error creates none, and never falls back to the default', async () => {
    const home = tempDir('preflight-cli-home-');
    const env = { XDG_CONFIG_HOME: home.dir, PREFLIGHT_WORKSPACE: '' };
    try {
      const fresh = `${ws.dir}-never`;
      const bad = await runCli(['bench', 'tiny_mlp', '--batch', '0', '--workspace', fresh], { env });
      expect(bad.code).toBe(2);
      expect(fs.existsSync(fresh)).toBe(false);
      // `--workspace` without a folder (the next word is a flag) is refused, not read as the default.
      for (const args of [
        ['models', 'list', '--workspace'],
        ['models', 'list', '--workspace', '--json'],
      ]) {
        const r = await runCli(args, { env, json: false });
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.stderr).toMatch(/--workspace needs a folder/);
      }
      expect(fs.readdirSync(home.dir)).toEqual([]);
      expect(fs.existsSync('--json')).toBe(false);
    } finally {
      home.cleanup();
    }
  });

  it('takes --workspace before the command too, and says a dash-leading value needs NAME=VALUE in one line', async () => {
    const before = await runCli(['--workspace', ws.dir, 'models', 'list']);
    expect(before.code).toBe(0);
    expect(before.json).toEqual(expect.any(Array));
    const ambiguous = await runCli(['bench', 'tiny_mlp', '--iterations', '-5', '--workspace', ws.dir]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.json.error.message).toBe(
      'bench: --iterations needs a value; for one that starts with "-", write --iterations=VALUE (see `preflight bench --help`)',
    );
    const missing = await runCli(['drift', '--workspace', ws.dir]);
    expect(missing.json.error.message).not.toContain('\n');
  });

  it('demo prints next steps that work when pasted: they name this workspace, quoted', async () => {
    const dir = tempDir('preflight cli demo ');
    try {
      const r = await runCli(['demo', '--no-benchmark', '--workspace', dir.dir], { json: false });
      expect(r.code, r.stderr).toBe(0);
      const hints = r.stdout.split('\n').filter((l) => l.startsWith('  preflight '));
      expect(hints.length).toBeGreaterThanOrEqual(3);
      for (const h of hints) expect(h).toContain(`--workspace '${dir.dir}'`);
      // Run the drift hint as printed (minus the shell quoting).
      const words = hints
        .find((h) => h.includes('--time-column'))!
        .trim()
        .replace(` --workspace '${dir.dir}'`, '')
        .split(/\s+/)
        .slice(1);
      const again = await runCli([...words, '--workspace', dir.dir]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.json.windows.windows.length).toBeGreaterThan(1);
    } finally {
      dir.cleanup();
    }
  });

  it('checks the required flags of a command before opening anything', async () => {
    const e = await runCli(['export', '--workspace', ws.dir]);
    expect(e.code).toBe(2);
    expect(e.json.error.message).toMatch(/--model, --reference and --out are required/);
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
