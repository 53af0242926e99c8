// Native libraries loaded by model children write scratch files to the temporary folder (onnxruntime
// leaves an empty /tmp/mat-debug-<pid>.log per process: hundreds after an afternoon). Each child gets
// a temporary folder of Preflight's own (TMPDIR/TMP/TEMP), removed when the child exits; folders of
// parents that died without cleaning up are swept when the next launcher starts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isAlive } from './pid';

const PREFIX = 'preflight-child-';

export interface ChildTemp {
  dir: string;
  /** The environment a child runs with: the parent's, its temporary folder pointing here. */
  env: NodeJS.ProcessEnv;
  remove(): void;
}

/** A fresh folder for one child, named after this (parent) process: preflight-child-<pid>-XXXXXX. */
export function childTempDir(base = os.tmpdir()): ChildTemp {
  const dir = fs.mkdtempSync(path.join(base, `${PREFIX}${process.pid}-`));
  return {
    dir,
    env: { ...process.env, TMPDIR: dir, TMP: dir, TEMP: dir },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Removes child folders whose parent process is gone (a host killed with -9 could not remove them). */
export function sweepChildTempDirs(base = os.tmpdir()): void {
  let names: string[];
  try {
    names = fs.readdirSync(base);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^preflight-child-(\d+)-/.exec(name);
    if (!m || Number(m[1]) === process.pid || isAlive(Number(m[1]))) continue;
    fs.rmSync(path.join(base, name), { recursive: true, force: true });
  }
}
