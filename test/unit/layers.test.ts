// The house rules check themselves: in a copy of the tree, plant each kind of violation the layer
// check, ESLint and Prettier must refuse, and expect `npm run lint`'s own commands to fail naming it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/workspace';

const tmp = tempDir('preflight-layers-');
const copy = path.join(tmp.dir, 'tree');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/** Runs one of package.json's lint scripts in the copy; returns its exit code and output. */
function lint(script: 'lint:boundaries' | 'lint:eslint' | 'lint:format', ...files: string[]) {
  const [bin, ...args] = pkg.scripts[script].split(' ');
  // The whole tree for the layer check (a cycle or a layer needs the graph); the planted files for the others.
  const targets = script === 'lint:boundaries' ? args : [...args.filter((a) => a !== '.'), ...files];
  try {
    const out = execFileSync(path.join(ROOT, 'node_modules', '.bin', bin), targets, {
      cwd: copy,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { code: 0, out };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: `${err.stdout}${err.stderr}` };
  }
}

/** Plants `text` at `file` (relative to the copy) for the duration of `fn`. */
function planted<T>(file: string, text: string, fn: () => T): T {
  const full = path.join(copy, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
  try {
    return fn();
  } finally {
    fs.rmSync(full);
  }
}

beforeAll(() => {
  fs.mkdirSync(copy);
  for (const entry of ['shared', 'electron', 'renderer', 'bench', 'scripts', 'bin', 'schemas']) {
    fs.cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
  }
  for (const file of [
    'tsconfig.json',
    'tsconfig.base.json',
    'tsconfig.shared.json',
    'tsconfig.renderer.json',
    'tsconfig.node.json',
    'tsconfig.preload.json',
    'package.json',
    '.dependency-cruiser.cjs',
    'eslint.config.js',
    '.prettierrc.json',
    '.prettierignore',
  ]) {
    fs.copyFileSync(path.join(ROOT, file), path.join(copy, file));
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
});
afterAll(() => tmp.cleanup());

describe('the layer check', () => {
  it('passes on the tree as it is, and says the graph has no cycles', () => {
    const { code, out } = lint('lint:boundaries');
    expect(out).toMatch(/no dependency violations found/);
    expect(code).toBe(0);
  });

  const violations: [string, string, string, RegExp][] = [
    [
      "the core imports 'electron/main'",
      'electron/core/planted.ts',
      "import { app } from 'electron/main';\nexport const name = app.name;\n",
      /electron-only-in-main-and-preload: electron\/core\/planted\.ts → electron\/main/,
    ],
    [
      "the core imports 'electron' dynamically",
      'electron/core/planted.ts',
      "export async function load() {\n  return (await import('electron')).app;\n}\n",
      /core-imports-no-host: electron\/core\/planted\.ts → (node_modules\/electron\/|electron)/,
    ],
    [
      'shared/ imports the CLI',
      'shared/planted.ts',
      "export { runCli } from '../electron/cli/main';\n",
      /shared-is-isomorphic: shared\/planted\.ts → electron\/cli\/main\.ts/,
    ],
    [
      'the core imports the web server',
      'electron/core/planted.ts',
      "export { startServer } from '../server/server';\n",
      /core-imports-no-host: electron\/core\/planted\.ts → electron\/server\/server\.ts/,
    ],
    [
      "shared/ imports 'fs/promises'",
      'shared/planted.ts',
      "import { readFile } from 'fs/promises';\nexport const read = readFile;\n",
      /shared-is-isomorphic: shared\/planted\.ts → fs\/promises/,
    ],
    [
      'the preload imports the renderer',
      'electron/preload/planted.ts',
      "export type { Route } from '../../renderer/router';\n",
      /preload-imports-no-renderer: electron\/preload\/planted\.ts → renderer\//,
    ],
    [
      'the renderer imports a Node built-in',
      'renderer/planted.ts',
      "import os from 'node:os';\nexport const host = os.hostname();\n",
      /renderer-imports-shared-only: renderer\/planted\.ts → (node:)?os/,
    ],
    [
      'two files import each other',
      'shared/planted-a.ts',
      "import { b } from './planted-b';\nexport const a = () => b;\n",
      /no-circular: shared\/planted-a\.ts →\s+shared\/planted-b\.ts →\s+shared\/planted-a\.ts/,
    ],
  ];

  for (const [what, file, text, expected] of violations) {
    it(`fails when ${what}`, () => {
      const extra = file.endsWith('planted-a.ts')
        ? () =>
            planted('shared/planted-b.ts', "import { a } from './planted-a';\nexport const b = () => a;\n", () =>
              lint('lint:boundaries'),
            )
        : () => lint('lint:boundaries');
      const { code, out } = planted(file, text, extra);
      expect(out).toMatch(expected);
      expect(code).not.toBe(0);
    });
  }
});

describe('ESLint and Prettier', () => {
  it('ESLint fails on a lint error (an unused variable) and passes the same file without it', () => {
    const bad = planted(
      'electron/core/planted.ts',
      'export function f(): number {\n  const unused = 1;\n  return 2;\n}\n',
      () => lint('lint:eslint', 'electron/core/planted.ts'),
    );
    expect(bad.out).toMatch(/'unused' is assigned a value but never used/);
    expect(bad.code).not.toBe(0);
    const good = planted('electron/core/planted.ts', 'export function f(): number {\n  return 2;\n}\n', () =>
      lint('lint:eslint', 'electron/core/planted.ts'),
    );
    expect(good.code).toBe(0);
  });

  it('the format check fails on unformatted code and names the file', () => {
    const bad = planted('shared/planted.ts', 'export const  x = {a:1,\n  b : "two"}\n', () =>
      lint('lint:format', 'shared/planted.ts'),
    );
    expect(bad.out).toMatch(/shared\/planted\.ts/);
    expect(bad.code).not.toBe(0);
    const good = planted('shared/planted.ts', "export const x = { a: 1, b: 'two' };\n", () =>
      lint('lint:format', 'shared/planted.ts'),
    );
    expect(good.code).toBe(0);
  });
});

describe('per-layer types', () => {
  /** Type-checks one planted file under a layer's tsconfig (only that file and what it imports). */
  function typecheck(layer: 'shared' | 'renderer' | 'node', file: string, text: string) {
    const config = path.join(copy, `tsconfig.planted-${layer}.json`);
    fs.writeFileSync(config, JSON.stringify({ extends: `./tsconfig.${layer}.json`, include: [], files: [file] }));
    try {
      return planted(file, text, () => {
        try {
          execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', config], {
            cwd: copy,
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          return { code: 0, out: '' };
        } catch (e) {
          const err = e as { status: number; stdout: string };
          return { code: err.status, out: err.stdout };
        }
      });
    } finally {
      fs.rmSync(config);
    }
  }

  it('the renderer has DOM types and no Node types', () => {
    expect(typecheck('renderer', 'renderer/planted.ts', 'export const w = window.innerWidth;\n').code).toBe(0);
    const bad = typecheck('renderer', 'renderer/planted.ts', 'export const cwd = process.cwd();\n');
    expect(bad.out).toMatch(/Cannot find name 'process'/);
  });

  it('the core has Node types and no DOM types', () => {
    expect(typecheck('node', 'electron/core/planted.ts', 'export const cwd = process.cwd();\n').code).toBe(0);
    const bad = typecheck('node', 'electron/core/planted.ts', 'export const w = window.innerWidth;\n');
    expect(bad.out).toMatch(/Cannot find name 'window'/);
  });

  it('shared/ has neither', () => {
    expect(typecheck('shared', 'shared/planted.ts', 'export const n = [1, 2].at(-1);\n').code).toBe(0);
    expect(typecheck('shared', 'shared/planted.ts', 'export const b = Buffer.from("x");\n').out).toMatch(
      /Cannot find name 'Buffer'/,
    );
    expect(typecheck('shared', 'shared/planted.ts', 'export const d = document.title;\n').out).toMatch(
      /Cannot find name 'document'/,
    );
  });
});
