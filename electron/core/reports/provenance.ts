// Header facts every report states: the Preflight and onnxruntime versions, the machine, the time.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { formatDateTime } from '../../../shared/format/dates';
import type { CoreContext } from '../context';
import { esc } from './html';

let ortVersionCache: string | null = null;

/** The installed onnxruntime-node's version, read from its package.json (the core does not load onnxruntime). */
export function installedOrtVersion(): string {
  if (ortVersionCache) return ortVersionCache;
  try {
    let dir = path.dirname(createRequire(import.meta.url).resolve('onnxruntime-node'));
    for (let i = 0; i < 5; i++, dir = path.dirname(dir)) {
      const file = path.join(dir, 'package.json');
      if (!fs.existsSync(file)) continue;
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'onnxruntime-node' && pkg.version) return (ortVersionCache = pkg.version);
    }
  } catch {
    // fall through: a report is still worth writing without it
  }
  return (ortVersionCache = 'unknown');
}

export function thisMachine(): string {
  const cpus = os.cpus();
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length;
  return `${os.hostname()} — ${os.type()} ${os.release()} ${process.arch}, ${cpus[0]?.model?.trim() ?? 'unknown CPU'} × ${cores}, ${gib(os.totalmem())} memory`;
}

export const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;

/** The trailing facts of every header, already escaped. */
export function producedFacts(core: CoreContext, ortVersion: string | null): [string, string][] {
  return [
    ['Preflight', esc(core.appVersion)],
    ['onnxruntime', esc(ortVersion ?? installedOrtVersion())],
    ['Produced on', esc(thisMachine())],
    ['Produced at', esc(isoLocal(new Date()))],
  ];
}

/** ISO 8601 with the local UTC offset: 2026-12-03T23:04:05+01:00 (shared/format, as the app and the CLI write it). */
export const isoLocal = (d: Date) => formatDateTime(d);
