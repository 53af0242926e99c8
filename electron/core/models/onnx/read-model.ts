// readOnnxMetadata: everything Preflight shows about a model, read from the file by positioned
// reads. Tensor data is never loaded, so a multi-gigabyte model costs a few small reads.

import { open, type FileHandle } from 'node:fs/promises';
import type { OnnxMetadata, OpsetImport } from '../../../../shared/types/models';
import { ByteSource } from './byte-source';
import { invalidModel, OnnxFormatError } from './errors';
import { emptyTotals, readGraph } from './graph';
import { Model, OperatorSetId } from './schema';
import { readString } from './strings';
import { LIMITS, tooMany } from './limits';
import { readEntry } from './tensor';
import { scanExternalData } from './tensor-scan';
import { messageField, readFields, varintField, type Range } from './wire';

/** IR versions run 1…11 today; anything far outside that is a sign of a file that is not ONNX. */
const MAX_IR_VERSION = 100;

/**
 * Reads an ONNX model's metadata without loading its weights.
 * Throws OnnxFormatError when the file is not a readable ONNX model; I/O errors (missing file,
 * permissions) propagate as they are.
 */
export async function readOnnxMetadata(path: string): Promise<OnnxMetadata> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size === 0) throw invalidModel('file is empty');
    const state = { sawIrVersion: false };
    try {
      return await readModel(new ByteSource(fh, size), state);
    } catch (err) {
      if (!(err instanceof OnnxFormatError) || state.sawIrVersion) throw err;
      throw await notOnnx(fh, size, err);
    }
  } finally {
    await fh.close();
  }
}

/**
 * A file that fails before its ir_version is most likely not an ONNX model at all (a CSV renamed
 * .onnx): say that first, then what the decoder hit.
 */
async function notOnnx(fh: FileHandle, size: number, err: OnnxFormatError): Promise<OnnxFormatError> {
  const head = Buffer.alloc(Math.min(size, 64));
  await fh.read(head, 0, head.length, 0);
  const details = err.message.replace(/^not a valid ONNX model:\s*/, '');
  const text = head.toString('latin1');
  const printable = /^[\t\n\r\x20-\x7e\xa0-\xff]*$/.test(text);
  const what = printable
    ? `it looks like a text file (it starts with ${JSON.stringify(text.slice(0, 24))})`
    : `its first bytes (${[...head.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ')}) do not start an ONNX ModelProto`;
  return new OnnxFormatError(`not an ONNX model: ${what}; details: ${details}`);
}

async function readModel(src: ByteSource, state: { sawIrVersion: boolean }): Promise<OnnxMetadata> {
  const meta: OnnxMetadata = {
    irVersion: 0,
    opsetImports: [],
    producerName: '',
    producerVersion: '',
    domain: '',
    modelVersion: 0,
    docString: '',
    graphName: '',
    metadataProps: {},
    inputs: [],
    outputs: [],
    parameterCount: 0,
    initializerCount: 0,
    operators: {},
    nodeCount: 0,
    externalData: [],
    fileSizeBytes: src.size,
  };
  // Protobuf merges repeated occurrences of ModelProto.graph into one graph: read them all.
  const graphs: Range[] = [];
  let sawIrVersion = false as boolean;
  const props: [string, string][] = [];
  let propChars = 0;
  await readFields(src, { start: 0, end: src.size }, 'ModelProto', async (f) => {
    const m = 'ModelProto';
    if (f.no === Model.irVersion) {
      meta.irVersion = varintField(f, m, 'ir_version');
      sawIrVersion = true;
      state.sawIrVersion = true;
    } else if (f.no === Model.producerName) {
      meta.producerName = await readString(src, f, m, 'producer_name');
    } else if (f.no === Model.producerVersion) {
      meta.producerVersion = await readString(src, f, m, 'producer_version');
    } else if (f.no === Model.domain) meta.domain = await readString(src, f, m, 'domain');
    else if (f.no === Model.modelVersion) meta.modelVersion = varintField(f, m, 'model_version');
    else if (f.no === Model.docString) meta.docString = await readString(src, f, m, 'doc_string');
    else if (f.no === Model.graph) graphs.push(messageField(f, m, 'graph'));
    else if (f.no === Model.opsetImport) {
      if (meta.opsetImports.length >= LIMITS.opsetImports) tooMany('opset_import entries', LIMITS.opsetImports);
      meta.opsetImports.push(await readOpset(src, messageField(f, m, 'opset_import')));
    } else if (f.no === Model.metadataProps) {
      if (props.length >= LIMITS.metadataProps) tooMany('metadata_props entries', LIMITS.metadataProps);
      const entry = await readEntry(src, messageField(f, m, 'metadata_props'));
      propChars += entry[0].length + entry[1].length;
      if (propChars > LIMITS.metadataChars) tooMany('characters of metadata_props', LIMITS.metadataChars);
      props.push(entry);
    }
  });
  if (!sawIrVersion) throw invalidModel('no ir_version (is this an ONNX file?)');
  if (meta.irVersion < 1 || meta.irVersion > MAX_IR_VERSION) {
    throw invalidModel(`ir_version ${meta.irVersion} is not an ONNX IR version`);
  }
  if (graphs.length === 0) throw invalidModel('the model has no graph');
  meta.metadataProps = Object.fromEntries(props);

  const totals = emptyTotals();
  const main = await readGraph(src, graphs, totals, 0);
  meta.graphName = main.name;
  meta.inputs = main.inputs;
  meta.outputs = main.outputs;
  meta.parameterCount = totals.parameterCount;
  meta.initializerCount = totals.initializerCount;
  meta.nodeCount = totals.nodeCount;
  // Not the graph walk's list: every TensorProto anywhere (attributes, sparse tensors, functions,
  // merged messages) may name a file, and the safety check must see each of them.
  meta.externalData = await scanExternalData(src);
  const stored = JSON.stringify(meta).length;
  if (stored > LIMITS.storedChars) {
    throw invalidModel(
      `its metadata would take ${(stored / 1048576).toFixed(1)} MiB, more than the ${LIMITS.storedChars / 1048576} MiB Preflight stores per model`,
    );
  }
  const ops = [...totals.operators].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  meta.operators = Object.fromEntries(ops);
  return meta;
}

async function readOpset(src: ByteSource, range: Range): Promise<OpsetImport> {
  const opset: OpsetImport = { domain: '', version: 0 };
  const M = 'OperatorSetIdProto';
  await readFields(src, range, M, async (f) => {
    if (f.no === OperatorSetId.domain) opset.domain = await readString(src, f, M, 'domain');
    else if (f.no === OperatorSetId.version) opset.version = varintField(f, M, 'version');
  });
  return opset;
}
