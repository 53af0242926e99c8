// A minimal ONNX protobuf writer, enough for the demo model: float initializers, nodes with int
// attributes, tensor inputs/outputs with symbolic dims. Field numbers from onnx.proto3.

type Field = Uint8Array;

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

const concat = (parts: Field[]): Field => {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
const tag = (field: number, wire: number) => varint(field * 8 + wire);
const intField = (field: number, value: number): Field => new Uint8Array([...tag(field, 0), ...varint(value)]);
const bytesField = (field: number, bytes: Field): Field =>
  concat([new Uint8Array([...tag(field, 2), ...varint(bytes.length)]), bytes]);
const strField = (field: number, s: string): Field => bytesField(field, new TextEncoder().encode(s));
const msg = (field: number, parts: Field[]): Field => bytesField(field, concat(parts));

export interface Initializer {
  name: string;
  dims: number[];
  values: number[];
}
export interface Node {
  op: string;
  inputs: string[];
  outputs: string[];
  intAttributes?: Record<string, number>;
}
export interface Io {
  name: string;
  dims: (number | string)[];
}

const FLOAT = 1;
const ATTRIBUTE_INT = 2;

function tensor(t: Initializer): Field[] {
  const raw = new Uint8Array(new Float32Array(t.values).buffer);
  return [...t.dims.map((d) => intField(1, d)), intField(2, FLOAT), strField(8, t.name), bytesField(9, raw)];
}

function valueInfo(field: number, io: Io): Field {
  const dims = io.dims.map((d) => msg(1, [typeof d === 'number' ? intField(1, d) : strField(2, d)]));
  const tensorType = msg(1, [intField(1, FLOAT), msg(2, dims)]);
  return msg(field, [strField(1, io.name), msg(2, [tensorType])]);
}

function node(n: Node, index: number): Field {
  const attrs = Object.entries(n.intAttributes ?? {}).map(([name, value]) =>
    msg(5, [strField(1, name), intField(3, value), intField(20, ATTRIBUTE_INT)]),
  );
  return msg(1, [
    ...n.inputs.map((i) => strField(1, i)),
    ...n.outputs.map((o) => strField(2, o)),
    strField(3, `${n.op.toLowerCase()}_${index}`),
    strField(4, n.op),
    ...attrs,
  ]);
}

export function writeOnnxModel(spec: {
  graphName: string;
  docString: string;
  metadata: Record<string, string>;
  initializers: Initializer[];
  nodes: Node[];
  inputs: Io[];
  outputs: Io[];
}): Uint8Array {
  const graph = msg(7, [
    ...spec.nodes.map(node),
    strField(2, spec.graphName),
    ...spec.initializers.map((t) => msg(5, tensor(t))),
    ...spec.inputs.map((io) => valueInfo(11, io)),
    ...spec.outputs.map((io) => valueInfo(12, io)),
  ]);
  return concat([
    intField(1, 8), // ir_version
    strField(2, 'preflight-demo'),
    strField(3, '1.0'),
    intField(5, 1), // model_version
    strField(6, spec.docString),
    graph,
    msg(8, [strField(1, ''), intField(2, 17)]), // opset_import ai.onnx 17
    ...Object.entries(spec.metadata).map(([k, v]) => msg(14, [strField(1, k), strField(2, v)])),
  ]);
}
