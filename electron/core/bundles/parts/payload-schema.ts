// contracts/payload.schema.json: the request/response contract of the model as JSON Schema 2020-12.
// Reference ranges are annotations (x-referenceMin/Max), not minimum/maximum: the data contract allows a
// share of out-of-range values, so the payload contract must not reject them.
import type { BundleFacts, FeatureRule } from '../../../../shared/types/bundles';
import type { Dim, TensorInfo } from '../../../../shared/types/models';
import { shapeText, stableJson } from './util';

type Schema = Record<string, unknown>;

const INT_RANGES: Record<string, [number, number]> = {
  int8: [-128, 127],
  uint8: [0, 255],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
};

/** JSON type of one ONNX element. int64/uint64 may be strings when beyond 2^53 (as in golden files). */
export function elementSchema(elemType: string | null): Schema {
  const t = elemType ?? 'unknown';
  if (['float', 'double', 'float16', 'bfloat16'].includes(t)) return { type: 'number', 'x-onnxType': t };
  if (t in INT_RANGES)
    return { type: 'integer', minimum: INT_RANGES[t][0], maximum: INT_RANGES[t][1], 'x-onnxType': t };
  if (t === 'int64' || t === 'uint64') {
    return {
      'x-onnxType': t,
      anyOf: [{ type: 'integer' }, { type: 'string', pattern: t === 'int64' ? '^-?[0-9]+$' : '^[0-9]+$' }],
    };
  }
  if (t === 'bool') return { type: 'boolean', 'x-onnxType': t };
  if (t === 'string') return { type: 'string', 'x-onnxType': t };
  return { description: `element type ${t}: not described`, 'x-onnxType': t };
}

function dimName(d: Dim, i: number): string {
  if ('value' in d) return String(d.value);
  if ('param' in d) return d.param !== '' ? d.param : `dim${i} (unnamed)`;
  return `dim${i} (unknown)`;
}

function withRange(base: Schema, rule: FeatureRule | undefined): Schema {
  if (!rule || rule.min === null || rule.max === null) return rule ? { ...base, 'x-column': rule.name } : base;
  return {
    ...base,
    'x-column': rule.name,
    'x-referenceMin': rule.min,
    'x-referenceMax': rule.max,
    description: `column ${rule.name}; reference range [${rule.min}, ${rule.max}]`,
  };
}

/** Nested arrays for a tensor; column rules decide per-position annotations of the last axis. */
export function tensorSchema(t: TensorInfo, rules: FeatureRule[]): Schema {
  const head: Schema = { description: `${t.type} ${shapeText(t)}`, 'x-dims': t.shape?.map(dimName) ?? null };
  if (t.kind !== 'tensor') return { ...nonTensorSchema(t), ...head };
  const elem = elementSchema(t.elemType);
  if (t.shape === null) return { ...head, description: `${t.type}: rank unknown, any nesting of ${t.elemType}` };
  const byIndex = new Map(rules.map((r) => [r.input!.index, r]));
  const shape = t.shape;
  const build = (axis: number): Schema => {
    if (axis === shape.length) return shape.length === 0 ? withRange(elem, byIndex.get(0)) : elem;
    const d = shape[axis];
    const arr: Schema = { type: 'array' };
    if ('value' in d) Object.assign(arr, { minItems: d.value, maxItems: d.value });
    else Object.assign(arr, { minItems: 1, description: `dimension ${dimName(d, axis)} (symbolic)` });
    const last = axis === shape.length - 1;
    if (last && shape.length === 1 && byIndex.has(0)) arr.items = withRange(elem, byIndex.get(0));
    else if (last && 'value' in d && byIndex.size > 0) {
      arr.prefixItems = Array.from({ length: d.value }, (_, i) => withRange(elem, byIndex.get(i)));
      arr.items = false;
    } else arr.items = build(axis + 1);
    return arr;
  };
  const body = build(0);
  // The tensor's own description (type and shape) wins over the outer axis's.
  return shape.length === 0 ? { ...body, ...head, description: `${head.description}: scalar` } : { ...body, ...head };
}

/** Sequences, maps and optionals are described by their ONNX type text; only the outer JSON shape is checked. */
function nonTensorSchema(t: TensorInfo): Schema {
  if (t.kind === 'sequence') return { type: 'array', 'x-onnxType': t.type };
  if (t.kind === 'map') return { type: 'object', 'x-onnxType': t.type };
  return { 'x-onnxType': t.type };
}

function ioObject(list: TensorInfo[], rules: FeatureRule[]): Schema {
  const properties: Schema = {};
  for (const t of list)
    properties[t.name] = tensorSchema(
      t,
      rules.filter((r) => r.input?.name === t.name),
    );
  return { type: 'object', properties, required: list.map((t) => t.name), additionalProperties: false };
}

export function payloadSchema(facts: BundleFacts): Record<string, unknown> {
  const m = facts.model.metadata;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:preflight:${facts.stem}:v${facts.model.version}:payload`,
    title: `${facts.model.name} v${facts.model.version} payload`,
    description: 'Tensors as nested JSON arrays, row-major; the first symbolic dimension is the batch.',
    $defs: {
      request: { type: 'object', properties: { inputs: ioObject(m.inputs, facts.features) }, required: ['inputs'] },
      response: { type: 'object', properties: { outputs: ioObject(m.outputs, []) }, required: ['outputs'] },
    },
    oneOf: [{ $ref: '#/$defs/request' }, { $ref: '#/$defs/response' }],
  };
}

export function payloadSchemaJson(facts: BundleFacts): string {
  return stableJson(payloadSchema(facts));
}
