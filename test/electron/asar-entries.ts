// What Electron will load from a packaged app.asar, checked without Electron: every entry the app
// starts (main, preload, the utilityProcess core, model children) must be CommonJS (it compiles as a
// CommonJS function body: no import/export, no import.meta, no top-level await, no dynamic import())
// and require only Node built-ins, `electron`, and files that exist in the archive or beside it in
// app.asar.unpacked. Native addons must be unpacked (they cannot be loaded from inside an archive).
import { createRequire, isBuiltin } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as {
  listPackage(archive: string, options: { isPack: boolean }): string[];
  extractFile(archive: string, file: string): Buffer;
};

/** Entries the app starts, relative to the archive root (main comes from package.json). */
export function appEntries(archive: string): string[] {
  const main = JSON.parse(asar.extractFile(archive, 'package.json').toString()).main as string;
  return [main, 'dist/electron/preload.cjs', 'dist/electron/core-host.cjs', 'dist/electron/child.cjs'];
}

/** Problems found, one line each; empty when every entry is loadable CommonJS. */
export function checkAsarEntries(archive: string): string[] {
  const unpacked = `${archive}.unpacked`;
  const listed = new Set(
    asar.listPackage(archive, { isPack: false }).map((e) => e.replaceAll('\\', '/').replace(/^\//, '')),
  );
  const exists = (rel: string) => listed.has(rel) || fs.existsSync(path.join(unpacked, rel));
  const read = (rel: string) =>
    listed.has(rel) ? asar.extractFile(archive, rel).toString() : fs.readFileSync(path.join(unpacked, rel), 'utf8');
  const problems: string[] = [];
  for (const entry of appEntries(archive)) {
    if (!exists(entry)) {
      problems.push(`${entry}: missing from the archive`);
      continue;
    }
    const source = read(entry);
    try {
      new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: entry });
    } catch (err) {
      problems.push(`${entry}: not CommonJS (${(err as Error).message})`);
    }
    const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    if (/(?<![\w$.])import\s*\(\s*["'`]/.test(code))
      problems.push(`${entry}: uses dynamic import(), which goes through Electron's ESM loader`);
    for (const [, spec] of code.matchAll(/(?<![\w$.])require\(\s*["']([^"']+)["']\s*\)/g)) {
      const problem = resolveProblem(spec, entry, exists, read);
      if (problem) problems.push(`${entry}: require("${spec}") ${problem}`);
    }
  }
  for (const rel of listed) {
    if (rel.endsWith('.node') && !fs.existsSync(path.join(unpacked, rel)))
      problems.push(`${rel}: a native addon inside the archive (must be in app.asar.unpacked)`);
  }
  return [...new Set(problems)];
}

function resolveProblem(
  spec: string,
  from: string,
  exists: (rel: string) => boolean,
  read: (rel: string) => string,
): string | null {
  if (spec === 'electron' || isBuiltin(spec)) return null;
  if (spec.startsWith('.') || spec.startsWith('/')) {
    const base = path.posix.join(path.posix.dirname(from), spec);
    return ['', '.js', '.cjs', '.json', '/index.js'].some((ext) => exists(base + ext))
      ? null
      : 'names a file that is not in the archive';
  }
  const parts = spec.split('/');
  const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  const pkgJson = `node_modules/${name}/package.json`;
  if (!exists(pkgJson)) return `needs package ${name}, which is not in the archive`;
  const sub = parts.slice(spec.startsWith('@') ? 2 : 1).join('/');
  const pkg = JSON.parse(read(pkgJson)) as { main?: string };
  const target = path.posix.join(`node_modules/${name}`, sub || pkg.main || 'index.js');
  return ['', '.js', '.cjs', '.json', '/index.js'].some((ext) => exists(target + ext))
    ? null
    : `resolves to ${target}, which is not in the archive`;
}
