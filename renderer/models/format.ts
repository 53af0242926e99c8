import type { Dim, OpsetImport } from '../../shared/types/models';

/**
 * Dims are shown verbatim, the way the file declares them: a symbolic name as written (an empty name
 * as `""`, which exporters do emit and which is not the same as unknown), an unknown dim as `?`.
 */
export function formatDim(dim: Dim): { text: string; kind: 'value' | 'param' | 'empty-param' | 'unknown' } {
  if ('value' in dim) return { text: String(dim.value), kind: 'value' };
  if ('param' in dim) return dim.param === '' ? { text: '""', kind: 'empty-param' } : { text: dim.param, kind: 'param' };
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

/**
 * The name for a model added as part of a folder, when its file says nothing: exporters often call
 * the file `model.onnx`, and the folder the user chose (`resnet50/onnx/model.onnx` → `resnet50`) names
 * it better. Undefined otherwise: the core then names it after its file, as for any other add.
 */
export function folderModelName(relativePath: string): string | undefined {
  const parts = relativePath.split('/').filter(Boolean);
  if (parts.length < 2 || !/^model\.onnx$/i.test(parts.at(-1)!)) return undefined;
  const name = parts[0].replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '').slice(0, 128);
  return name || undefined;
}
