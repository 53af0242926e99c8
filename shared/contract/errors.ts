// Errors are data: every failure a user can cause crosses every host as { code, message, details }.
// Codes are stable; hosts map them (CLI → exit codes, HTTP → status, UI → readable text).

export const ERROR_CODES = [
  'BAD_ARGUMENTS', // the call itself is malformed (missing/invalid argument)
  'UNKNOWN_METHOD',
  'NOT_FOUND', // a named model, dataset, run, job… does not exist
  'INVALID_INPUT', // a file the user gave is unusable (not ONNX, bad CSV, missing path…)
  'MODEL_LOAD_FAILED', // onnxruntime refused the model; message is onnxruntime's own words
  'WORKSPACE_ERROR', // the workspace file is unreadable, newer, or its migrations were edited
  'CHECK_FAILED', // a gate failed: SLO breached, drift detected with --fail-on-drift, verification failed
  'CANCELLED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CHILD_CRASHED', // native code died in an isolated child process
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorData {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export class PreflightError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'PreflightError';
    this.code = code;
    this.details = details;
  }
  toData(): ErrorData {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
  static fromData(data: ErrorData): PreflightError {
    return new PreflightError(data.code, data.message, data.details);
  }
}

/** Only the contract's own codes count: a Node or SQLite error (`ENOENT`, `SQLITE_BUSY`) is not ErrorData. */
export function isErrorData(value: unknown): value is ErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    (ERROR_CODES as readonly string[]).includes((value as ErrorData).code) &&
    typeof (value as ErrorData).message === 'string'
  );
}

/** CLI exit codes from PRODUCT.md: 0 ok, 1 a check failed, 2 bad usage or bad input. */
export function exitCodeFor(code: ErrorCode): 1 | 2 {
  return code === 'CHECK_FAILED' ? 1 : 2;
}

/** HTTP status for web mode. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'BAD_ARGUMENTS':
    case 'INVALID_INPUT':
    case 'MODEL_LOAD_FAILED':
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
    case 'UNKNOWN_METHOD':
      return 404;
    case 'CHECK_FAILED':
      return 422;
    case 'CANCELLED':
      return 409;
    default:
      return 500;
  }
}
