import { PreflightError, isErrorData, type ErrorData } from '../../shared/contract/errors';

/** Anything thrown inside the core becomes ErrorData; unknown failures keep their message, never a stack. */
export function toErrorData(err: unknown): ErrorData {
  if (err instanceof PreflightError) return err.toData();
  if (isErrorData(err))
    return err.details
      ? { code: err.code, message: err.message, details: err.details }
      : { code: err.code, message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  // File-system failures the user can act on (disk full, permissions, a name too long) keep their words.
  const sys = (err as NodeJS.ErrnoException)?.code;
  // SQLite found a malformed page: the file is damaged; say what to do instead of SQLite's words alone.
  if (typeof sys === 'string' && (sys.startsWith('SQLITE_CORRUPT') || sys === 'SQLITE_NOTADB')) {
    return {
      code: 'WORKSPACE_ERROR',
      message: `workspace damaged: ${message}; run \`preflight doctor\` to see what is damaged and what is intact`,
      details: { damaged: true },
    };
  }
  // Another process holds the workspace's write lock: busy, never "damaged".
  if (typeof sys === 'string' && (sys.startsWith('SQLITE_BUSY') || sys.startsWith('SQLITE_LOCKED'))) {
    return {
      code: 'WORKSPACE_ERROR',
      message:
        'the workspace is busy: another Preflight process is writing to it (an import, a benchmark…); it is not damaged, try again when that finishes',
    };
  }
  if (sys === 'ENOSPC') return { code: 'INTERNAL', message: `the disk is full: ${message}` };
  if (sys === 'EACCES' || sys === 'EPERM') return { code: 'INVALID_INPUT', message: `permission denied: ${message}` };
  return { code: 'INTERNAL', message: `internal error: ${message}` };
}

export function invalidInput(message: string, details?: Record<string, unknown>): PreflightError {
  return new PreflightError('INVALID_INPUT', message, details);
}
