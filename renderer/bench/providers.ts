// Execution providers as probed for one model (bench/providers): the same words in every form.
import { summarizeProviderError } from '../../shared/bench/provider-summary';
import type { BenchProvider } from '../../shared/types/bench';

/** Why a provider is unavailable in one line, with the next step where Preflight knows one (ProviderReason.tsx adds the verbatim message). */
export function providerReason(p: BenchProvider): string {
  const hint =
    (p.name === 'cuda' || p.name === 'tensorrt') && /Failed to load shared library/.test(p.reason ?? '')
      ? ' — the provider libraries are a separate download: see README, “GPU (CUDA) on Linux”.'
      : '';
  return `${p.summary ?? summarizeProviderError(p.name, p.reason)}${hint}`;
}

/** One line for a <select> option: long native messages are cut (the full reason is shown beside the field). */
export function providerOption(p: BenchProvider): string {
  if (p.available) return p.name;
  const summary = (p.summary ?? summarizeProviderError(p.name, p.reason)).replace(/^[^:]+: /, '');
  return `${p.name} — unavailable: ${summary.length > 70 ? `${summary.slice(0, 69)}…` : summary}`;
}
