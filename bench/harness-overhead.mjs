#!/usr/bin/env node
// How much does Preflight's benchmark harness add to what it measures? Runs tiny_mlp at batch 1 on CPU
// through `preflight bench` and through a bare loop of onnxruntime-node calls with the same session
// options, warm-up and iteration count, alternating the two (P, B, P, B, …) so machine drift hits both,
// then prints `overhead ratio = p50_preflight / p50_bare` (target ≤ 1.10; issue #3).
// Usage: node bench/harness-overhead.mjs [--iterations N] [--rounds R] [--threads N] [--spinning on|off]
// Measured (2-core AMD EPYC VM): ratio 1.02–1.06 with defaults, 1.01 with --threads 1 --spinning off;
// tiny_mlp's p50 is ~6.5 µs, so the ratio resolves ~0.3 µs of harness cost per call (a worker thread).
// Needs `npm run build`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const ort = require('onnxruntime-node');
const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '200' },
    threads: { type: 'string' },
    spinning: { type: 'string' },
  },
});
const iterations = Number(values.iterations);
const warmup = Number(values.warmup);
const model = path.join(root, 'test', 'fixtures', 'models', 'tiny_mlp.onnx');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-overhead-'));

// The same session options Preflight builds (electron/core/bench/session-options.ts).
const sessionOptions = { executionProviders: ['cpu'], graphOptimizationLevel: 'all' };
if (values.threads) sessionOptions.intraOpNumThreads = Number(values.threads);
if (values.spinning)
  sessionOptions.extra = { session: { intra_op: { allow_spinning: values.spinning === 'off' ? '0' : '1' } } };

function p50(ms) {
  const s = Float64Array.from(ms).sort();
  return s[Math.floor(s.length * 0.5)]; // nearest rank, as Preflight
}

async function bare() {
  const session = await ort.InferenceSession.create(model, sessionOptions);
  const x = new ort.Tensor(
    'float32',
    Float32Array.from({ length: 4 }, (_, i) => (i - 1.5) / 2),
    [1, 4],
  );
  const feeds = { [session.inputNames[0]]: x };
  for (let i = 0; i < warmup; i++) await session.run(feeds);
  const lat = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await session.run(feeds);
    lat[i] = performance.now() - t0;
  }
  await session.release();
  return p50(lat);
}

function preflight() {
  const args = [
    path.join(root, 'bin', 'preflight.mjs'),
    'bench',
    model,
    '--ep',
    'cpu',
    '--batch',
    '1',
    '--warmup',
    String(warmup),
    '--iterations',
    String(iterations),
    '--workspace',
    path.join(tmp, 'ws'),
    '--json',
  ];
  if (values.threads) args.push('--threads', values.threads);
  if (values.spinning) args.push('--spinning', values.spinning);
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`preflight bench failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout).results[0].latencyMs.p50;
}

try {
  const rows = [];
  for (let round = 1; round <= Number(values.rounds); round++) {
    const p = preflight();
    const b = await bare();
    rows.push({ p, b });
    console.log(
      `round ${round}: p50 preflight ${p.toFixed(4)} ms   p50 bare ${b.toFixed(4)} ms   ratio ${(p / b).toFixed(3)}`,
    );
  }
  const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const pm = median(rows.map((r) => r.p));
  const bm = median(rows.map((r) => r.b));
  console.log(
    `settings: tiny_mlp batch 1, cpu, warm-up ${warmup}, ${iterations} iterations, threads ${values.threads ?? 'default'}, spinning ${values.spinning ?? 'default'}; ${os.cpus()[0]?.model} × ${os.cpus().length}`,
  );
  console.log(`median p50: preflight ${pm.toFixed(4)} ms, bare ${bm.toFixed(4)} ms`);
  console.log(`overhead ratio = p50_preflight / p50_bare = ${(pm / bm).toFixed(3)} (target ≤ 1.10)`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
