#!/usr/bin/env node
// Ingest benchmark (issues #4, #13): a seeded 1,000,000-row × 20-column CSV (mixed numeric and categorical)
// imported by `preflight datasets add` and by the sqlite3 command-line tool's `.import` into a fresh
// database, side by side, alternating. Prints, best of N runs each:
//   CPU ratio = CPU-seconds preflight / CPU-seconds sqlite3   (target ≤ 1.3; profiling and packed chunks included;
//               best of each, and the median of each run's pair)
//   ingest ratio = rows/s preflight / rows/s sqlite3 (wall)    (target ≥ 1.0 on a quiet machine)
//   CPU share: parsing / profiling / inserting / other         (one more run under `node --cpu-prof`, see cpu-shares.mjs)
//   peak RSS                                                   (target < 600 MB)
// and the load average: Preflight parses and profiles on one thread while a second inserts, so its wall
// time needs two free cores; on a loaded machine read the CPU ratio.
// Needs: `npm run build`, /usr/bin/sqlite3 (apt-get install sqlite3), /usr/bin/time (apt-get install time).
// Rows are made by the native row writer when `npm run build` could compile it (native/preflight_rows.c);
// records are split by the native CSV scanner (native/preflight_csv.c) likewise. PREFLIGHT_ROW_WRITER=javascript
// and PREFLIGHT_CSV_SCANNER=javascript measure the JavaScript versions instead.
// Usage: node bench/ingest.mjs [rows=1000000] [runs=5]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuShares, formatShares } from './cpu-shares.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rows = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 5);
const COLUMNS = 20;
for (const tool of ['/usr/bin/sqlite3', '/usr/bin/time']) {
  if (!fs.existsSync(tool)) throw new Error(`${tool} is missing: apt-get install -y ${path.basename(tool)}`);
}
if (!fs.existsSync(path.join(root, 'dist', 'node', 'cli.mjs'))) throw new Error('run `npm run build` first');

const writerFile = ['so', 'dylib', 'dll']
  .map((ext) => path.join(root, 'dist', 'native', `preflight_rows.${ext}`))
  .find((f) => fs.existsSync(f));
const scannerFile = path.join(root, 'dist', 'native', 'preflight_csv.node');
console.log(
  `row writer: ${
    process.env.PREFLIGHT_ROW_WRITER === 'javascript' || !writerFile
      ? `JavaScript (${writerFile ? 'PREFLIGHT_ROW_WRITER=javascript' : 'the native one is not built'})`
      : `native (${path.relative(root, writerFile)})`
  }; CSV scanner: ${
    process.env.PREFLIGHT_CSV_SCANNER === 'javascript' || !fs.existsSync(scannerFile)
      ? `JavaScript (${fs.existsSync(scannerFile) ? 'PREFLIGHT_CSV_SCANNER=javascript' : 'the native one is not built'})`
      : `native (${path.relative(root, scannerFile)})`
  }`,
);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-bench-ingest-'));
const csv = path.join(tmp, 'data.csv');
try {
  generate(csv, rows);
  const size = fs.statSync(csv).size;
  console.log(
    `generated ${rows.toLocaleString('en-US')} rows × ${COLUMNS} columns, ${(size / 1e6).toFixed(1)} MB (seeded)`,
  );
  const loadBefore = os.loadavg()[0];
  const pre = [];
  const sql = [];
  for (let run = 1; run <= runs; run++) {
    const db = path.join(tmp, `fresh${run}.db`);
    sql.push(timed(['/usr/bin/sqlite3', db, '-cmd', '.mode csv', `.import ${csv} t`]));
    const ws = path.join(tmp, `ws${run}`);
    const r = timed([
      process.execPath,
      path.join(root, 'bin', 'preflight.mjs'),
      'datasets',
      'add',
      csv,
      '--name',
      'bench',
      '--workspace',
      ws,
      '--json',
    ]);
    const result = JSON.parse(r.stdout);
    if (result.rows !== rows) throw new Error(`preflight imported ${result.rows} rows, expected ${rows}`);
    pre.push(r);
    console.log(
      `run ${run}: preflight ${r.seconds.toFixed(2)} s (CPU ${r.cpu.toFixed(2)} s, peak RSS ${(r.rssKb / 1024).toFixed(0)} MB), sqlite3 ${sql[run - 1].seconds.toFixed(2)} s (CPU ${sql[run - 1].cpu.toFixed(2)} s)`,
    );
    fs.rmSync(ws, { recursive: true, force: true });
    fs.rmSync(db, { force: true });
  }
  const bestPre = Math.min(...pre.map((r) => r.seconds));
  const bestSql = Math.min(...sql.map((r) => r.seconds));
  const rpsPre = rows / bestPre;
  const rpsSql = rows / bestSql;
  const rss = Math.max(...pre.map((r) => r.rssKb)) / 1024;
  const cpuPre = Math.min(...pre.map((r) => r.cpu));
  const cpuSql = Math.min(...sql.map((r) => r.cpu));
  // One more import under the V8 profiler (not timed): where Preflight's CPU goes.
  const profDir = path.join(tmp, 'prof');
  const ws = path.join(tmp, 'ws-prof');
  const prof = spawnSync(
    process.execPath,
    [`--cpu-prof`, `--cpu-prof-dir=${profDir}`, path.join(root, 'bin', 'preflight.mjs'), 'datasets', 'add', csv],
    { encoding: 'utf8', env: { ...process.env, PREFLIGHT_WORKSPACE: ws }, maxBuffer: 64 << 20 },
  );
  const shares = prof.status === 0 ? formatShares(cpuShares(profDir)) : `CPU share: n/a (${prof.stderr.slice(-300)})`;
  console.log(`rows_per_sec_preflight = ${Math.round(rpsPre)}`);
  console.log(`rows_per_sec_sqlite3 = ${Math.round(rpsSql)}`);
  console.log(`CPU-seconds: preflight ${cpuPre.toFixed(2)}, sqlite3 ${cpuSql.toFixed(2)} (best of ${runs})`);
  console.log(`CPU ratio = ${(cpuPre / cpuSql).toFixed(2)} (target ≤ 1.3)`);
  // This VM's speed drifts by up to half within minutes, and not equally for both tools: each run's
  // two imports ran back to back, so their ratio is the figure least moved by it.
  const paired = pre.map((r, i) => r.cpu / sql[i].cpu);
  const median = paired.slice().sort((a, b) => a - b)[Math.floor(paired.length / 2)];
  console.log(
    `CPU ratio per run (the two imports back to back): ${paired.map((x) => x.toFixed(2)).join(', ')}; median ${median.toFixed(2)}`,
  );
  console.log(`ingest ratio = ${(rpsPre / rpsSql).toFixed(2)} (wall clock, best of ${runs}; target ≥ 1.0 quiet)`);
  console.log(shares);
  console.log(`peak RSS = ${rss.toFixed(0)} MB (target < 600)`);
  console.log(
    `load average ${loadBefore.toFixed(1)} → ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores (other work on the machine slows the wall clock first)`,
  );
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

function timed(argv) {
  // Write back what the previous run left dirty, so one tool's fsyncs do not wait on the other's pages.
  spawnSync('sync');
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', ...argv], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  const cpu =
    Number(/User time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1] ?? NaN) +
    Number(/System time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1] ?? NaN);
  return { seconds, rssKb, cpu, stdout: r.stdout };
}

/** Columns cycle through float, float, integer, category; a mulberry32 stream makes it reproducible. */
function generate(file, n) {
  let s = 42 >>> 0;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const cats = ['red', 'green', 'blue', 'yellow', 'black', 'white', 'orange', 'purple'];
  const kind = (c) => (c % 4 === 3 ? 'cat' : c % 4 === 2 ? 'int' : 'num');
  const fd = fs.openSync(file, 'w');
  let buf = `${Array.from({ length: COLUMNS }, (_, c) => `${kind(c)}_${c}`).join(',')}\n`;
  for (let r = 0; r < n; r++) {
    const v = new Array(COLUMNS);
    for (let c = 0; c < COLUMNS; c++) {
      const k = kind(c);
      v[c] =
        k === 'cat'
          ? cats[Math.floor(rnd() * 8)]
          : k === 'int'
            ? String(Math.floor(rnd() * 100000))
            : (rnd() * 1000 - 500).toFixed(4);
    }
    buf += `${v.join(',')}\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}
