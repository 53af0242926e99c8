import type { BenchSettings, EpName } from '../../../shared/types/bench';

export type SessionSettings = Pick<
  BenchSettings,
  'intraOpThreads' | 'interOpThreads' | 'allowSpinning' | 'graphOptimizationLevel'
>;

/**
 * onnxruntime-node session options for one EP and the run's settings. Exactly one EP is listed:
 * onnxruntime-node never falls back, so a result always names the EP that actually ran.
 */
export function sessionOptionsFor(ep: EpName, s: SessionSettings): Record<string, unknown> {
  const options: Record<string, unknown> = {
    executionProviders: [ep],
    graphOptimizationLevel: s.graphOptimizationLevel,
  };
  if (s.intraOpThreads !== null) options.intraOpNumThreads = s.intraOpThreads;
  if (s.interOpThreads !== null) options.interOpNumThreads = s.interOpThreads;
  // Config key session.intra_op.allow_spinning; the Node binding flattens `extra` into dotted keys.
  if (s.allowSpinning !== null)
    options.extra = { session: { intra_op: { allow_spinning: s.allowSpinning ? '1' : '0' } } };
  return options;
}

/** EPs onnxruntime-node 1.30 can offer on this OS (MEASUREMENT.md). */
export function candidateEps(platform: string = process.platform): EpName[] {
  const eps: EpName[] = ['cpu', 'webgpu'];
  if (platform === 'win32') eps.push('dml');
  if (platform === 'darwin') eps.push('coreml');
  if (platform === 'linux') eps.push('cuda', 'tensorrt');
  return eps;
}
