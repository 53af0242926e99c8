import { summarizeProviderError } from '../../shared/bench/provider-summary';
import type { BenchProvider } from '../../shared/types/bench';

/** Why a provider cannot run: one line first, onnxruntime's verbatim message one click away. */
export function ProviderReason({ provider: p }: { provider: BenchProvider }) {
  const summary = p.summary ?? summarizeProviderError(p.name, p.reason);
  const cuda = (p.name === 'cuda' || p.name === 'tensorrt') && /Failed to load shared library/.test(p.reason ?? '');
  return (
    <span className="bench-provider-reason" data-testid={`bench-provider-reason-${p.name}`}>
      <span className="bench-provider-summary">{summary}</span>
      {cuda && <span> — the provider libraries are a separate download: see README, “GPU (CUDA) on Linux”.</span>}
      {p.reason && (
        <details className="bench-verbatim">
          <summary>onnxruntime’s message</summary>
          <pre>{p.reason}</pre>
        </details>
      )}
    </span>
  );
}

/** A point's error: the one-line summary, then onnxruntime's verbatim words one click away. */
export function PointError({ summary, error }: { summary: string; error: string }) {
  return (
    <>
      {summary}
      {summary !== error && (
        <details className="bench-verbatim">
          <summary>full message</summary>
          <pre>{error}</pre>
        </details>
      )}
    </>
  );
}
