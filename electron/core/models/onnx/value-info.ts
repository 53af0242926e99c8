// ValueInfoProto and TypeProto: a graph input's or output's name and full type, rendered the way
// ONNX and onnxruntime write types: "tensor(float)[N,3]", "seq(map(int64,tensor(float)))".

import type { Dim, TensorInfo } from '../../../../shared/types/models';
import type { ByteSource } from './byte-source';
import { invalidModel } from './errors';
import {
  Dimension,
  ElemType,
  MapType,
  OpaqueType,
  Shape,
  TensorType,
  TypeProto,
  ValueInfo,
  dataTypeName,
} from './schema';
import { readString } from './strings';
import { messageField, readFields, varintField, type Range } from './wire';

/** Type nesting deeper than this (seq(seq(seq(…)))) is treated as corruption. */
const MAX_TYPE_DEPTH = 32;

type TypeDesc = Pick<TensorInfo, 'kind' | 'elemType' | 'shape'> & { text: string };

const UNKNOWN: TypeDesc = { kind: 'unknown', elemType: null, shape: null, text: 'unknown' };

export async function readValueInfo(src: ByteSource, range: Range): Promise<TensorInfo> {
  const M = 'ValueInfoProto';
  let name = '';
  let docString = '';
  let t = UNKNOWN;
  await readFields(src, range, M, async (f) => {
    if (f.no === ValueInfo.name) name = await readString(src, f, M, 'name');
    else if (f.no === ValueInfo.docString) docString = await readString(src, f, M, 'doc_string');
    else if (f.no === ValueInfo.type) t = await readType(src, messageField(f, M, 'type'), 0);
  });
  const type = t.shape ? `${t.text}[${t.shape.map(dimText).join(',')}]` : t.text;
  return { name, kind: t.kind, elemType: t.elemType, shape: t.shape, type, docString };
}

/** A TypeProto. Nested types (inside seq/map/optional) are rendered without their shapes. */
async function readType(src: ByteSource, range: Range, depth: number): Promise<TypeDesc> {
  if (depth > MAX_TYPE_DEPTH) {
    throw invalidModel(`types nested deeper than ${MAX_TYPE_DEPTH} levels`);
  }
  const M = 'TypeProto';
  let desc = UNKNOWN;
  // TypeProto's value is a oneof: as protobuf does, let the last one on the wire win.
  await readFields(src, range, M, async (f) => {
    if (f.no === TypeProto.tensorType) {
      desc = await readTensorType(src, messageField(f, M, 'tensor_type'), 'tensor');
    } else if (f.no === TypeProto.sparseTensorType) {
      desc = await readTensorType(src, messageField(f, M, 'sparse_tensor_type'), 'sparse_tensor');
    } else if (f.no === TypeProto.sequenceType) {
      const inner = await readElemType(src, messageField(f, M, 'sequence_type'), depth);
      desc = { ...UNKNOWN, kind: 'sequence', text: `seq(${inner.text})` };
    } else if (f.no === TypeProto.optionalType) {
      const inner = await readElemType(src, messageField(f, M, 'optional_type'), depth);
      desc = { ...UNKNOWN, kind: 'optional', text: `optional(${inner.text})` };
    } else if (f.no === TypeProto.mapType) {
      desc = await readMapType(src, messageField(f, M, 'map_type'), depth);
    } else if (f.no === TypeProto.opaqueType) {
      desc = await readOpaqueType(src, messageField(f, M, 'opaque_type'));
    }
  });
  return desc;
}

async function readTensorType(src: ByteSource, range: Range, kind: 'tensor' | 'sparse_tensor'): Promise<TypeDesc> {
  const M = 'TypeProto.Tensor';
  let elem = 0;
  let shape: Dim[] | null = null;
  await readFields(src, range, M, async (f) => {
    if (f.no === TensorType.elemType) elem = varintField(f, M, 'elem_type');
    else if (f.no === TensorType.shape) {
      const dims: Dim[] = (shape ??= []);
      await readFields(src, messageField(f, M, 'shape'), 'TensorShapeProto', async (d) => {
        if (d.no === Shape.dim) {
          dims.push(await readDim(src, messageField(d, 'TensorShapeProto', 'dim')));
        }
      });
    }
  });
  const elemType = dataTypeName(elem);
  return { kind, elemType, shape, text: `${kind}(${elemType})` };
}

/** A Dimension: { value }, { param } (verbatim, even ""), or { unknown } when neither is set. */
async function readDim(src: ByteSource, range: Range): Promise<Dim> {
  const M = 'TensorShapeProto.Dimension';
  let dim: Dim = { unknown: true };
  await readFields(src, range, M, async (f) => {
    if (f.no === Dimension.dimValue) dim = { value: varintField(f, M, 'dim_value') };
    else if (f.no === Dimension.dimParam) dim = { param: await readString(src, f, M, 'dim_param') };
  });
  return dim;
}

/** TypeProto.Sequence or TypeProto.Optional: both hold one elem_type. */
async function readElemType(src: ByteSource, range: Range, depth: number): Promise<TypeDesc> {
  const M = 'TypeProto.Sequence';
  let inner = UNKNOWN;
  await readFields(src, range, M, async (f) => {
    if (f.no === ElemType.elemType) {
      inner = await readType(src, messageField(f, M, 'elem_type'), depth + 1);
    }
  });
  return inner;
}

async function readMapType(src: ByteSource, range: Range, depth: number): Promise<TypeDesc> {
  const M = 'TypeProto.Map';
  let key = 0;
  let value = UNKNOWN;
  await readFields(src, range, M, async (f) => {
    if (f.no === MapType.keyType) key = varintField(f, M, 'key_type');
    else if (f.no === MapType.valueType) {
      value = await readType(src, messageField(f, M, 'value_type'), depth + 1);
    }
  });
  return { ...UNKNOWN, kind: 'map', text: `map(${dataTypeName(key)},${value.text})` };
}

async function readOpaqueType(src: ByteSource, range: Range): Promise<TypeDesc> {
  const M = 'TypeProto.Opaque';
  const parts = ['', ''];
  await readFields(src, range, M, async (f) => {
    if (f.no === OpaqueType.domain) parts[0] = await readString(src, f, M, 'domain');
    else if (f.no === OpaqueType.name) parts[1] = await readString(src, f, M, 'name');
  });
  return { ...UNKNOWN, text: `opaque(${parts.filter(Boolean).join('.')})` };
}

/** How a dimension reads in a type string: its size, its name, or "?" (unknown or named ""). */
export function dimText(d: Dim): string {
  if ('value' in d) return String(d.value);
  if ('param' in d && d.param !== '') return d.param;
  return '?';
}
