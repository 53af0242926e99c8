import type { ErrorData } from '../../../shared/contract/errors';

// Messages between the core and a model child process. One task per child: a crash or a cancel
// ends only that child.
export type ToChild = { type: 'run'; task: string; payload: unknown } | { type: 'cancel' };

export type FromChild =
  | { type: 'progress'; fraction: number | null; message: string; data?: Record<string, unknown> }
  | { type: 'result'; result: unknown }
  | { type: 'error'; error: ErrorData };
