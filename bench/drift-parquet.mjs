#!/usr/bin/env node
// bench/drift-parquet (issue #13): drift of a 1,480,000-row against a 502,000-row Parquet-imported dataset,
// 20 numerical columns (16 DOUBLE, 4 INT32; nulls, a NaN now and then; drift planted in 5). The files
// are made by a seeded generator with hyparquet-writer (100k-row groups, Snappy) — nothing big is
// committed. Both are imported with `preflight datasets add` (timed apart), then `preflight drift` is timed
// end to end in a fresh CLI process.
//   node bench/drift-parquet.mjs [--reference-rows N] [--current-rows N] [--keep DIR]
// Prints `drift seconds (1.48M vs 502k Parquet) = T` (target ≤ 4 s), the report's read and compute
// seconds, `column read values/s`, the largest process's peak RSS and the load average.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer/src/node.js';
import { cli, load, opt, rng } from './lib.mjs';
import { columnReadBench } from './column-read.mjs';

const REF_ROWS = Number(opt('reference-rows', '1480000'));
const CUR_ROWS = Number(opt('current-rows', '502000'));
const FEATURES = 20;
const DRIFTED = { 3: 'shift +0.2 sd', 7: 'scale ×1.3', 11: 'shift +0.5 sd', 15: 'mixture 5% at +4', 18: 'integers +1' };
const dir = opt('keep', null) ?? fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-bench-drift-parquet-'));
fs.mkdirSync(dir, { recursive: true });
const ws = path.join(dir, 'workspace');

function generate(name, rows, current, seed) {
  const file = path.join(dir, `${name}.parquet`);
  if (fs.existsSync(file)) return file;
  const r = rng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const columnData = [];
  for (let f = 0; f < FEATURES; f++) {
    const integer = f >= 16;
    const data = new Array(rows);
    for (let i = 0; i < rows; i++) {
      if (r() < 0.002) {
        data[i] = null;
        continue;
      }
      let x = f % 2 === 0 ? normal() : Math.exp(0.4 * normal());
      if (current && f === 3) x += 0.2;
      if (current && f === 7) x *= 1.3;
      if (current && f === 11) x += 0.5;
      if (current && f === 15 && r() < 0.05) x += 4;
      if (integer) data[i] = Math.round(x * 10) + (current && f === 18 ? 1 : 0);
      else data[i] = !integer && r() < 0.0005 ? NaN : x;
    }
    columnData.push({
      name: `f${String(f).padStart(2, '0')}`,
      data,
      type: integer ? 'INT32' : 'DOUBLE',
      nullable: true,
    });
  }
  parquetWriteFile({ filename: file, columnData, rowGroupSize: 100_000 });
  return file;
}

console.log(
  `bench/drift-parquet: ${REF_ROWS.toLocaleString('en-US')} reference vs ${CUR_ROWS.toLocaleString('en-US')} current rows × ${FEATURES} in ${dir}`,
);
let t = performance.now();
const files = { reference: generate('reference', REF_ROWS, false, 7), current: generate('current', CUR_ROWS, true, 8) };
console.log(`generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
for (const name of ['reference', 'current']) {
  if (fs.existsSync(ws)) {
    try {
      cli(ws, ['datasets', 'show', name]);
      continue;
    } catch {
      // not imported yet
    }
  }
  const rows = name === 'reference' ? REF_ROWS : CUR_ROWS;
  const imp = cli(ws, ['datasets', 'add', files[name], '--name', name]);
  console.log(
    `import ${name}: ${imp.seconds.toFixed(1)} s (${Math.round(rows / imp.seconds).toLocaleString('en-US')} rows/s, CPU ${imp.cpu?.toFixed(1)} s, peak RSS ${imp.rssMb?.toFixed(0)} MB)`,
  );
}
const drift = cli(ws, ['drift', '--reference', 'reference', '--current', 'current']);
const report = drift.json;
const planted = Object.keys(DRIFTED).map((f) => `f${String(f).padStart(2, '0')}`);
const found = report.features.filter((f) => f.drifted).map((f) => f.name);
console.log(
  `preflight drift: ${report.dataset.drifted} of ${report.dataset.total} drifted (${found.join(', ')}; planted ${planted.join(', ')}); in-process ${report.timings.totalSeconds.toFixed(2)} s (read ${report.timings.readSeconds.toFixed(2)} s, compute ${report.timings.computeSeconds.toFixed(2)} s)`,
);
console.log(`(${load()}; CPU ${drift.cpu === null ? 'n/a' : `${drift.cpu.toFixed(2)} s`} over all processes)`);
console.log(`drift seconds (1.48M vs 502k Parquet) = ${drift.seconds.toFixed(2)} (target ≤ 4)`);
console.log(
  `drift read (report) = ${report.timings.readSeconds.toFixed(2)} s for the numerical columns of both sides, all workers together`,
);
await columnReadBench(path.join(ws, 'workspace.sqlite'), ['reference', 'current']);
console.log(`peak RSS = ${drift.rssMb === null ? 'n/a' : `${drift.rssMb.toFixed(0)} MB`} (largest process)`);
if (!opt('keep', null)) fs.rmSync(dir, { recursive: true, force: true });
