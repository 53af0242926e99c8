import { PreflightError } from '../../shared/contract/errors';

// The contract validates every argument once, in the core; the CLI only says it in the user's terms:
// the flag they typed and the value they gave, not the contract's field name.

interface Issue {
  code?: string;
  path?: (string | number)[];
  message?: string;
  values?: unknown[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
}

/** `error` with its first issue worded for `flags` (argument name → [flag, value as typed]); other errors as they are. */
export function inFlagTerms(error: unknown, flags: Record<string, [flag: string, given: string | undefined]>): unknown {
  if (!(error instanceof PreflightError) || error.code !== 'BAD_ARGUMENTS') return error;
  const issues = error.details?.issues as Issue[] | undefined;
  const issue = Array.isArray(issues) ? issues[0] : undefined;
  const key = issue?.path?.[0];
  if (!issue || typeof key !== 'string' || !flags[key]) return error;
  const [flag, given] = flags[key];
  const value = `"${given}"`;
  let says: string;
  if (issue.values?.length) says = `${value} is not one of ${issue.values.join(', ')}`;
  else if (issue.code === 'invalid_type') says = `${value} is not a number`;
  else if (issue.code === 'too_small') says = `${value} must be ${issue.inclusive ? '≥' : '>'} ${issue.minimum}`;
  else if (issue.code === 'too_big') says = `${value} must be ${issue.inclusive ? '≤' : '<'} ${issue.maximum}`;
  else says = `${value}: ${issue.message}`;
  return new PreflightError('BAD_ARGUMENTS', `${flag}: ${says}`, error.details);
}
