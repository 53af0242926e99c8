import { execFile } from 'node:child_process';
import os from 'node:os';
import type { BenchEnvironment } from '../../../../shared/types/bench';

/** What a result needs to be read later: the machine, the runtimes and the GPU when one is in play. */
export async function collectEnvironment(): Promise<BenchEnvironment> {
  const ort = await import('onnxruntime-node');
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()}`,
    platform: process.platform,
    arch: process.arch,
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    memoryBytes: os.totalmem(),
    nodeVersion: process.versions.node,
    ortVersion: ort.env.versions?.node ?? 'unknown',
    gpuAdapter: await gpuName(),
  };
}

/** onnxruntime-node does not report the adapter it picked; nvidia-smi names NVIDIA GPUs when present. */
function gpuName(): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      'nvidia-smi',
      ['--query-gpu=name,driver_version', '--format=csv,noheader'],
      { timeout: 3000 },
      (err, stdout) => {
        if (err) return resolve(null);
        const first = stdout.trim().split('\n')[0]?.trim();
        resolve(first ? `${first.replace(/,\s*/, ' (driver ')})` : null);
      },
    );
  });
}
