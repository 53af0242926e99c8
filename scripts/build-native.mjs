// Builds the native row writer (native/preflight_rows.c), a SQLite loadable extension, into
// dist/native/. It uses only SQLite's extension API, compiled against the headers of the SQLite that
// better-sqlite3 bundles, so one build serves Node and Electron alike. Without a C compiler nothing
// fails: imports then bind their rows from JavaScript (slower, same results) and this says so.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'native', 'preflight_rows.c');
export const rowWriterName = `preflight_rows.${process.platform === 'win32' ? 'dll' : process.platform === 'darwin' ? 'dylib' : 'so'}`;

/** Compiles the row writer; returns the library's path, or null (with the reason printed) when it cannot. */
export function buildRowWriter({ quiet = false } = {}) {
  const out = path.join(root, 'dist', 'native', rowWriterName);
  fs.rmSync(out, { force: true });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const headers = path.join(
    path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
    'deps',
    'sqlite3',
  );
  const [cc, args] =
    process.platform === 'win32'
      ? [
          process.env.CC || 'cl',
          ['/nologo', '/O2', '/LD', `/I${headers}`, source, `/Fe:${out}`, `/Fo:${path.dirname(out)}\\`],
        ]
      : [
          process.env.CC || 'cc',
          [
            '-O2',
            '-Wall',
            '-Wextra',
            '-fPIC',
            process.platform === 'darwin' ? '-dynamiclib' : '-shared',
            `-I${headers}`,
            source,
            '-o',
            out,
          ],
        ];
  const r = spawnSync(cc, args, { encoding: 'utf8' });
  if (r.status === 0 && fs.existsSync(out)) {
    if (r.stderr.trim()) process.stderr.write(r.stderr);
    if (!quiet) console.log(`native row writer: ${path.relative(root, out)}`);
    return out;
  }
  const why = r.error
    ? `${cc} not found (${r.error.code ?? r.error.message})`
    : `${cc} failed:\n${r.stderr || r.stdout}`;
  console.warn(
    `native row writer not built — imports will bind rows from JavaScript (same results, about 1 CPU-second more per million rows × 20 columns): ${why}`,
  );
  return null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildRowWriter();
