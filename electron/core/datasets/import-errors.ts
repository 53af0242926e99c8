// The errors an import's rows can cause, each naming the line (1-based, of the record's start).
import { PreflightError } from '../../../shared/contract/errors';
import type { ColumnKind } from '../../../shared/types/datasets';

/** A record with another number of fields than the header (padding it would invent values). */
export function raggedRecord(line: number, expected: number, found: number): PreflightError {
  return new PreflightError('INVALID_INPUT', `line ${line}: expected ${expected} fields, found ${found}`, {
    line,
    expected,
    found,
  });
}

/** A value that cannot be the kind `--type` declares for its column. */
export function refusedValue(column: string, kind: ColumnKind, value: string, line: number): PreflightError {
  return new PreflightError(
    'INVALID_INPUT',
    `line ${line}, column ${JSON.stringify(column)}: ${JSON.stringify(value.slice(0, 80))} is not ${kind === 'integer' ? 'an' : 'a'} ${kind} (--type ${column}=${kind})`,
    { line, column },
  );
}
