// Execution providers as probed for one model (bench/providers): the same words in every form.
import type { BenchProvider } from '../../shared/types/bench';

/** onnxruntime's reason a provider is unavailable, with the next step where Preflight knows one. */
export function providerReason(p: BenchProvider): string {
  const hint = (p.name === 'cuda' || p.name === 'tensorrt') && /Failed to load shared library/.test(p.reason ?? '') ? ' — the provider libraries are a separate download: see README, “GPU (CUDA) on Linux”.' : '';
  return `${p.reason ?? 'unavailable'}${hint}`;
}

/** One line for a <select> option: long native messages are cut (the full reason is shown beside the field). */
export function providerOption(p: BenchProvider): string {
  if (p.available) return p.name;
  const first = (p.reason ?? '').split('\n')[0].trim();
  return `${p.name} — unavailable${first ? `: ${first.length > 70 ? `${first.slice(0, 69)}…` : first}` : ''}`;
}
