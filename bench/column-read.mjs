// `column read values/s`: Preflight's own reader (electron/core/drift/column-read.ts, bundled here with
// esbuild) timed in this one process on a workspace the bench made — every numerical column of the
// given datasets, from their packed chunks and, side by side, from their rows (the path of datasets
// imported before the chunks existed). Reading only (the reader times sorting apart), one column set
// after the other in one process; on a shared machine, read it with the load average beside it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import Database from 'better-sqlite3';
import { ROOT } from './lib.mjs';

async function loadReader() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-bench-reader-'));
  const out = path.join(dir, 'reader.mjs');
  await build({
    stdin: {
      contents: [
        "export { SortedColumns } from './electron/core/drift/column-read.ts';",
        "export { readChunkedColumn } from './electron/core/datasets/chunk-read.ts';",
        "export { maxRowid } from './electron/core/workspace/queries/drift.ts';",
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3'],
    outfile: out,
    logLevel: 'error',
  });
  try {
    return await import(out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints the read rates; returns the chunk path's wall-clock values/s. */
export async function columnReadBench(workspaceFile, names) {
  const { SortedColumns, readChunkedColumn, maxRowid } = await loadReader();
  const db = new Database(workspaceFile, { readonly: true });
  try {
    const tables = names.map((name) => {
      const d = db.prepare('SELECT id, table_name, row_count FROM datasets WHERE name = ?').get(name);
      const cols = db
        .prepare(
          "SELECT ordinal, chunk_key FROM dataset_columns WHERE dataset_id = ? AND kind IN ('integer', 'float') ORDER BY ordinal",
        )
        .all(d.id);
      return {
        table: d.table_name,
        // Its own dataset file, attached (or a table of the workspace: a dataset from before those files).
        maxRowid: maxRowid(db, d.table_name),
        rows: d.row_count,
        ordinals: cols.map((c) => c.ordinal),
        chunkKeys: cols.map((c) => c.chunk_key),
      };
    });
    const run = (keys) => {
      let readMs = 0;
      let values = 0;
      const cpu0 = process.cpuUsage();
      for (const t of tables) {
        // Column by column into one reused array, as drift's comparison reads them (numeric-task.ts).
        const cols = new SortedColumns(db, keys ? t : { ...t, chunkKeys: t.chunkKeys.map(() => null) });
        let reuse;
        t.ordinals.forEach((_, k) => (reuse = cols.get(k, reuse).sorted.buffer));
        readMs += cols.readMs;
        values += cols.values;
      }
      const cpu = process.cpuUsage(cpu0);
      // CPU seconds of the whole call (reading and sorting): what the read would cost on an idle core.
      return { values, readWall: readMs / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
    };
    const chunked = tables.every((t) => t.chunkKeys.every((k) => k !== null));
    const a = chunked ? run(true) : null;
    const b = run(false);
    // The chunk read alone (no sort), CPU time: what it costs on an idle core.
    let readCpu = null;
    if (chunked) {
      const c0 = process.cpuUsage();
      for (const t of tables) {
        let reuse;
        t.ordinals.forEach(
          (o, k) => (reuse = new Float64Array(readChunkedColumn(db, t.chunkKeys[k], o, t.rows, reuse).values.buffer)),
        );
      }
      const c = process.cpuUsage(c0);
      readCpu = (c.user + c.system) / 1e6;
    }
    const rate = (r) => `${(r.values / r.readWall / 1e6).toFixed(1)}M`;
    if (a)
      console.log(
        `column read values/s = ${rate(a)} (packed chunks, one process: ${(a.values / 1e6).toFixed(0)}M values in ${a.readWall.toFixed(2)} s wall; target ≥ 50M; read + sort took ${a.cpu.toFixed(2)} CPU-s)`,
      );
    else console.log('column read values/s = n/a (these datasets have no packed chunks)');
    if (readCpu !== null)
      console.log(
        `column read values per CPU-second = ${(a.values / readCpu / 1e6).toFixed(0)}M (the chunk read alone, ${readCpu.toFixed(2)} CPU-s: the rate on an idle core)`,
      );
    console.log(
      `column read values/s from rows = ${rate(b)} (the path of datasets imported before packed chunks; ${b.readWall.toFixed(2)} s wall; read + sort took ${b.cpu.toFixed(2)} CPU-s)`,
    );
    return a ? a.values / a.readWall : null;
  } finally {
    db.close();
  }
}
