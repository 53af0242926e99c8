#!/usr/bin/env node
// bench/profile-compare: a 3,000,000-row ZSTD Parquet file (12 numerical + 3 categorical columns,
// generated with hyparquet-writer + @bokuweb/zstd-wasm) is imported and profiled once; then a new
// 500,000-row batch (drift planted in 4 columns) is compared against the STORED PROFILE, without
// re-reading the 3M rows. Target: the comparison in < 5 s. Also compares the profile-mode numbers
// with exact mode (reference values re-read) to show how close they are.
//   node bench/profile-compare.mjs [--rows N] [--batch N] [--keep DIR] [--no-exact]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli as runCli, flag, load, opt, rng } from './lib.mjs';
import { compress, init } from '@bokuweb/zstd-wasm';
import { parquetWriteFile } from 'hyparquet-writer';

const ROWS = Number(opt('rows', '3000000'));
const BATCH = Number(opt('batch', '500000'));
const dir = opt('keep', null) ?? fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-bench-profile-'));
fs.mkdirSync(dir, { recursive: true });
const ws = path.join(dir, 'workspace');
const CITIES = ['Paris', 'Lyon', 'Nice', 'Lille', 'Nantes', 'Rennes'];

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
  columnData.push({
    name: 'plan',
    data: Array.from({ length: n }, () => (r() < 0.3 ? 'pro' : 'basic')),
    type: 'STRING',
  });
  columnData.push({
    name: 'segment',
    data: Array.from({ length: n }, () => `s${pick([5, 4, 3, 2, 1])}`),
    type: 'STRING',
  });
  parquetWriteFile({
    filename: file,
    columnData,
    codec: 'ZSTD',
    compressors: { ZSTD: (input) => compress(input, 3) },
    rowGroupSize: 100_000,
  });
}

const big = path.join(dir, 'train.parquet');
const batch = path.join(dir, 'batch.parquet');
let t = performance.now();
await generate(big, ROWS, false, 7);
await generate(batch, BATCH, true, 8);
console.log(
  `bench/profile-compare in ${dir}: generated ${(fs.statSync(big).size / 1e6).toFixed(1)} MB + ${(fs.statSync(batch).size / 1e6).toFixed(1)} MB of ZSTD Parquet in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);

const imp = runCli(ws, ['datasets', 'add', big, '--name', 'train']);
console.log(`import ${ROWS.toLocaleString('en-US')} rows: ${imp.seconds.toFixed(1)} s`);
const prof = runCli(ws, ['drift', 'profile', 'train']);
console.log(
  `profile: ${prof.seconds.toFixed(2)} s, ${(prof.json.bytes / 1e6).toFixed(2)} MB stored, grid ${prof.json.gridSize}`,
);

// A batch given as a file: imported, then compared with the profile.
const fromFile = runCli(ws, ['drift', '--reference', 'train', '--current', batch, '--mode', 'profile']);
console.log(`batch file → import + compare with the profile: ${fromFile.seconds.toFixed(2)} s`);
// The same batch, already imported: the comparison alone.
const compare = runCli(ws, [
  'drift',
  '--reference',
  'train',
  '--current',
  fromFile.json.current.name,
  '--mode',
  'profile',
]);
const r = compare.json;
console.log(
  `compare ${BATCH.toLocaleString('en-US')} rows with the stored profile: ${compare.seconds.toFixed(2)} s (in-process ${r.timings.totalSeconds.toFixed(2)} s; read ${r.timings.readSeconds.toFixed(2)} s, compute ${r.timings.computeSeconds.toFixed(2)} s)`,
);
console.log(
  `  ${r.dataset.drifted} of ${r.dataset.total} features drifted: ${r.features
    .filter((f) => f.drifted)
    .map((f) => f.name)
    .join(', ')}`,
);
console.log(`(${load()}; CPU ${compare.cpu === null ? 'n/a' : `${compare.cpu.toFixed(2)} s`} over all processes)`);
console.log(`profile compare seconds = ${compare.seconds.toFixed(2)}`);

if (!flag('no-exact')) {
  const exact = runCli(ws, ['drift', '--reference', 'train', '--current', fromFile.json.current.name]).json;
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
  console.log(
    `profile vs exact (reference re-read, ${exact.timings.totalSeconds.toFixed(2)} s): max |ΔKS D| = ${dKs.toExponential(2)}, max |ΔW normed| = ${dW.toExponential(2)}, max |ΔPSI| = ${dPsi.toExponential(2)}; verdicts agree on ${agree} of ${r.features.length}`,
  );
}
if (!opt('keep', null)) fs.rmSync(dir, { recursive: true, force: true });
