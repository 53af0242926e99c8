// onnxruntime's errors are precise but written for its developers ("/onnxruntime_src/…/webgpu_context.cc:136
// onnxruntime::webgpu::WebGpuContext::Initialize(…)::<lambda()> adapter_result.status == … was false.
// Failed to get a WebGPU adapter: No supported adapters"). These one-line summaries are what a user
// reads first; the verbatim message stays stored and is one click (or --verbose) away.

const EP_LABELS: Record<string, string> = {
  cpu: 'CPU',
  webgpu: 'WebGPU',
  cuda: 'CUDA',
  tensorrt: 'TensorRT',
  dml: 'DirectML',
  coreml: 'CoreML',
};

export const epLabel = (ep: string): string => EP_LABELS[ep] ?? ep;

/** onnxruntime's message without source paths, C++ signatures and failed-assertion text; one line. */
export function plainOrtMessage(message: string): string {
  let m = message.replace(/\s+/g, ' ').trim();
  // "<context> /onnxruntime_src/…/file.cc:136 <signature> <condition> was false. <what happened>": keep both ends.
  m = m.replace(/\/\S*onnxruntime_src\/\S+:[0-9]+ .*? was false\. /g, '');
  m = m.replace(/\/\S*onnxruntime_src\/\S+:[0-9]+ \S+ /g, '').replace(/\/\S+\.(cc|cpp|h):[0-9]+ ?/g, '');
  return m.length > 220 ? `${m.slice(0, 219)}…` : m;
}

/** "WebGPU: no GPU adapter found" — why a provider cannot run, in one line. */
export function summarizeProviderError(ep: string, reason: string | null): string {
  const label = epLabel(ep);
  const r = reason ?? '';
  if (/Failed to get a WebGPU adapter|No supported adapters|RequestAdapter/i.test(r))
    return `${label}: no GPU adapter found`;
  if (/Failed to load shared library|libonnxruntime_providers_(cuda|tensorrt)|cannot open shared object/i.test(r)) {
    return `${label}: the ${label} provider libraries (onnxruntime's provider .so with CUDA 12 and cuDNN 9${ep === 'tensorrt' ? ' and TensorRT' : ''}) are not installed`;
  }
  if (/backend not found|does not offer/i.test(r))
    return `${label}: not available in onnxruntime-node on this operating system`;
  if (/CUDA failure|no CUDA-capable device|cudaGetDeviceCount/i.test(r)) return `${label}: no usable CUDA device`;
  const plain = plainOrtMessage(r);
  return plain ? `${label}: ${plain}` : `${label}: unavailable`;
}

/** The "check: …" notes Preflight appends to an inference error (what to set), one per entry. */
export function errorNotes(error: string): string[] {
  const at = error.indexOf(' — check: ');
  return at < 0 ? [] : error.slice(at + ' — check: '.length).split('; ');
}

/** A point's error in one line: the provider summary, or onnxruntime's message without source paths, node boilerplate or the fed-inputs list. */
export function summarizePointError(ep: string, error: string): string {
  if (/ is unavailable: /.test(error)) return summarizeProviderError(ep, error.replace(/^.*? is unavailable: /, ''));
  const at = error.indexOf(' — check: ');
  const head = (at < 0 ? error : error.slice(0, at))
    .replace(/ with inputs \{[^}]*\}:/, ':')
    .replace(/Non-zero status code returned while running (\w+) node\. Name:'[^']*' Status Message: /g, '$1 node: ');
  return plainOrtMessage(head);
}
