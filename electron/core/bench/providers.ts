import type { BenchProvider, EpName } from '../../../shared/types/bench';
import type { CoreContext } from '../context';
import { runInChild } from '../jobs/run-in-child';
import { candidateEps } from './session-options';
import { summarizeProviderError } from '../../../shared/bench/provider-summary';

/**
 * Probes each EP this OS can offer by creating a session with only that EP, each in its own child
 * (a provider that crashes natively takes down only its probe). The reason is onnxruntime's own words.
 */
export async function probeProviders(
  core: CoreContext,
  modelPath: string,
  signal?: AbortSignal,
): Promise<BenchProvider[]> {
  return Promise.all(
    candidateEps().map(async (name: EpName): Promise<BenchProvider> => {
      try {
        const r = await runInChild<{ available: boolean; reason: string | null }>(
          core.launcher,
          'bench/probe',
          { modelPath, ep: name },
          { signal },
        );
        return { name, ...r, summary: r.available ? null : summarizeProviderError(name, r.reason) };
      } catch (err) {
        if (signal?.aborted) throw err;
        const reason = (err as Error).message;
        return { name, available: false, reason, summary: summarizeProviderError(name, reason) };
      }
    }),
  );
}
