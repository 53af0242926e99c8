import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
export const MODELS = path.join(FIXTURES, 'models');
export const CLI = path.join(ROOT, 'bin', 'preflight.mjs');

/** A fresh temporary workspace folder; removed by the returned cleanup. */
export function tempDir(prefix = 'preflight-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Fails with what to do when the bundles tests depend on are missing. */
export function requireBuild(): void {
  if (
    !fs.existsSync(path.join(ROOT, 'dist', 'node', 'cli.mjs')) ||
    !fs.existsSync(path.join(ROOT, 'dist', 'node', 'child.mjs'))
  ) {
    throw new Error('dist/node is missing: run `npm run build` (npm test does it in pretest)');
  }
}
