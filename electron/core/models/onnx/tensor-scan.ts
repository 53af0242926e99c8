// Every TensorProto in the file, wherever it sits: graph initializers, sparse initializers (values
// and indices), node attributes (t, tensors, sparse_tensor, sparse_tensors), subgraphs, functions
// and training info, at any depth and in every occurrence of every field. Protobuf merges repeated
// occurrences of an embedded message (two ModelProto.graph fields make one graph), so this walk
// never keeps "the last one": it visits them all. What it returns is what onnxruntime may open.

import type { ExternalDataRef } from '../../../../shared/types/models';
import type { ByteSource } from './byte-source';
import { invalidModel } from './errors';
import { LIMITS, tooMany } from './limits';
import { readString } from './strings';
import { DATA_LOCATION_EXTERNAL, StringStringEntry, Tensor } from './schema';
import { expectWire, readFields, WIRE_LEN, type Range } from './wire';

type Kind = 'model' | 'graph' | 'node' | 'attribute' | 'sparse' | 'function' | 'training' | 'tensor';

/** For each message kind, the fields that hold messages which may (transitively) hold tensors. */
const CHILDREN: Record<Exclude<Kind, 'tensor'>, Record<number, Kind>> = {
  // graph, training_info, functions
  model: { 7: 'graph', 20: 'training', 25: 'function' },
  // node, initializer, sparse_initializer
  graph: { 1: 'node', 5: 'tensor', 15: 'sparse' },
  // attribute
  node: { 5: 'attribute' },
  // t, g, tensors, graphs, sparse_tensor, sparse_tensors
  attribute: { 5: 'tensor', 6: 'graph', 10: 'tensor', 11: 'graph', 22: 'sparse', 23: 'sparse' },
  // values, indices
  sparse: { 1: 'tensor', 2: 'tensor' },
  // node, attribute_proto
  function: { 7: 'node', 11: 'attribute' },
  // initialization, algorithm
  training: { 1: 'graph', 2: 'graph' },
};

const NAMES: Record<Kind, string> = {
  model: 'ModelProto',
  graph: 'GraphProto',
  node: 'NodeProto',
  attribute: 'AttributeProto',
  sparse: 'SparseTensorProto',
  function: 'FunctionProto',
  training: 'TrainingInfoProto',
  tensor: 'TensorProto',
};

/** Messages nested deeper than this are treated as corruption (graphs nest through nodes). */
const MAX_DEPTH = 256;

/**
 * The external-data references of every tensor in the model. A tensor counts when it is marked
 * EXTERNAL or names any location at all: merged occurrences of one tensor can combine a location
 * from one with the EXTERNAL mark from another, so judging each occurrence alone is not enough.
 */
export async function scanExternalData(src: ByteSource): Promise<ExternalDataRef[]> {
  const refs: ExternalDataRef[] = [];
  await walk(src, { start: 0, end: src.size }, 'model', 0, refs);
  return refs;
}

async function walk(
  src: ByteSource,
  range: Range,
  kind: Exclude<Kind, 'tensor'>,
  depth: number,
  refs: ExternalDataRef[],
) {
  if (depth > MAX_DEPTH) throw invalidModel(`messages nested deeper than ${MAX_DEPTH} levels`);
  const children = CHILDREN[kind];
  await readFields(src, range, NAMES[kind], async (f) => {
    const child = children[f.no];
    if (!child) return;
    expectWire(f, WIRE_LEN, NAMES[kind], `field ${f.no}`);
    if (child === 'tensor') await tensor(src, f, refs);
    else await walk(src, f, child, depth + 1, refs);
  });
}

async function tensor(src: ByteSource, range: Range, refs: ExternalDataRef[]) {
  let name = '';
  let external = false;
  const entries = new Map<string, string>();
  const locations: string[] = [];
  const M = 'TensorProto';
  await readFields(src, range, M, async (f) => {
    if (f.no === Tensor.name) name = await readString(src, f, M, 'name');
    else if (f.no === Tensor.dataLocation && f.wire === 0) external = f.varint === DATA_LOCATION_EXTERNAL;
    else if (f.no === Tensor.externalData) {
      expectWire(f, WIRE_LEN, M, 'external_data');
      const [key, value] = await entry(src, f);
      entries.set(key, value);
      if (key === 'location') locations.push(value);
    }
  });
  if (!external && locations.length === 0) return;
  const int = (text: string | undefined) =>
    text !== undefined && /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
  // Every location named counts, not only the last: each is a path onnxruntime might open.
  for (const location of locations.length > 0 ? locations : ['']) {
    if (refs.length >= LIMITS.externalData) tooMany('external-data references', LIMITS.externalData);
    refs.push({ tensor: name, location, offset: int(entries.get('offset')), length: int(entries.get('length')) });
  }
}

async function entry(src: ByteSource, range: Range): Promise<[string, string]> {
  let key = '';
  let value = '';
  const M = 'StringStringEntryProto';
  await readFields(src, range, M, async (f) => {
    if (f.no === StringStringEntry.key) key = await readString(src, f, M, 'key');
    else if (f.no === StringStringEntry.value) value = await readString(src, f, M, 'value');
  });
  return [key, value];
}
