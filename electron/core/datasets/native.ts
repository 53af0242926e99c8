// Preflight's two pieces of native code, both optional, both built into dist/native by `npm run build`
// when a C compiler is there (scripts/build-native.mjs); without them the same work is done in
// JavaScript, with the same results:
// - the row writer (native/preflight_rows.c), a SQLite extension the insert thread loads to make each
//   chunk's rows in C (insert-pipe.ts);
// - the CSV scanner (native/preflight_csv.c), a Node-API addon that splits plain records into fields
//   and classifies plain decimals (readers/csv-tokenizer.ts).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * dist/native/<name> beside the bundled host (dist/node, dist/electron) or above the sources (tests);
 * in a packaged app, the copy unpacked beside app.asar (native code cannot be loaded from inside it).
 */
function nativeFile(name: string): string | null {
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

/** The row writer's library (preflight_rows.so/.dylib/.dll), or null: not built, or PREFLIGHT_ROW_WRITER=javascript. */
export function rowWriterPath(): string | null {
  if (process.env.PREFLIGHT_ROW_WRITER === 'javascript') return null;
  const ext = process.platform === 'win32' ? 'dll' : process.platform === 'darwin' ? 'dylib' : 'so';
  return nativeFile(`preflight_rows.${ext}`);
}

/** The CSV scanner's functions (see native/preflight_csv.c for the arrays' layout). */
export interface CsvScannerAddon {
  load(text: string): void;
  scan(
    pos: number,
    final: boolean,
    delimiter: number,
    state: Int32Array,
    starts: Int32Array,
    ends: Int32Array,
    toks: Uint8Array,
    xs: Float64Array,
    counts: Int32Array,
    newlines: Int32Array,
  ): void;
}

let scanner: CsvScannerAddon | null | undefined;
/** Why the CSV scanner is not loaded ('' when it is). */
export let csvScannerWhy = '';

/** The CSV scanner, or null: not built, cannot load here, or PREFLIGHT_CSV_SCANNER=javascript. */
export function csvScanner(): CsvScannerAddon | null {
  if (process.env.PREFLIGHT_CSV_SCANNER === 'javascript') {
    csvScannerWhy = 'PREFLIGHT_CSV_SCANNER=javascript';
    return null;
  }
  if (scanner !== undefined) return scanner;
  const file = nativeFile('preflight_csv.node');
  scanner = null;
  csvScannerWhy = 'not built';
  if (file) {
    try {
      scanner = createRequire(import.meta.url)(file) as CsvScannerAddon;
      csvScannerWhy = '';
    } catch (err) {
      csvScannerWhy = String((err as Error).message ?? err);
    }
  }
  return scanner;
}
