// Domain types for the model registry. Isomorphic: used by the core, the CLI and the renderer.

/** One dimension of a tensor shape: a fixed size, a symbolic name (verbatim, may be ""), or unknown. */
export type Dim = { value: number } | { param: string } | { unknown: true };

export interface TensorInfo {
  name: string;
  /** 'tensor' for plain tensors; other ONNX value kinds are described in `type`. */
  kind: 'tensor' | 'sequence' | 'map' | 'optional' | 'sparse_tensor' | 'unknown';
  /** ONNX element type name for tensors (float, float16, int64, bool, string…), else null. */
  elemType: string | null;
  /** null when the shape is not given at all (unknown rank). */
  shape: Dim[] | null;
  /** Human-readable type, e.g. "tensor(float)[N,3]" or "seq(map(int64,tensor(float)))". */
  type: string;
  docString: string;
}

export interface OpsetImport {
  domain: string; // "" is the default ONNX domain ("ai.onnx")
  version: number;
}

export interface ExternalDataRef {
  tensor: string;
  location: string;
  offset: number | null;
  length: number | null;
}

export interface OnnxMetadata {
  irVersion: number;
  opsetImports: OpsetImport[];
  producerName: string;
  producerVersion: string;
  domain: string;
  modelVersion: number;
  docString: string;
  graphName: string;
  metadataProps: Record<string, string>;
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  /** Total number of scalar values in initializers and Constant-node tensors. */
  parameterCount: number;
  initializerCount: number;
  /** op_type (prefixed with domain when not default, e.g. "ai.onnx.ml.TreeEnsembleClassifier") → count, subgraphs included. */
  operators: Record<string, number>;
  nodeCount: number;
  externalData: ExternalDataRef[];
  fileSizeBytes: number;
}

export interface ModelFile {
  /** Path relative to the model's folder: the model itself or an external data file. */
  role: 'model' | 'external-data';
  relativePath: string;
  sha256: string;
  sizeBytes: number;
}

export interface LoadCheck {
  loadable: boolean;
  /** onnxruntime's own words when loading failed. */
  error: string | null;
  /** Names onnxruntime reports; may differ from the graph when it rewrites I/O. */
  inputNames: string[];
  outputNames: string[];
  warnings: string[];
  ortVersion: string;
}

export interface ModelVersion {
  name: string;
  version: number;
  sha256: string;
  addedAt: string;
  sourcePath: string;
  files: ModelFile[];
  metadata: OnnxMetadata;
  loadCheck: LoadCheck;
}

export interface ModelSummary {
  name: string;
  latestVersion: number;
  versions: number;
  sha256: string;
  addedAt: string;
  inputs: number;
  outputs: number;
  loadable: boolean;
}
