#!/usr/bin/env node
// bench/drift: 1,000,000 reference and 1,000,000 current rows × 20 numerical features, drift planted in
// 6 of them, imported with `preflight datasets add` (timed apart), then `preflight drift` timed end to
// end (a fresh CLI process: workspace open, column reads from SQLite, sorts, every metric, report
// stored). When /usr/bin/python3 has scipy, the same per-feature ks_2samp + wasserstein_distance run
// on the same values (already in memory, loading not timed) for comparison.
//   node bench/drift.mjs [--rows N] [--keep DIR]
// Prints `drift seconds = T` (issue #13 target: ≤ 3 s on a quiet machine), `column read values/s` (Preflight's
// reader in one process, packed chunks and rows side by side, column-read.mjs: target ≥ 50M),
// the largest process's peak RSS, the load average, and `scipy ratio = T_preflight / T_scipy`.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, cli as runCli, load, opt, rng } from './lib.mjs';
import { columnReadBench } from './column-read.mjs';

const ROWS = Number(opt('rows', '1000000'));
const FEATURES = 20;
const DRIFTED = {
  2: 'shift +0.3 sd',
  5: 'scale ×1.5',
  8: 'shift +0.15 sd',
  11: 'mixture 10% at +3',
  14: 'shift +1 sd',
  17: 'scale ×0.7',
};
const dir = opt('keep', null) ?? fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-bench-drift-'));
fs.mkdirSync(dir, { recursive: true });
const ws = path.join(dir, 'workspace');

/** CSV for preflight and the same values as raw little-endian float64 (feature-major) for scipy. */
function generate(name, current, seed) {
  const csv = path.join(dir, `${name}.csv`);
  const bin = path.join(dir, `${name}.f64`);
  if (fs.existsSync(csv) && fs.existsSync(bin)) return;
  const r = rng(seed);
  const cols = Array.from({ length: FEATURES }, () => new Float64Array(ROWS));
  for (let i = 0; i < ROWS; i++) {
    for (let f = 0; f < FEATURES; f++) {
      const z = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
      let x = f % 3 === 0 ? z : f % 3 === 1 ? Math.exp(0.5 * z) : 10 + 3 * z;
      if (current && DRIFTED[f]) {
        const sd = f % 3 === 0 ? 1 : f % 3 === 1 ? 0.6 : 3;
        if (f === 2 || f === 8 || f === 14) x += (f === 2 ? 0.3 : f === 8 ? 0.15 : 1) * sd;
        if (f === 5) x *= 1.5;
        if (f === 17) x = 10 + (x - 10) * 0.7;
        if (f === 11 && r() < 0.1) x += 3;
      }
      // Six significant digits in the file; the binary copy holds exactly what the CSV says.
      cols[f][i] = Number(x.toPrecision(6));
    }
  }
  const fd = fs.openSync(csv, 'w');
  fs.writeSync(fd, Array.from({ length: FEATURES }, (_, f) => `f${String(f).padStart(2, '0')}`).join(',') + '\n');
  const CHUNK = 20_000;
  for (let i = 0; i < ROWS; i += CHUNK) {
    let s = '';
    for (let j = i; j < Math.min(ROWS, i + CHUNK); j++) {
      for (let f = 0; f < FEATURES; f++) s += (f ? ',' : '') + cols[f][j];
      s += '\n';
    }
    fs.writeSync(fd, s);
  }
  fs.closeSync(fd);
  const out = fs.openSync(bin, 'w');
  for (const c of cols) fs.writeSync(out, new Uint8Array(c.buffer));
  fs.closeSync(out);
}

console.log(`bench/drift: ${ROWS.toLocaleString('en-US')} × ${FEATURES} reference and current rows in ${dir}`);
let t = performance.now();
generate('reference', false, 1);
generate('current', true, 2);
console.log(`generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const have = (name) => {
  try {
    execFileSync(process.execPath, [CLI, 'datasets', 'show', name, '--workspace', ws, '--json'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
for (const name of ['reference', 'current']) {
  if (have(name)) continue;
  const imp = runCli(ws, ['datasets', 'add', path.join(dir, `${name}.csv`), '--name', name]);
  console.log(
    `import ${name}: ${imp.seconds.toFixed(1)} s (${Math.round(ROWS / imp.seconds).toLocaleString('en-US')} rows/s)`,
  );
}

const drift = runCli(ws, ['drift', '--reference', 'reference', '--current', 'current']);
const report = drift.json;
console.log(
  `preflight drift: ${report.dataset.drifted} of ${report.dataset.total} drifted; in-process ${report.timings.totalSeconds.toFixed(2)} s (read ${report.timings.readSeconds.toFixed(2)} s, compute ${report.timings.computeSeconds.toFixed(2)} s)`,
);
const planted = Object.keys(DRIFTED).map((f) => `f${String(f).padStart(2, '0')}`);
for (const f of report.features) {
  const mark = planted.includes(f.name) ? `planted: ${DRIFTED[Number(f.name.slice(1))]}` : '';
  console.log(
    `  ${f.name}  ${f.test.padEnd(11)} ${String(f.score?.toFixed(4)).padStart(8)}  ${f.drifted ? 'DRIFT' : 'ok   '}  ks D=${f.metrics.ksStatistic?.toFixed(4)}  ${mark}`,
  );
}
console.log(`(${load()}; CPU ${drift.cpu === null ? 'n/a' : `${drift.cpu.toFixed(2)} s`} over all processes)`);
console.log(`drift seconds = ${drift.seconds.toFixed(2)} (target ≤ 3 quiet)`);
console.log(
  `drift read (report) = ${report.timings.readSeconds.toFixed(2)} s for the numerical columns of both sides, all workers together`,
);
await columnReadBench(path.join(ws, 'workspace.sqlite'), ['reference', 'current']);
console.log(`peak RSS = ${drift.rssMb === null ? 'n/a' : `${drift.rssMb.toFixed(0)} MB`} (largest process)`);

const py = '/usr/bin/python3';
const hasScipy = fs.existsSync(py) && spawnSync(py, ['-c', 'import scipy, numpy'], { stdio: 'ignore' }).status === 0;
if (!hasScipy) {
  console.log('scipy ratio = n/a (no /usr/bin/python3 with scipy)');
} else {
  const script = `
import sys, time, json, numpy as np
from scipy.stats import ks_2samp, wasserstein_distance
n, k = ${ROWS}, ${FEATURES}
ref = np.fromfile(sys.argv[1], dtype='<f8').reshape(k, n)
cur = np.fromfile(sys.argv[2], dtype='<f8').reshape(k, n)
t = time.perf_counter()
out = []
for f in range(k):
    ks = ks_2samp(ref[f], cur[f])
    w = wasserstein_distance(ref[f], cur[f]) / max(np.std(ref[f]), 0.001)
    out.append([float(ks.statistic), float(ks.pvalue), float(w)])
print(json.dumps({"seconds": time.perf_counter() - t, "features": out}))
`;
  const res = spawnSync(py, ['-c', script, path.join(dir, 'reference.f64'), path.join(dir, 'current.f64')], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (res.status !== 0) throw new Error(`scipy run failed: ${res.stderr}`);
  const sp = JSON.parse(res.stdout);
  let worst = 0;
  report.features.forEach((f, i) => {
    const [d, , w] = sp.features[i];
    worst = Math.max(
      worst,
      Math.abs(f.metrics.ksStatistic - d) / Math.max(d, 1e-12),
      Math.abs(f.metrics.wassersteinNormed - w) / Math.max(w, 1e-12),
    );
  });
  console.log(
    `scipy (ks_2samp + wasserstein_distance, 20 features, data in memory): ${sp.seconds.toFixed(2)} s; max relative difference in D / W normed: ${worst.toExponential(2)}`,
  );
  console.log(`scipy ratio = ${(drift.seconds / sp.seconds).toFixed(2)}`);
}
if (!opt('keep', null)) fs.rmSync(dir, { recursive: true, force: true });
