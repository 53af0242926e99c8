// Stored JSON columns: a row that no longer parses means the file was damaged (a flipped byte
// inside a record SQLite cannot detect), not a bug to report as "internal error: Expected ','…".
import { PreflightError } from '../../../../shared/contract/errors';

export const DAMAGED_HINT = 'run `preflight doctor` to see what is damaged and what is intact';

export function storedJson<T = unknown>(text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new PreflightError(
      'WORKSPACE_ERROR',
      `workspace damaged: a stored record cannot be read (${(err as Error).message}); ${DAMAGED_HINT}`,
      { damaged: true },
    );
  }
}
