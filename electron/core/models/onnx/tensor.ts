// TensorProto and SparseTensorProto summaries: name, shape, element count and where the data
// lives. The data fields themselves (raw_data, float_data, int64_data…) are skipped by length.

import type { ExternalDataRef } from '../../../../shared/types/models';
import type { ByteSource } from './byte-source';
import { invalidModel } from './errors';
import { DATA_LOCATION_EXTERNAL, SparseTensor, StringStringEntry, Tensor } from './schema';
import { readString } from './strings';
import { messageField, readFields, readInt64s, varintField, type Range } from './wire';

export interface TensorSummary {
  name: string;
  dims: number[];
  dataType: number;
  /** Number of scalar values: the product of dims (1 for a scalar). */
  elements: number;
  /** Set when data_location is EXTERNAL. */
  external: ExternalDataRef | null;
}

export async function readTensor(src: ByteSource, range: Range): Promise<TensorSummary> {
  const t: TensorSummary = { name: '', dims: [], dataType: 0, elements: 1, external: null };
  const entries = new Map<string, string>();
  let location = 0;
  const M = 'TensorProto';
  await readFields(src, range, M, async (f) => {
    if (f.no === Tensor.dims) {
      for (const d of await readInt64s(src, f, M, 'dims')) t.dims.push(d);
    } else if (f.no === Tensor.dataType) t.dataType = varintField(f, M, 'data_type');
    else if (f.no === Tensor.name) t.name = await readString(src, f, M, 'name');
    else if (f.no === Tensor.dataLocation) location = varintField(f, M, 'data_location');
    else if (f.no === Tensor.externalData) {
      entries.set(...(await readEntry(src, messageField(f, M, 'external_data'))));
    }
    // raw_data, float_data, int64_data… are skipped: readFields moves past them by length.
  });
  for (const d of t.dims) {
    if (d < 0) throw invalidModel(`tensor "${t.name}" has a negative dimension ${d}`);
    t.elements *= d;
  }
  if (location === DATA_LOCATION_EXTERNAL) {
    t.external = {
      tensor: t.name,
      location: entries.get('location') ?? '',
      offset: optionalInt(entries.get('offset')),
      length: optionalInt(entries.get('length')),
    };
  }
  return t;
}

/** A sparse tensor counts the values it stores (NNZ), named after its values tensor. */
export async function readSparseTensor(src: ByteSource, range: Range): Promise<TensorSummary> {
  let values: TensorSummary | null = null;
  await readFields(src, range, 'SparseTensorProto', async (f) => {
    if (f.no === SparseTensor.values) {
      values = await readTensor(src, messageField(f, 'SparseTensorProto', 'values'));
    }
  });
  return values ?? { name: '', dims: [0], dataType: 0, elements: 0, external: null };
}

/** Reads a StringStringEntryProto: [key, value]. */
export async function readEntry(src: ByteSource, range: Range): Promise<[string, string]> {
  let key = '';
  let value = '';
  await readFields(src, range, 'StringStringEntryProto', async (f) => {
    if (f.no === StringStringEntry.key) {
      key = await readString(src, f, 'StringStringEntryProto', 'key');
    } else if (f.no === StringStringEntry.value) {
      value = await readString(src, f, 'StringStringEntryProto', 'value');
    }
  });
  return [key, value];
}

function optionalInt(text: string | undefined): number | null {
  if (text === undefined || !/^\d+$/.test(text.trim())) return null;
  return Number(text.trim());
}
