// The app.asar checker itself (asar-entries.ts), on small archives made here: it must catch an ESM
// entry, a dynamic import(), a require of something not shipped, and a native addon left packed.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/workspace';
import { checkAsarEntries } from './asar-entries';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as {
  createPackageWithOptions(src: string, dest: string, options: { unpack?: string }): Promise<void>;
};

async function pack(files: Record<string, string>): Promise<{ archive: string; cleanup: () => void }> {
  const tmp = tempDir('preflight-asar-');
  const src = path.join(tmp.dir, 'app');
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(src, rel)), { recursive: true });
    fs.writeFileSync(path.join(src, rel), text);
  }
  const archive = path.join(tmp.dir, 'app.asar');
  await asar.createPackageWithOptions(src, archive, { unpack: '*.node' });
  return { archive, cleanup: tmp.cleanup };
}

const good = {
  'package.json': JSON.stringify({ main: 'dist/electron/main.cjs' }),
  'dist/electron/main.cjs':
    'const { app } = require("electron"); const path = require("node:path"); require("./preload.cjs");',
  'dist/electron/preload.cjs': 'require("electron");',
  'dist/electron/core-host.cjs': 'const Database = require("better-sqlite3");',
  'dist/electron/child.cjs': 'const ort = Promise.resolve().then(() => require("onnxruntime-node"));',
  'node_modules/better-sqlite3/package.json': JSON.stringify({ main: 'lib/index.js' }),
  'node_modules/better-sqlite3/lib/index.js': 'module.exports = require("../build/Release/better_sqlite3.node");',
  'node_modules/better-sqlite3/build/Release/better_sqlite3.node': 'binary',
  'node_modules/onnxruntime-node/package.json': JSON.stringify({ main: 'dist/index.js' }),
  'node_modules/onnxruntime-node/dist/index.js': '',
};

describe('the app.asar entry check', () => {
  it('accepts CommonJS entries that resolve to shipped files, natives unpacked', async () => {
    const { archive, cleanup } = await pack(good);
    try {
      expect(checkAsarEntries(archive)).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it('names an ESM entry, a dynamic import() and a require of something not shipped', async () => {
    const { archive, cleanup } = await pack({
      ...good,
      'dist/electron/core-host.cjs': 'import Database from "better-sqlite3";\nexport const x = 1;',
      'dist/electron/child.cjs': 'const ort = import("onnxruntime-node"); require("hyparquet");',
    });
    try {
      const problems = checkAsarEntries(archive).join('\n');
      expect(problems).toMatch(/core-host\.cjs: not CommonJS/);
      expect(problems).toMatch(/child\.cjs: uses dynamic import\(\)/);
      expect(problems).toMatch(
        /child\.cjs: require\("hyparquet"\) needs package hyparquet, which is not in the archive/,
      );
    } finally {
      cleanup();
    }
  });
});
