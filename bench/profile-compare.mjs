#!/usr/bin/env node
// bench/profile-compare: a 3,000,000-row ZSTD Parquet file (12 numerical + 3 categorical columns,
// generated with hyparquet-writer + @bokuweb/zstd-wasm) is imported and profiled once; then a new
// 500,000-row batch (drift planted in 4 columns) is compared against the STORED PROFILE, without
// re-reading the 3M rows. Target: the comparison in < 5 s. Also compares the profile-mode numbers
// with exact mode (reference values re-read) to show how close they are.
//   node bench/profile-compare.mjs [--rows N] [--batch N] [--keep DIR] [--no-exact]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compress, init } from '@bokuweb/zstd-wasm';
import { parquetWriteFile } from 'hyparquet-writer';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'bin', 'preflight.mjs');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
const ROWS = Number(opt('rows', '3000000'));
const BATCH = Number(opt('batch', '500000'));
const dir = opt('keep', null) ?? fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-bench-profile-'));
fs.mkdirSync(dir, { recursive: true });
const ws = path.join(dir, 'workspace');
const CITIES = ['Paris', 'Lyon', 'Nice', 'Lille', 'Nantes', 'Rennes'];

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function generate(file, n, drift, seed) {
  if (fs.existsSync(file)) return;
  await init();
  const r = rng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const columnData = [];
  for (let f = 0; f < 12; f++) {
    const data = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let x = f % 2 ? Math.exp(0.7 * normal()) : 50 + 10 * normal();
      if (drift && f === 1) x *= 1.3;
      if (drift && f === 4) x += 3;
      if (drift && f === 7 && r() < 0.05) x = NaN;
      data[i] = Math.round(x * 1e4) / 1e4;
    }
    columnData.push({ name: `num_${f}`, data: Array.from(data, (v) => (Number.isNaN(v) ? null : v)), type: 'DOUBLE' });
  }
  const pick = (w) => {
    let u = r() * w.reduce((a, b) => a + b, 0);
    for (let i = 0; i < w.length; i++) if ((u -= w[i]) < 0) return i;
    return w.length - 1;
  };
  const cityW = drift ? [20, 20, 20, 20, 10, 10] : [30, 25, 15, 15, 10, 5];
  columnData.push({ name: 'city', data: Array.from({ length: n }, () => CITIES[pick(cityW)]), type: 'STRING' });
  columnData.push({ name: 'plan', data: Array.from({ length: n }, () => (r() < 0.3 ? 'pro' : 'basic')), type: 'STRING' });
  columnData.push({ name: 'segment', data: Array.from({ length: n }, () => `s${pick([5, 4, 3, 2, 1])}`), type: 'STRING' });
  parquetWriteFile({ filename: file, columnData, codec: 'ZSTD', compressors: { ZSTD: (input) => compress(input, 3) }, rowGroupSize: 100_000 });
}

// CPU seconds of the command and its children (GNU time), when available: on a shared, loaded
// machine wall time says little, CPU time says what the work costs.
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
function cli(argv) {
  const t = performance.now();
  const cmd = [CLI, ...argv, '--workspace', ws, '--json'];
  const res = TIME
    ? spawnSync(TIME, ['-f', 'PFCPU %U %S', process.execPath, ...cmd], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, cmd, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - t) / 1000;
  if (res.status !== 0) throw new Error(`preflight ${argv.join(' ')} failed (${res.status}):\n${res.stderr}\n${res.stdout.slice(0, 2000)}`);
  const m = /PFCPU ([\d.]+) ([\d.]+)/.exec(res.stderr ?? '');
  return { seconds, cpu: m ? Number(m[1]) + Number(m[2]) : null, json: JSON.parse(res.stdout) };
}
const load = () => `load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`;

const big = path.join(dir, 'train.parquet');
const batch = path.join(dir, 'batch.parquet');
let t = performance.now();
await generate(big, ROWS, false, 7);
await generate(batch, BATCH, true, 8);
console.log(`bench/profile-compare in ${dir}: generated ${(fs.statSync(big).size / 1e6).toFixed(1)} MB + ${(fs.statSync(batch).size / 1e6).toFixed(1)} MB of ZSTD Parquet in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const imp = cli(['datasets', 'add', big, '--name', 'train']);
console.log(`import ${ROWS.toLocaleString('en-US')} rows: ${imp.seconds.toFixed(1)} s`);
const prof = cli(['drift', 'profile', 'train']);
console.log(`profile: ${prof.seconds.toFixed(2)} s, ${(prof.json.bytes / 1e6).toFixed(2)} MB stored, grid ${prof.json.gridSize}`);

// A batch given as a file: imported, then compared with the profile.
const fromFile = cli(['drift', '--reference', 'train', '--current', batch, '--mode', 'profile']);
console.log(`batch file → import + compare with the profile: ${fromFile.seconds.toFixed(2)} s`);
// The same batch, already imported: the comparison alone.
const compare = cli(['drift', '--reference', 'train', '--current', fromFile.json.current.name, '--mode', 'profile']);
const r = compare.json;
console.log(`compare ${BATCH.toLocaleString('en-US')} rows with the stored profile: ${compare.seconds.toFixed(2)} s (in-process ${r.timings.totalSeconds.toFixed(2)} s; read ${r.timings.readSeconds.toFixed(2)} s, compute ${r.timings.computeSeconds.toFixed(2)} s)`);
console.log(`  ${r.dataset.drifted} of ${r.dataset.total} features drifted: ${r.features.filter((f) => f.drifted).map((f) => f.name).join(', ')}`);
console.log(`(${load()}; CPU ${compare.cpu === null ? 'n/a' : `${compare.cpu.toFixed(2)} s`} over all processes)`);
console.log(`profile compare seconds = ${compare.seconds.toFixed(2)}`);

if (!args.includes('--no-exact')) {
  const exact = cli(['drift', '--reference', 'train', '--current', fromFile.json.current.name]).json;
  let dKs = 0;
  let dW = 0;
  let dPsi = 0;
  let agree = 0;
  for (const f of r.features) {
    const e = exact.features.find((x) => x.name === f.name);
    if (f.kind === 'numerical' && f.tested) {
      dKs = Math.max(dKs, Math.abs(f.metrics.ksStatistic - e.metrics.ksStatistic));
      dW = Math.max(dW, Math.abs(f.metrics.wassersteinNormed - e.metrics.wassersteinNormed));
      dPsi = Math.max(dPsi, Math.abs(f.metrics.psi - e.metrics.psi));
    }
    if (f.drifted === e.drifted) agree++;
  }
  console.log(`profile vs exact (reference re-read, ${exact.timings.totalSeconds.toFixed(2)} s): max |ΔKS D| = ${dKs.toExponential(2)}, max |ΔW normed| = ${dW.toExponential(2)}, max |ΔPSI| = ${dPsi.toExponential(2)}; verdicts agree on ${agree} of ${r.features.length}`);
}
if (!opt('keep', null)) fs.rmSync(dir, { recursive: true, force: true });
