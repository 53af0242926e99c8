// Builds Preflight's optional native code into dist/native/ (see electron/core/datasets/native.ts):
// - the row writer, native/preflight_rows.c: a SQLite loadable extension, compiled against the headers
//   of the SQLite that better-sqlite3 bundles and calling it only through the extension API;
// - the CSV scanner, native/preflight_csv.c: a Node-API addon (ABI-stable), compiled against the
//   running Node's headers (<prefix>/include/node).
// Neither needs a rebuild for Electron. Without a C compiler (or headers) nothing fails: imports do the
// same work in JavaScript, with the same results, more slowly — and this says so.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const libExt = process.platform === 'win32' ? 'dll' : process.platform === 'darwin' ? 'dylib' : 'so';

/** Compiles one C file into a shared library in `out`; returns its path, or null with the reason printed. */
function compile(out, source, target, includes, what, without) {
  const file = path.join(out, target);
  fs.rmSync(file, { force: true });
  const missing = includes.find((dir) => !fs.existsSync(dir));
  if (missing) return skipped(what, without, `headers not found (${missing})`);
  const src = path.join(root, 'native', source);
  const [cc, args] =
    process.platform === 'win32'
      ? [
          process.env.CC || 'cl',
          ['/nologo', '/O2', '/LD', ...includes.map((d) => `/I${d}`), src, `/Fe:${file}`, `/Fo:${out}\\`],
        ]
      : [
          process.env.CC || 'cc',
          [
            '-O2',
            '-Wall',
            '-Wextra',
            '-fPIC',
            ...(process.platform === 'darwin' ? ['-dynamiclib', '-undefined', 'dynamic_lookup'] : ['-shared']),
            ...includes.map((d) => `-I${d}`),
            src,
            '-o',
            file,
          ],
        ];
  const r = spawnSync(cc, args, { encoding: 'utf8' });
  if (r.status === 0 && fs.existsSync(file)) {
    if (r.stderr.trim()) process.stderr.write(r.stderr);
    console.log(`${what}: ${path.relative(root, file)}`);
    return file;
  }
  return skipped(
    what,
    without,
    r.error ? `${cc} not found (${r.error.code ?? r.error.message})` : `${cc} failed:\n${r.stderr || r.stdout}`,
  );
}

function skipped(what, without, why) {
  console.warn(`${what} not built — ${without}: ${why}`);
  return null;
}

/** Builds both into `out` (dist/native); returns their paths (null where one could not be built). */
export function buildNative(out = path.join(root, 'dist', 'native')) {
  fs.mkdirSync(out, { recursive: true });
  const sqliteHeaders = path.join(
    path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
    'deps',
    'sqlite3',
  );
  const rows = compile(
    out,
    'preflight_rows.c',
    `preflight_rows.${libExt}`,
    [sqliteHeaders],
    'native row writer',
    'imports will bind rows from JavaScript (same rows, more CPU)',
  );
  // Node-API's headers ship with Node (<prefix>/include/node); Windows links against node.lib, which
  // only node-gyp fetches, so the scanner is not built there.
  const nodeHeaders = path.join(path.dirname(process.execPath), '..', 'include', 'node');
  const csv =
    process.platform === 'win32'
      ? skipped('native CSV scanner', 'CSV imports will split records in JavaScript', 'not built on Windows')
      : compile(
          out,
          'preflight_csv.c',
          'preflight_csv.node',
          [nodeHeaders],
          'native CSV scanner',
          'CSV imports will split records in JavaScript (same records, slower)',
        );
  return { rows, csv };
}

// node scripts/build-native.mjs [DIR]: builds into DIR instead of dist/native.
if (process.argv[1] === fileURLToPath(import.meta.url))
  buildNative(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
