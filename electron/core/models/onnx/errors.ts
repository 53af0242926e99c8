// The one error type the ONNX reader throws for anything wrong with the file's contents.

/** The file is not a usable ONNX model; the message is one line, meant for the user. */
export class OnnxFormatError extends Error {
  override readonly name = 'OnnxFormatError';

  constructor(message: string) {
    super(message);
  }
}

const PREFIX = 'not a valid ONNX model: ';

/** An OnnxFormatError whose message starts with "not a valid ONNX model: ". */
export function invalidModel(reason: string): OnnxFormatError {
  return new OnnxFormatError(PREFIX + reason);
}
