#!/usr/bin/env node
// bench/parts (issue #13): a folder of Parquet part files (as Spark writes them) imported one part after
// another in one process (PREFLIGHT_PARTS_IN_PROCESS=1) and in parallel child processes
// (PREFLIGHT_PARTS_IN_CHILDREN=1: forced, whatever the core count), side by side
// in one run, each into a fresh workspace with `preflight datasets add FOLDER`. The parallel import
// also stores the dataset's reference (drift) profile, merged from the parts'; the sequential line
// adds `preflight drift profile` so both end with the same things stored. Data: the seeded generator
// of bench/drift-parquet.mjs (DOUBLE and INT32 columns, nulls, a NaN now and then), 100k-row groups.
//   node bench/parts.mjs [--rows N] [--parts P] [--columns C] [--keep DIR]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer/src/node.js';
import { cli, load, opt, rng } from './lib.mjs';

const ROWS = Number(opt('rows', '1200000'));
const PARTS = Number(opt('parts', '4'));
const COLUMNS = Number(opt('columns', '12'));
const dir = opt('keep', null) ?? fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-bench-parts-'));
const folder = path.join(dir, 'events');
fs.mkdirSync(folder, { recursive: true });

/** Part k of the folder: rows [from, to) of the seeded columns (each part its own seed: as independent writers). */
function writePart(k, from, to) {
  const file = path.join(folder, `part-${String(k).padStart(5, '0')}-bench.snappy.parquet`);
  if (fs.existsSync(file)) return;
  const r = rng(100 + k);
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const columnData = [];
  for (let f = 0; f < COLUMNS; f++) {
    const integer = f >= COLUMNS - Math.floor(COLUMNS / 5);
    const data = new Array(to - from);
    for (let i = 0; i < data.length; i++) {
      if (r() < 0.002) data[i] = null;
      else {
        const x = f % 2 === 0 ? normal() : Math.exp(0.4 * normal());
        data[i] = integer ? Math.round(x * 10) : r() < 0.0005 ? NaN : x;
      }
    }
    columnData.push({
      name: `f${String(f).padStart(2, '0')}`,
      data,
      type: integer ? 'INT32' : 'DOUBLE',
      nullable: true,
    });
  }
  parquetWriteFile({ filename: file, columnData, rowGroupSize: 100_000 });
}

console.log(
  `bench/parts: ${ROWS.toLocaleString('en-US')} rows × ${COLUMNS} columns in ${PARTS} Parquet parts, in ${dir}`,
);
let t = performance.now();
for (let k = 0; k < PARTS; k++) writePart(k, Math.floor((k * ROWS) / PARTS), Math.floor(((k + 1) * ROWS) / PARTS));
const bytes = fs.readdirSync(folder).reduce((s, f) => s + fs.statSync(path.join(folder, f)).size, 0);
console.log(`generated in ${((performance.now() - t) / 1000).toFixed(1)} s (${(bytes / 1e6).toFixed(1)} MB)`);

function run(mode) {
  const ws = path.join(dir, `ws-${mode}`);
  fs.rmSync(ws, { recursive: true, force: true });
  // Forced either way (the CLI picks children only on 4 cores or more).
  if (mode === 'sequential') process.env.PREFLIGHT_PARTS_IN_PROCESS = '1';
  else process.env.PREFLIGHT_PARTS_IN_CHILDREN = '1';
  const imp = cli(ws, ['datasets', 'add', folder]);
  const prof = mode === 'sequential' ? cli(ws, ['drift', 'profile', 'events']) : null;
  delete process.env.PREFLIGHT_PARTS_IN_PROCESS;
  delete process.env.PREFLIGHT_PARTS_IN_CHILDREN;
  return { imp, prof, loadAfter: os.loadavg()[0] };
}

const seq = run('sequential');
const par = run('parallel');
const fmt = (x) => (x === null || x === undefined ? 'n/a' : x.toFixed(1));
const workers = Math.min(PARTS, os.availableParallelism(), 4);
console.log(
  `folder import seconds (${PARTS} parts, ${(ROWS / 1e6).toFixed(2)}M rows × ${COLUMNS}): sequential ${seq.imp.seconds.toFixed(2)} | parallel (${workers} children) ${par.imp.seconds.toFixed(2)}  (×${(seq.imp.seconds / par.imp.seconds).toFixed(2)})`,
);
console.log(
  `  with the reference profile stored: sequential + drift profile ${(seq.imp.seconds + seq.prof.seconds).toFixed(2)} | parallel (merged in the import) ${par.imp.seconds.toFixed(2)}`,
);
console.log(
  `  CPU seconds (all processes): sequential ${fmt(seq.imp.cpu)} + ${fmt(seq.prof.cpu)} | parallel ${fmt(par.imp.cpu)}; peak RSS (largest process) ${fmt(seq.imp.rssMb)} | ${fmt(par.imp.rssMb)} MB`,
);
console.log(
  `(${load()}; rows/s: sequential ${Math.round(ROWS / seq.imp.seconds).toLocaleString('en-US')}, parallel ${Math.round(ROWS / par.imp.seconds).toLocaleString('en-US')})`,
);
if (!opt('keep', null)) fs.rmSync(dir, { recursive: true, force: true });
