#!/usr/bin/env node
// Measures `preflight models add` on a generated ~100 MB model: wall time and peak RSS, for the CLI
// process alone and for the whole tree (the onnxruntime load check runs in a child process).
// Targets (issue #2): under 2 s, peak RSS of the Preflight process under 2x the file size.
// Needs: `npm run build`, /usr/bin/python3 with python3-onnx (apt-get install python3-onnx),
// /usr/bin/time (apt-get install time).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-bench-add-'));
const model = path.join(tmp, 'big.onnx');
const mb = Number(process.argv[2] ?? 100);
try {
  execFileSync('/usr/bin/python3', [path.join(root, 'bench', 'make-big-model.py'), model, String(mb)], {
    stdio: 'inherit',
  });
  const size = fs.statSync(model).size;
  const rows = [];
  for (const run of [1, 2, 3]) {
    const ws = path.join(tmp, `ws${run}`);
    const t0 = process.hrtime.bigint();
    const r = spawnSync(
      '/usr/bin/time',
      [
        '-v',
        process.execPath,
        path.join(root, 'bin', 'preflight.mjs'),
        'models',
        'add',
        model,
        '--workspace',
        ws,
        '--json',
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, PREFLIGHT_REPORT_RSS: '1' },
      },
    );
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) throw new Error(`models add failed: ${r.stderr}`);
    const treeKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]);
    const selfKb = Number(/peak rss of preflight process: (\d+) kB/.exec(r.stderr)?.[1]);
    rows.push({ seconds, treeKb, selfKb });
  }
  const best = rows.reduce((a, b) => (a.seconds < b.seconds ? a : b));
  console.log(`model size        = ${(size / 1e6).toFixed(1)} MB`);
  for (const [i, r] of rows.entries())
    console.log(
      `run ${i + 1}: ${r.seconds.toFixed(2)} s, peak RSS preflight process ${(r.selfKb / 1024).toFixed(0)} MB, largest process in the tree (onnxruntime load check) ${(r.treeKb / 1024).toFixed(0)} MB`,
    );
  console.log(`models add seconds = ${best.seconds.toFixed(2)} (target < 2)`);
  console.log(
    `peak RSS ratio     = ${((best.selfKb * 1024) / size).toFixed(2)}x file size for the Preflight process (target < 2)`,
  );
  console.log(
    `load-check ratio   = ${((best.treeKb * 1024) / size).toFixed(2)}x file size for the onnxruntime child (informational)`,
  );
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
