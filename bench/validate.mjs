#!/usr/bin/env node
// bench/validate: `preflight validate` of a 1,000,000-row × 20-feature batch (drift planted in 5
// features) against a bundle exported from a 1,000,000-row reference, next to `preflight drift
// --mode profile` on the same batch in the same run (both import the file: validation must not cost
// more than the drift it contains). Then a 3,000,000-row Parquet batch, for peak RSS.
//   node bench/validate.mjs [--rows N] [--big-rows N] [--keep DIR]
// Prints `validate seconds = T`, `validate / drift-profile ratio = R` (target ≤ 1.1) and the peak RSS
// of the 3M-row validation (target < 500 MB). Needs `npm run build`, /usr/bin/python3 with
// python3-onnx, /usr/bin/time.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { CLI, cli, load, opt, rng, ROOT } from './lib.mjs';

const ROWS = Number(opt('rows', '1000000'));
const BIG = Number(opt('big-rows', '3000000'));
const dir = opt('keep', null) ?? fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-bench-validate-'));
fs.mkdirSync(dir, { recursive: true });
const ws = path.join(dir, 'workspace');
const SHIFT = { 1: 0.3, 4: 0.5, 9: 1, 13: 0.2, 18: 0.8 };

function columns(rows, seed, drift) {
  const r = rng(seed);
  return Array.from({ length: 20 }, (_, f) => {
    const a = new Float64Array(rows);
    for (let i = 0; i < rows; i++)
      a[i] =
        Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()) * (1 + f / 10) + (drift ? (SHIFT[f] ?? 0) : 0);
    return a;
  });
}

function csv(name, rows, seed, drift) {
  const file = path.join(dir, name);
  if (fs.existsSync(file)) return file;
  const cols = columns(rows, seed, drift);
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, `${cols.map((_, f) => `f${f}`).join(',')}\n`);
  let buf = '';
  for (let i = 0; i < rows; i++) {
    buf += `${cols.map((c) => c[i].toFixed(5)).join(',')}\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
  return file;
}

const model = path.join(dir, 'model.onnx');
if (!fs.existsSync(model))
  execFileSync('/usr/bin/python3', [path.join(ROOT, 'bench', 'make-bundle-model.py'), model, '1'], {
    stdio: 'inherit',
  });
const reference = csv('reference.csv', ROWS, 1, false);
const batch = csv('batch.csv', ROWS, 2, true);
const parquet = path.join(dir, 'big.parquet');
if (!fs.existsSync(parquet)) {
  const cols = columns(BIG, 3, true);
  parquetWriteFile({
    filename: parquet,
    columnData: cols.map((data, f) => ({ name: `f${f}`, data, type: 'DOUBLE' })),
    rowGroupSize: 100_000,
  });
}
const bundle = path.join(dir, 'bundle.zip');
if (!fs.existsSync(bundle)) {
  cli(ws, ['models', 'add', model, '--name', 'clf']);
  cli(ws, ['datasets', 'add', reference, '--name', 'reference']);
  cli(ws, ['export', '--model', 'clf', '--reference', 'reference', '--out', bundle, '--automation-rate', '0.9']);
}

/** validate exits 1 when a rule is broken (the planted drift): that is a result here, not a failure. */
function validate(ops, args) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'validate', ...args, '--workspace', ops, '--json'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`validate failed (${r.status}): ${r.stderr}\n${r.stdout.slice(0, 2000)}`);
  return { seconds, json: JSON.parse(r.stdout) };
}

console.log(
  `bench/validate: batch ${ROWS} rows × 20 features against a bundle from a ${ROWS}-row reference; ${load()}`,
);
const rows = [];
for (const run of [1, 2, 3]) {
  const ops = path.join(dir, `ops-${run}`);
  fs.rmSync(ops, { recursive: true, force: true });
  const { json: v, seconds: vt } = validate(ops, ['--bundle', bundle, '--data', batch]);
  // Both import the batch file: drift would otherwise reuse its earlier import of the same file.
  if (cli(ws, ['datasets', 'list']).json.some((x) => x.name === 'batch')) cli(ws, ['datasets', 'remove', 'batch']);
  const d = cli(ws, ['drift', '--reference', 'reference', '--current', batch, '--mode', 'profile']);
  rows.push({ v: vt, d: d.seconds });
  console.log(
    `run ${run}: validate ${vt.toFixed(2)} s (${v.broken} rules broken; predictions ${v.predictions.how}), drift --mode profile ${d.seconds.toFixed(2)} s`,
  );
}
const best = rows.reduce((a, b) => (a.v < b.v ? a : b));
const bestDrift = Math.min(...rows.map((r) => r.d));
console.log(`validate seconds = ${best.v.toFixed(2)}`);
console.log(
  `validate / drift-profile ratio = ${(best.v / bestDrift).toFixed(2)} (target ≤ 1.1; drift --mode profile best ${bestDrift.toFixed(2)} s)`,
);

const big = spawnSync(
  '/usr/bin/time',
  [
    '-v',
    process.execPath,
    CLI,
    'validate',
    '--bundle',
    bundle,
    '--data',
    parquet,
    '--workspace',
    path.join(dir, 'ops-big'),
    '--json',
  ],
  { encoding: 'utf8', maxBuffer: 1 << 28 },
);
const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(big.stderr)?.[1]);
const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)/.exec(big.stderr)?.[1];
console.log(
  `3M-row Parquet: validate ${wall} wall, exit ${big.status}; peak RSS = ${(kb / 1024).toFixed(0)} MB (largest process; target < 500 MB)`,
);
if (!opt('keep', null)) fs.rmSync(dir, { recursive: true, force: true });
