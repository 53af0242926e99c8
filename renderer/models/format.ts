import type { Dim, OpsetImport } from '../../shared/types/models';

/**
 * Dims are shown verbatim, the way the file declares them: a symbolic name as written (an empty name
 * as `""`, which exporters do emit and which is not the same as unknown), an unknown dim as `?`.
 */
export function formatDim(dim: Dim): { text: string; kind: 'value' | 'param' | 'empty-param' | 'unknown' } {
  if ('value' in dim) return { text: String(dim.value), kind: 'value' };
  if ('param' in dim)
    return dim.param === '' ? { text: '""', kind: 'empty-param' } : { text: dim.param, kind: 'param' };
  return { text: '?', kind: 'unknown' };
}

export const DIM_TITLES = {
  value: 'fixed size',
  param: 'symbolic dimension (any size, named in the file)',
  'empty-param': 'symbolic dimension with an empty name',
  unknown: 'unknown dimension (no size or name in the file)',
} as const;

export function opsetLabel(opset: OpsetImport): string {
  return `${opset.domain || 'ai.onnx'} v${opset.version}`;
}

/** `ref` for models/show and for links: NAME@VERSION. */
export function modelRef(name: string, version: number): string {
  return `${name}@${version}`;
}
