import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PreflightError } from '../../shared/contract/errors';

export const GLOBAL_OPTIONS = {
  workspace: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

/** parseArgs with errors turned into BAD_ARGUMENTS (exit 2) and a hint to --help. */
export function parse<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O, command: string) {
  try {
    return parseArgs({ args: argv, options: { ...GLOBAL_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new PreflightError(
      'BAD_ARGUMENTS',
      `${command}: ${oneLine((err as Error).message)} (see \`preflight ${command} --help\`)`,
    );
  }
}

/** Node's parseArgs errors in one line: "argument is ambiguous" (a value starting with "-") says what to write. */
function oneLine(message: string): string {
  const ambiguous = /Option '(-[^' ]+)[^']*' argument is ambiguous/.exec(message);
  if (ambiguous) return `${ambiguous[1]} needs a value; for one that starts with "-", write ${ambiguous[1]}=VALUE`;
  return message.split('\n')[0].replace(/\.$/, '');
}

export function list(value: string | undefined): string[] | undefined {
  return value === undefined
    ? undefined
    : value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
}

export function intList(value: string | undefined, flag: string): number[] | undefined {
  const items = list(value);
  if (!items) return undefined;
  return items.map((item) => {
    if (!/^[0-9]+$/.test(item) || Number(item) < 1)
      throw new PreflightError('BAD_ARGUMENTS', `--${flag}: "${item}" is not a positive integer`);
    return Number(item);
  });
}

export function int(value: string | undefined, flag: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?[0-9]+$/.test(value) || Number(value) < min)
    throw new PreflightError('BAD_ARGUMENTS', `--${flag}: "${value}" must be an integer ≥ ${min}`);
  return Number(value);
}

export function num(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new PreflightError('BAD_ARGUMENTS', `--${flag}: "${value}" must be a positive number`);
  return n;
}
