// Packs the app the way `npm run dist` does (electron-builder, electron-builder.yml) into an unpacked
// Linux folder, with two offline stand-ins: a fake Electron distribution (the real one is a download)
// and no native rebuild (that needs Electron's headers from the network). Fuses are left out because
// they are flipped inside the real binary. What it checks is what ships: the asar holds only the built
// app and production dependencies, native code is unpacked, main points at the bundle.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/workspace';
import { appEntries, checkAsarEntries } from './asar-entries';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): Record<string, any>; dump(value: unknown): string };
const asar = require('@electron/asar') as {
  createPackage(src: string, dest: string): Promise<void>;
  listPackage(archive: string, options: { isPack: boolean }): string[];
  extractFile(archive: string, file: string): Buffer;
};
const { build } = require('electron-builder') as { build(options: Record<string, unknown>): Promise<string[]> };

describe('electron-builder packaging (offline stand-ins)', () => {
  it('ships only dist/ and production dependencies, with native code unpacked', async () => {
    for (const built of [
      'dist/electron/main.cjs',
      'dist/electron/preload.cjs',
      'dist/electron/core-host.cjs',
      'dist/electron/child.cjs',
      'dist/renderer/index.html',
    ]) {
      if (!fs.existsSync(path.join(ROOT, built))) throw new Error(`${built} missing: run \`npm run build\` first`);
    }
    const tmp = tempDir('preflight-pack-');
    try {
      const fakeElectron = path.join(tmp.dir, 'electron-dist');
      fs.mkdirSync(path.join(fakeElectron, 'resources'), { recursive: true });
      fs.writeFileSync(path.join(fakeElectron, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
      fs.writeFileSync(path.join(fakeElectron, 'version'), '45.4.1');
      fs.mkdirSync(path.join(tmp.dir, 'default-app'));
      fs.writeFileSync(path.join(tmp.dir, 'default-app', 'package.json'), '{}');
      await asar.createPackage(
        path.join(tmp.dir, 'default-app'),
        path.join(fakeElectron, 'resources', 'default_app.asar'),
      );

      const config = yaml.load(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8'));
      delete config.electronFuses;
      Object.assign(config, {
        npmRebuild: false,
        electronDist: fakeElectron,
        directories: { output: path.join(tmp.dir, 'out') },
      });
      const configFile = path.join(tmp.dir, 'electron-builder.yml');
      fs.writeFileSync(configFile, yaml.dump(config));

      await build({ projectDir: ROOT, config: configFile, linux: ['dir'], x64: true, publish: 'never' }).catch(
        (err: Error) => {
          throw new Error(`electron-builder failed: ${err.stack ?? err.message}`);
        },
      );

      const resources = path.join(tmp.dir, 'out', 'linux-unpacked', 'resources');
      const archive = path.join(resources, 'app.asar');
      const entries = asar.listPackage(archive, { isPack: false }).map((e) => e.replaceAll('\\', '/'));
      const topLevel = new Set(entries.map((e) => e.split('/')[1]));
      expect([...topLevel].sort()).toEqual(['dist', 'node_modules', 'package.json']);
      expect(entries).toEqual(
        expect.arrayContaining([
          '/dist/electron/main.cjs',
          '/dist/electron/preload.cjs',
          '/dist/electron/core-host.cjs',
          '/dist/electron/child.cjs',
          '/dist/renderer/index.html',
        ]),
      );
      // Every entry Electron starts is CommonJS and resolves only built-ins, electron and shipped files.
      expect(appEntries(archive)).toEqual([
        'dist/electron/main.cjs',
        'dist/electron/preload.cjs',
        'dist/electron/core-host.cjs',
        'dist/electron/child.cjs',
      ]);
      expect(checkAsarEntries(archive)).toEqual([]);
      expect(JSON.parse(asar.extractFile(archive, 'package.json').toString()).main).toBe('dist/electron/main.cjs');

      // No devDependencies (electron itself, the builder, React — React is bundled into dist/renderer).
      const modules = new Set(entries.filter((e) => e.startsWith('/node_modules/')).map((e) => e.split('/')[2]));
      for (const dev of ['electron', 'electron-builder', 'vitest', 'react', 'esbuild', 'typescript'])
        expect(modules.has(dev), dev).toBe(false);
      expect(modules.has('better-sqlite3') && modules.has('onnxruntime-node')).toBe(true);

      // Native code lives beside the asar, for this platform only; better-sqlite3's sources stay out.
      const unpacked = path.join(resources, 'app.asar.unpacked', 'node_modules');
      expect(fs.existsSync(path.join(unpacked, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(
        true,
      );
      expect(
        fs.existsSync(path.join(unpacked, 'onnxruntime-node', 'bin', 'napi-v6', 'linux', 'x64', 'libonnxruntime.so.1')),
      ).toBe(true);
      expect(fs.existsSync(path.join(unpacked, 'onnxruntime-node', 'bin', 'napi-v6', 'win32'))).toBe(false);
      expect(fs.existsSync(path.join(unpacked, 'onnxruntime-node', 'bin', 'napi-v6', 'darwin'))).toBe(false);
      expect(fs.existsSync(path.join(unpacked, 'better-sqlite3', 'deps'))).toBe(false);
      expect(fs.existsSync(path.join(tmp.dir, 'out', 'linux-unpacked', 'preflight'))).toBe(true); // executableName
    } finally {
      tmp.cleanup();
    }
  });
});
