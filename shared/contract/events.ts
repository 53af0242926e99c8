import type { ErrorData } from './errors';

// Events flow from the core to every host: the CLI prints progress on stderr, the web server relays
// them over server-sent events, Electron over IPC. Names are `domain/past-tense`.

export interface JobProgress {
  /** 0..1 when the amount of work is known, else null (indeterminate). */
  fraction: number | null;
  message: string;
  /** Method-specific live data (e.g. a running p50/p99 for benchmarks). */
  data?: Record<string, unknown>;
}

export type JobState = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobInfo {
  jobId: string;
  method: string;
  state: JobState;
  startedAt: string;
  finishedAt: string | null;
  progress: JobProgress | null;
  result?: unknown;
  error?: ErrorData;
}

export type CoreEvent =
  | { type: 'job/started'; jobId: string; method: string }
  | { type: 'job/progressed'; jobId: string; method: string; progress: JobProgress }
  | { type: 'job/finished'; jobId: string; method: string; result: unknown }
  | { type: 'job/failed'; jobId: string; method: string; error: ErrorData };

export const EVENT_TYPES = ['job/started', 'job/progressed', 'job/finished', 'job/failed'] as const;
