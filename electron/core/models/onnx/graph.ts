// GraphProto, NodeProto and AttributeProto: walks a graph and every subgraph held in node
// attributes (If, Loop, Scan…), counting operators, nodes, initializers and parameters.

import type { TensorInfo } from '../../../../shared/types/models';
import type { ByteSource } from './byte-source';
import { invalidModel } from './errors';
import { LIMITS, tooMany } from './limits';
import { Attribute, Graph, Node } from './schema';
import { readString } from './strings';
import { readSparseTensor, readTensor, type TensorSummary } from './tensor';
import { readValueInfo } from './value-info';
import { countFixed, countVarints, messageField, readFields, type Range } from './wire';

/** Subgraphs nested deeper than this are treated as corruption. */
const MAX_GRAPH_DEPTH = 64;

/** Totals over a graph and all its subgraphs. */
export interface GraphTotals {
  parameterCount: number;
  initializerCount: number;
  nodeCount: number;
  operators: Map<string, number>;
}

/** What only the main graph contributes. */
export interface MainGraph {
  name: string;
  /** graph.input entries that are not also initializers. */
  inputs: TensorInfo[];
  outputs: TensorInfo[];
}

export function emptyTotals(): GraphTotals {
  return {
    parameterCount: 0,
    initializerCount: 0,
    nodeCount: 0,
    operators: new Map(),
  };
}

/**
 * Reads a graph given as one or more ranges (occurrences protobuf merges into one message);
 * inputs and outputs are decoded for the main graph (depth 0) only.
 */
export async function readGraph(
  src: ByteSource,
  ranges: Range | Range[],
  totals: GraphTotals,
  depth: number,
): Promise<MainGraph> {
  if (depth > MAX_GRAPH_DEPTH) {
    throw invalidModel(`subgraphs nested deeper than ${MAX_GRAPH_DEPTH} levels`);
  }
  const main = depth === 0;
  const graph: MainGraph = { name: '', inputs: [], outputs: [] };
  const initializerNames = new Set<string>();
  const addTensor = (t: TensorSummary) => {
    totals.initializerCount++;
    totals.parameterCount += t.elements;
    initializerNames.add(t.name);
  };
  const M = 'GraphProto';
  for (const range of Array.isArray(ranges) ? ranges : [ranges])
    await readFields(src, range, M, async (f) => {
      if (f.no === Graph.node) await readNode(src, messageField(f, M, 'node'), totals, depth);
      else if (f.no === Graph.name) graph.name = await readString(src, f, M, 'name');
      else if (f.no === Graph.initializer) {
        addTensor(await readTensor(src, messageField(f, M, 'initializer')));
      } else if (f.no === Graph.sparseInitializer) {
        addTensor(await readSparseTensor(src, messageField(f, M, 'sparse_initializer')));
      } else if (main && f.no === Graph.input) {
        if (graph.inputs.length + graph.outputs.length >= LIMITS.inputsOutputs)
          tooMany('graph inputs and outputs', LIMITS.inputsOutputs);
        graph.inputs.push(await readValueInfo(src, messageField(f, M, 'input')));
      } else if (main && f.no === Graph.output) {
        if (graph.inputs.length + graph.outputs.length >= LIMITS.inputsOutputs)
          tooMany('graph inputs and outputs', LIMITS.inputsOutputs);
        graph.outputs.push(await readValueInfo(src, messageField(f, M, 'output')));
      }
    });
  graph.inputs = graph.inputs.filter((input) => !initializerNames.has(input.name));
  return graph;
}

/** What the reader keeps of one attribute: where its tensors and graphs are, how many values. */
interface AttributeSummary {
  name: string;
  tensor: Range | null;
  sparseTensor: Range | null;
  graphs: Range[];
  /** Number of scalar values: f or i count 1, floats and ints count their length. */
  values: number;
}

async function readNode(src: ByteSource, range: Range, totals: GraphTotals, depth: number): Promise<void> {
  let opType = '';
  let domain = '';
  const attributes: AttributeSummary[] = [];
  await readFields(src, range, 'NodeProto', async (f) => {
    if (f.no === Node.opType) opType = await readString(src, f, 'NodeProto', 'op_type');
    else if (f.no === Node.domain) domain = await readString(src, f, 'NodeProto', 'domain');
    else if (f.no === Node.attribute) {
      attributes.push(await readAttribute(src, messageField(f, 'NodeProto', 'attribute')));
    }
  });
  const defaultDomain = domain === '' || domain === 'ai.onnx';
  const key = defaultDomain ? opType : `${domain}.${opType}`;
  if (!totals.operators.has(key) && totals.operators.size >= LIMITS.operators)
    tooMany('distinct operators', LIMITS.operators);
  totals.operators.set(key, (totals.operators.get(key) ?? 0) + 1);
  totals.nodeCount++;
  if (defaultDomain && opType === 'Constant') await countConstant(src, attributes, totals);
  for (const attribute of attributes) {
    for (const g of attribute.graphs) await readGraph(src, g, totals, depth + 1);
  }
}

/** A Constant node's value is a weight like an initializer: count its scalar values. */
async function countConstant(src: ByteSource, attributes: AttributeSummary[], totals: GraphTotals) {
  for (const a of attributes) {
    if (a.name === 'value' && a.tensor) {
      const t = await readTensor(src, a.tensor);
      totals.parameterCount += t.elements;
    } else if (a.name === 'sparse_value' && a.sparseTensor) {
      totals.parameterCount += (await readSparseTensor(src, a.sparseTensor)).elements;
    } else if (/^value_(float|int)s?$/.test(a.name)) {
      totals.parameterCount += a.values;
    }
  }
}

async function readAttribute(src: ByteSource, range: Range): Promise<AttributeSummary> {
  const a: AttributeSummary = { name: '', tensor: null, sparseTensor: null, graphs: [], values: 0 };
  await readFields(src, range, 'AttributeProto', async (f) => {
    if (f.no === Attribute.name) a.name = await readString(src, f, 'AttributeProto', 'name');
    else if (f.no === Attribute.t) a.tensor = messageField(f, 'AttributeProto', 't');
    else if (f.no === Attribute.sparseTensor) {
      a.sparseTensor = messageField(f, 'AttributeProto', 'sparse_tensor');
    } else if (f.no === Attribute.g) a.graphs.push(messageField(f, 'AttributeProto', 'g'));
    else if (f.no === Attribute.graphs) a.graphs.push(messageField(f, 'AttributeProto', 'graphs'));
    else if (f.no === Attribute.f || f.no === Attribute.i) a.values = 1;
    else if (f.no === Attribute.floats) a.values += countFixed(f, 4);
    else if (f.no === Attribute.ints) a.values += await countVarints(src, f);
  });
  return a;
}
