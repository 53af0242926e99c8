#!/usr/bin/env node
// bench/bundle: export and verify a bundle of a ~100 MB model with a 1,000,000-row reference dataset
// (20 numerical features), each command a fresh CLI process as ops would run it.
//   node bench/bundle.mjs [--rows N] [--mb M] [--keep DIR]
// Prints `export seconds`, `verify seconds` and `verify ratio = R`, R = verify seconds / seconds to
// SHA-256 the same bundle bytes in this run (target ≤ 1.5). Needs `npm run build` and /usr/bin/python3
// with python3-onnx (apt-get install python3-onnx).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, load, opt, rng, ROOT } from './lib.mjs';

const ROWS = Number(opt('rows', '1000000'));
const MB = Number(opt('mb', '100'));
const dir = opt('keep', null) ?? fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-bench-bundle-'));
fs.mkdirSync(dir, { recursive: true });
const ws = path.join(dir, 'workspace');
const model = path.join(dir, 'big.onnx');
const csv = path.join(dir, 'reference.csv');

if (!fs.existsSync(model))
  execFileSync('/usr/bin/python3', [path.join(ROOT, 'bench', 'make-bundle-model.py'), model, String(MB)], {
    stdio: 'inherit',
  });
if (!fs.existsSync(csv)) {
  const r = rng(42);
  const out = fs.openSync(csv, 'w');
  fs.writeSync(out, `${Array.from({ length: 20 }, (_, f) => `f${f}`).join(',')}\n`);
  let buf = '';
  for (let i = 0; i < ROWS; i++) {
    const row = [];
    for (let f = 0; f < 20; f++)
      row.push((Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()) * (1 + f / 10)).toFixed(5));
    buf += `${row.join(',')}\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(out, buf);
      buf = '';
    }
  }
  fs.writeSync(out, buf);
  fs.closeSync(out);
}

console.log(
  `bench/bundle: ${(fs.statSync(model).size / 1e6).toFixed(1)} MB model, ${ROWS} reference rows × 20 features; ${load()}`,
);
if (!fs.existsSync(path.join(ws, 'workspace.sqlite'))) {
  cli(ws, ['models', 'add', model, '--name', 'big']);
  cli(ws, ['datasets', 'add', csv, '--name', 'reference']);
  cli(ws, ['keys', 'generate', '--out', path.join(dir, 'keys')]);
}
const key = path.join(dir, 'keys', 'preflight-signing.key.pem');
const pub = path.join(dir, 'keys', 'preflight-signing.pub.pem');

const exports = [];
for (const run of [1, 2]) {
  const zip = path.join(dir, `bundle-${run}.zip`);
  fs.rmSync(zip, { force: true });
  const r = cli(ws, [
    'export',
    '--model',
    'big',
    '--reference',
    'reference',
    '--out',
    zip,
    '--sign',
    key,
    '--automation-rate',
    '0.9',
  ]);
  exports.push(r.seconds);
  console.log(
    `export ${run}: ${r.seconds.toFixed(2)} s${run === 1 ? ' (builds the reference profile first)' : ' (profile already stored)'}, ${r.json.bytes} bytes`,
  );
}
const zip = path.join(dir, 'bundle-2.zip');
const rows = [];
for (const run of [1, 2, 3]) {
  const t = performance.now();
  const h = createHash('sha256');
  for await (const chunk of fs.createReadStream(zip, { highWaterMark: 1 << 20 })) h.update(chunk);
  h.digest('hex');
  const sha = (performance.now() - t) / 1000;
  const v = cli(path.join(dir, 'ops-workspace'), ['verify', zip, '--key', pub]);
  if (!v.json.ok) throw new Error(`verification failed: ${JSON.stringify(v.json.checks.filter((c) => !c.ok))}`);
  const replay = cli(path.join(dir, 'ops-workspace'), ['verify', zip, '--key', pub, '--replay']);
  rows.push({ sha, verify: v.seconds, replay: replay.seconds, inside: v.json.seconds });
  console.log(
    `run ${run}: sha256 of the bundle ${sha.toFixed(2)} s; verify ${v.seconds.toFixed(2)} s (${v.json.seconds.toFixed(2)} s inside the command); verify --replay ${replay.seconds.toFixed(2)} s`,
  );
}
// The floor verify cannot go under: onnxruntime itself loading the bundle's model in a fresh process (the
// load check the issue asks for), measured on the same extracted file in this run.
const extracted = path.join(dir, 'floor');
execFileSync('unzip', ['-o', '-q', zip, 'model/model.onnx', '-d', extracted]);
const floorScript = `const t=performance.now();const ort=require(${JSON.stringify(path.join(ROOT, 'node_modules', 'onnxruntime-node'))});ort.InferenceSession.create(${JSON.stringify(path.join(extracted, 'model', 'model.onnx'))},{executionProviders:['cpu']}).then(()=>console.log((performance.now()-t)/1000))`;
const floors = [1, 2, 3].map(() => {
  const t = performance.now();
  const inside = Number(execFileSync(process.execPath, ['-e', floorScript], { encoding: 'utf8' }));
  return { wall: (performance.now() - t) / 1000, inside };
});
fs.rmSync(extracted, { recursive: true, force: true });
const floor = floors.reduce((a, b) => (a.wall < b.wall ? a : b));
const best = rows.reduce((a, b) => (a.verify < b.verify ? a : b));
console.log(
  `export seconds = ${Math.min(...exports).toFixed(2)} (first export, with the profile build: ${exports[0].toFixed(2)})`,
);
console.log(`verify seconds = ${best.verify.toFixed(2)} (with --replay: ${best.replay.toFixed(2)})`);
console.log(
  `verify ratio = ${(best.verify / best.sha).toFixed(2)} (target ≤ 1.5; sha256 of the same ${(fs.statSync(zip).size / 1e6).toFixed(1)} MB: ${best.sha.toFixed(2)} s)`,
);
console.log(
  `onnxruntime load alone = ${floor.wall.toFixed(2)} s in a fresh process (${floor.inside.toFixed(2)} s creating the session): ` +
    `load ratio = ${(floor.wall / best.sha).toFixed(2)}, the least any verify that loads the model can reach here`,
);
if (!opt('keep', null)) fs.rmSync(dir, { recursive: true, force: true });
