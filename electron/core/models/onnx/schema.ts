// Field numbers from onnx/onnx.proto3 (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto3),
// only those the metadata reader looks at. Every other field is skipped by its wire length.

/** message ModelProto */
export const Model = {
  irVersion: 1, // int64 ir_version
  producerName: 2, // string producer_name
  producerVersion: 3, // string producer_version
  domain: 4, // string domain
  modelVersion: 5, // int64 model_version
  docString: 6, // string doc_string
  graph: 7, // GraphProto graph
  opsetImport: 8, // repeated OperatorSetIdProto opset_import
  metadataProps: 14, // repeated StringStringEntryProto metadata_props
} as const;

/** message OperatorSetIdProto */
export const OperatorSetId = {
  domain: 1, // string domain ("" or "ai.onnx" is the default operator set)
  version: 2, // int64 version
} as const;

/** message StringStringEntryProto */
export const StringStringEntry = {
  key: 1, // string key
  value: 2, // string value
} as const;

/** message GraphProto */
export const Graph = {
  node: 1, // repeated NodeProto node
  name: 2, // string name
  initializer: 5, // repeated TensorProto initializer
  docString: 10, // string doc_string
  input: 11, // repeated ValueInfoProto input
  output: 12, // repeated ValueInfoProto output
  sparseInitializer: 15, // repeated SparseTensorProto sparse_initializer
} as const;

/** message NodeProto */
export const Node = {
  input: 1, // repeated string input
  output: 2, // repeated string output
  name: 3, // string name
  opType: 4, // string op_type
  attribute: 5, // repeated AttributeProto attribute
  domain: 7, // string domain
} as const;

/** message AttributeProto */
export const Attribute = {
  name: 1, // string name
  f: 2, // float f
  i: 3, // int64 i
  t: 5, // TensorProto t
  g: 6, // GraphProto g
  floats: 7, // repeated float floats
  ints: 8, // repeated int64 ints
  graphs: 11, // repeated GraphProto graphs
  type: 20, // AttributeType type
  sparseTensor: 22, // SparseTensorProto sparse_tensor
} as const;

/** message ValueInfoProto */
export const ValueInfo = {
  name: 1, // string name
  type: 2, // TypeProto type
  docString: 3, // string doc_string
} as const;

/** message TensorProto */
export const Tensor = {
  dims: 1, // repeated int64 dims
  dataType: 2, // int32 data_type (TensorProto.DataType)
  name: 8, // string name
  rawData: 9, // bytes raw_data: skipped, never read
  externalData: 13, // repeated StringStringEntryProto external_data
  dataLocation: 14, // DataLocation data_location (DEFAULT = 0, EXTERNAL = 1)
} as const;

export const DATA_LOCATION_EXTERNAL = 1;

/** message SparseTensorProto */
export const SparseTensor = {
  values: 1, // TensorProto values (its dims are [NNZ])
  indices: 2, // TensorProto indices
  dims: 3, // repeated int64 dims (the dense shape)
} as const;

/** message TypeProto and its nested messages */
export const TypeProto = {
  tensorType: 1, // Tensor tensor_type
  sequenceType: 4, // Sequence sequence_type
  mapType: 5, // Map map_type
  opaqueType: 7, // Opaque opaque_type (onnx-ml)
  sparseTensorType: 8, // SparseTensor sparse_tensor_type
  optionalType: 9, // Optional optional_type
} as const;

/** TypeProto.Tensor and TypeProto.SparseTensor */
export const TensorType = { elemType: 1, shape: 2 } as const;
/** TypeProto.Sequence and TypeProto.Optional */
export const ElemType = { elemType: 1 } as const;
/** TypeProto.Map */
export const MapType = { keyType: 1, valueType: 2 } as const;
/** TypeProto.Opaque */
export const OpaqueType = { domain: 1, name: 2 } as const;
/** TensorShapeProto */
export const Shape = { dim: 1 } as const;
/** TensorShapeProto.Dimension: oneof { int64 dim_value = 1; string dim_param = 2; } */
export const Dimension = { dimValue: 1, dimParam: 2 } as const;

/** TensorProto.DataType names, lowercase as ONNX writes them in type strings ("tensor(float)"). */
const DATA_TYPE_NAMES = [
  'undefined',
  'float',
  'uint8',
  'int8',
  'uint16',
  'int16',
  'int32',
  'int64',
  'string',
  'bool',
  'float16',
  'double',
  'uint32',
  'uint64',
  'complex64',
  'complex128',
  'bfloat16',
  'float8e4m3fn',
  'float8e4m3fnuz',
  'float8e5m2',
  'float8e5m2fnuz',
  'uint4',
  'int4',
  'float4e2m1',
  'float8e8m0',
  'uint2',
  'int2',
];

export function dataTypeName(code: number): string {
  return DATA_TYPE_NAMES[code] ?? `unknown(${code})`;
}
