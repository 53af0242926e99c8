import { PreflightError, isErrorData, type ErrorData } from '../../shared/contract/errors';

/** Anything thrown inside the core becomes ErrorData; unknown failures keep their message, never a stack. */
export function toErrorData(err: unknown): ErrorData {
  if (err instanceof PreflightError) return err.toData();
  if (isErrorData(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `internal error: ${message}` };
}

export function invalidInput(message: string, details?: Record<string, unknown>): PreflightError {
  return new PreflightError('INVALID_INPUT', message, details);
}
