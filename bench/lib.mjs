// Helpers shared by the bench scripts: paths, flags, a seeded generator, and running the real CLI
// with wall and CPU time.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = path.join(ROOT, 'bin', 'preflight.mjs');

const args = process.argv.slice(2);
/** `--flag` given on the command line? */
export const flag = (name) => args.includes(`--${name}`);
/** `--name VALUE` from the command line, else the default. */
export const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);

/** mulberry32, the same generator as shared/math/latency/rng.ts: seeded data is the same every run. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// CPU seconds of the command and its children (GNU time), when available: on a shared, loaded
// machine wall time says little, CPU time says what the work costs.
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Runs `preflight ARGV --workspace WS --json`; returns wall seconds, CPU seconds, the largest process's peak RSS (MB) and the JSON result. */
export function cli(ws, argv) {
  const t = performance.now();
  const cmd = [CLI, ...argv, '--workspace', ws, '--json'];
  const res = TIME
    ? spawnSync(TIME, ['-f', 'PFCPU %U %S %M', process.execPath, ...cmd], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, cmd, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - t) / 1000;
  if (res.status !== 0)
    throw new Error(`preflight ${argv.join(' ')} failed (${res.status}):\n${res.stderr}\n${res.stdout.slice(0, 2000)}`);
  const m = /PFCPU ([\d.]+) ([\d.]+) (\d+)/.exec(res.stderr ?? '');
  return {
    seconds,
    cpu: m ? Number(m[1]) + Number(m[2]) : null,
    rssMb: m ? Number(m[3]) / 1024 : null,
    json: JSON.parse(res.stdout),
  };
}

export const load = () => `load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`;
