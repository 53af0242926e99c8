#!/usr/bin/env node
// bench/insert-floor (issue #13): what SQLite alone costs through better-sqlite3 for bench/ingest.mjs's
// shape — 1,000,000 rows × 20 columns (float, float, integer, category), values already parsed —
// into a fresh table, 64-row INSERTs, 32k rows per transaction. Side by side in one run: the values
// bound as an array vs as call arguments (what the insert thread does), in a WAL database (the
// workspace's mode) and with a rollback journal. No parsing, profiling, chunks or sketches: the
// floor under Preflight's import, to read beside `CPU-seconds sqlite3` printed by bench/ingest.mjs.
// Pages of 4 KiB (SQLite's default, and workspaces made before 16 KiB became theirs) and 16 KiB.
//   node bench/insert-floor.mjs [rows=1000000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { rng } from './lib.mjs';

const Database = createRequire(import.meta.url)('better-sqlite3');
const ROWS = Number(process.argv[2] ?? 1_000_000);
const COLUMNS = 20;
const PER = 64;
const TX_ROWS = 32_768;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-bench-insert-floor-'));

// One seeded block of 8,192 rows, cycled (the generator of bench/ingest.mjs).
const rnd = rng(42);
const cats = ['red', 'green', 'blue', 'yellow', 'black', 'white', 'orange', 'purple'];
const BLOCK = 8192;
const block = new Array(BLOCK * COLUMNS);
for (let r = 0; r < BLOCK; r++)
  for (let c = 0; c < COLUMNS; c++)
    block[r * COLUMNS + c] =
      c % 4 === 3
        ? cats[Math.floor(rnd() * 8)]
        : c % 4 === 2
          ? Math.floor(rnd() * 100000)
          : Math.round((rnd() * 1000 - 500) * 1e4) / 1e4;

function run(journal, binding, page) {
  const file = path.join(tmp, `${journal}-${binding}-${page}.db`);
  const db = new Database(file);
  db.pragma(`page_size = ${page}`);
  db.pragma(`journal_mode = ${journal === 'wal' ? 'WAL' : 'DELETE'}`);
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE t (${Array.from({ length: COLUMNS }, (_, i) => `c${i}`).join(', ')})`);
  const one = `(${Array(COLUMNS).fill('?').join(',')})`;
  const multi = db.prepare(`INSERT INTO t VALUES ${Array(PER).fill(one).join(',')}`);
  const batch = new Array(PER * COLUMNS);
  let r = 0;
  const tx = db.transaction((n) => {
    for (let k = 0; k < n; k += PER) {
      const off = (r % BLOCK) * COLUMNS;
      for (let j = 0; j < batch.length; j++) batch[j] = block[(off + j) % block.length];
      if (binding === 'arguments') multi.run(...batch);
      else multi.run(batch);
      r += PER;
    }
  });
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  while (r < ROWS) tx(Math.min(TX_ROWS, ROWS - r));
  db.close();
  const u = process.cpuUsage(cpu0);
  return { cpu: (u.user + u.system) / 1e6, wall: Number(process.hrtime.bigint() - t0) / 1e9 };
}

try {
  console.log(`bench/insert-floor: ${ROWS.toLocaleString('en-US')} rows × ${COLUMNS}, values already parsed`);
  const configs = [
    ['wal', 'array', 4096],
    ['wal', 'arguments', 4096],
    ['wal', 'arguments', 16384],
    ['delete', 'arguments', 4096],
    ['delete', 'arguments', 16384],
  ];
  for (const [journal, binding, page] of configs) {
    const { cpu, wall } = run(journal, binding, page);
    console.log(
      `insert floor (${journal === 'wal' ? 'WAL' : 'rollback journal'}, ${page / 1024} KiB pages, bound as ${binding}) = ${cpu.toFixed(2)} CPU-s, ${wall.toFixed(2)} s wall`,
    );
  }
  console.log(`(load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores)`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
