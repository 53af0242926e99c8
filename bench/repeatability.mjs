#!/usr/bin/env node
// Are Preflight's numbers repeatable? Three separate `preflight bench` runs of small_cnn at batch 1 on
// CPU; prints each p50 and the spread (max − min) / min. Target: within 5% (issue #3).
// Usage: node bench/repeatability.mjs [--runs 3] [--iterations N] [--threads N] [--spinning on|off] [--compare]
//   --compare also runs the onnxruntime defaults, to show what the settings change.
// What helped (2-core AMD EPYC VM, Node 20, onnxruntime-node 1.30, other work running beside it):
// onnxruntime's defaults (an intra-op pool of one thread per core, spinning on) gave a p50 spread of
// 7–8% over three runs; one intra-op thread with spinning off gave 2.6% — the spinning pool competes
// with everything else on a small machine. Hence the defaults of this script: --threads 1 --spinning off.
// Needs `npm run build`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    iterations: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '100' },
    threads: { type: 'string', default: '1' },
    spinning: { type: 'string', default: 'off' },
    compare: { type: 'boolean', default: false },
  },
});
const model = path.join(root, 'test', 'fixtures', 'models', 'small_cnn.onnx');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-repeat-'));

function series(label, extra) {
  const p50s = [];
  for (let i = 0; i < Number(values.runs); i++) {
    const args = [
      path.join(root, 'bin', 'preflight.mjs'),
      'bench',
      model,
      '--ep',
      'cpu',
      '--batch',
      '1',
      '--warmup',
      values.warmup,
      '--iterations',
      values.iterations,
      '--workspace',
      path.join(tmp, 'ws'),
      '--json',
      ...extra,
    ];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`preflight bench failed (${r.status}): ${r.stderr}`);
    const point = JSON.parse(r.stdout).results[0];
    p50s.push(point.latencyMs.p50);
    console.log(
      `${label} run ${i + 1}: p50 ${point.latencyMs.p50.toFixed(4)} ms  p99 ${point.latencyMs.p99.toFixed(4)} ms  (${point.iterations} iterations${point.warnings.some((w) => w.startsWith('unstable')) ? ', flagged unstable' : ''})`,
    );
  }
  const spread = (Math.max(...p50s) - Math.min(...p50s)) / Math.min(...p50s);
  console.log(`${label}: p50 spread = ${(spread * 100).toFixed(2)}% (target ≤ 5%)`);
  return spread;
}

try {
  console.log(
    `small_cnn batch 1, cpu, warm-up ${values.warmup}, ${values.iterations} iterations; ${os.cpus()[0]?.model} × ${os.cpus().length}`,
  );
  if (values.compare) series('onnxruntime defaults', []);
  series(`intra-op threads ${values.threads}, spinning ${values.spinning}`, [
    '--threads',
    values.threads,
    '--spinning',
    values.spinning,
  ]);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
