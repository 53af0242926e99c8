// Streaming ONNX metadata reader: a hand-written protobuf decoder that reads only the bytes it
// needs (never tensor data) and rejects anything that is not a well-formed ONNX model.

export { OnnxFormatError } from './errors';
export { readOnnxMetadata } from './read-model';
export { checkExternalDataPaths } from './external-data';
