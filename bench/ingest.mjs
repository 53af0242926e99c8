#!/usr/bin/env node
// Ingest benchmark (issues #4, #13): a seeded 1,000,000-row × 20-column CSV (mixed numeric and categorical)
// imported by `preflight datasets add` and by the sqlite3 command-line tool's `.import` into a fresh
// database, side by side, alternating. Prints, best of N runs each:
//   CPU ratio = CPU-seconds preflight / CPU-seconds sqlite3   (target ≤ 1.3; profiling and packed chunks included;
//               best of each, and the median of each run's pair)
//   ingest ratio = rows/s preflight / rows/s sqlite3 (wall)    (target ≥ 1.0 on a quiet machine)
//   CPU share: parsing / profiling / inserting / other         (one more run under `node --cpu-prof`, see cpu-shares.mjs)
//   peak RSS                                                   (target < 600 MB)
//   bytes written and read, and user vs system CPU, of each tool (bench/io-hook.mjs; /proc on Linux),
//   and sqlite3's import into a WAL database (the workspace's journal mode) as context
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
import { fileURLToPath, pathToFileURL } from 'node:url';
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
  const wal = [];
  for (let run = 1; run <= runs; run++) {
    const db = path.join(tmp, `fresh${run}.db`);
    // `.shell` runs a shell whose parent is sqlite3: its /proc/…/io is the import's I/O volume.
    sql.push(timed(['/usr/bin/sqlite3', db, '-cmd', '.mode csv', `.import ${csv} t`, '.shell cat /proc/$PPID/io']));
    // Context, not the target's baseline: the same import into a WAL database (a workspace's journal
    // mode, which lets lists and drift read while an import writes): every page is written twice.
    const walDb = path.join(tmp, `wal${run}.db`);
    const walArgs = ['-cmd', 'PRAGMA journal_mode=WAL;', '-cmd', '.mode csv', `.import ${csv} t`];
    wal.push(timed(['/usr/bin/sqlite3', walDb, ...walArgs, '.shell cat /proc/$PPID/io']));
    for (const f of [walDb, `${walDb}-wal`, `${walDb}-shm`]) fs.rmSync(f, { force: true });
    const ws = path.join(tmp, `ws${run}`);
    const r = timed([
      process.execPath,
      `--import=${pathToFileURL(path.join(root, 'bench', 'io-hook.mjs'))}`,
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
  const best = (xs) => xs.reduce((a, b) => (b.cpu < a.cpu ? b : a));
  const io = (r) =>
    `${Number.isFinite(r.wchar) ? `wrote ${(r.wchar / 1e6).toFixed(0)} MB, read ${(r.rchar / 1e6).toFixed(0)} MB` : 'bytes n/a (no /proc)'}; CPU ${r.user.toFixed(2)} user + ${r.system.toFixed(2)} system`;
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
  // The WAL writes every page twice (the log, then the checkpoint, which reads it back) and numeric
  // columns are written twice (rows and packed chunks); sqlite3 .import writes its text once.
  console.log(`I/O and CPU kind, lowest-CPU run of each: preflight ${io(best(pre))}; sqlite3 ${io(best(sql))}`);
  const cpuWal = best(wal).cpu;
  console.log(
    `sqlite3 .import into a WAL database (the workspace's journal mode): ${io(best(wal))}; CPU ratio against it ${(cpuPre / cpuWal).toFixed(2)} (context)`,
  );
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
  const user = Number(/User time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1] ?? NaN);
  const system = Number(/System time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1] ?? NaN);
  // Bytes through read/write system calls: io-hook.mjs's line (stderr) or /proc's own words (stdout).
  const out = `${r.stderr}\n${r.stdout}`;
  const wchar = Number(/wchar[=:] ?(\d+)/.exec(out)?.[1] ?? NaN);
  const rchar = Number(/rchar[=:] ?(\d+)/.exec(out)?.[1] ?? NaN);
  const stdout = r.stdout.replace(
    /^(rchar|wchar|syscr|syscw|read_bytes|write_bytes|cancelled_write_bytes): \d+\n/gm,
    '',
  );
  return { seconds, rssKb, cpu: user + system, user, system, wchar, rchar, stdout };
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
