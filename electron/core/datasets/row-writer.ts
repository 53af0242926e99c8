// Where the native row writer is (native/preflight_rows.c, a SQLite extension built into dist/native
// by `npm run build` when a C compiler is there). The insert thread loads it into its connection and
// writes each chunk's rows in one statement; without it the thread binds the rows from JavaScript.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * dist/native/preflight_rows.{so,dylib,dll} beside the bundled host (dist/node, dist/electron) or
 * above the sources (tests); in a packaged app, the copy unpacked beside app.asar (native code cannot
 * be loaded from inside the archive). Null when it was not built, or PREFLIGHT_ROW_WRITER=javascript.
 */
export function rowWriterPath(): string | null {
  if (process.env.PREFLIGHT_ROW_WRITER === 'javascript') return null;
  const ext = process.platform === 'win32' ? 'dll' : process.platform === 'darwin' ? 'dylib' : 'so';
  const name = `preflight_rows.${ext}`;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    for (const candidate of [path.join(dir, 'native', name), path.join(dir, 'dist', 'native', name)]) {
      const unpacked = candidate.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
      if (fs.existsSync(unpacked)) return unpacked;
    }
    dir = path.dirname(dir);
  }
  return null;
}
