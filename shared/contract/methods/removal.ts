// Handled by electron/core/removal/handlers.ts (models/remove), electron/core/bench/handlers.ts (bench/remove)
// and electron/core/drift/handlers.ts (drift/remove); the removals themselves: electron/core/removal/remove.ts.
import { z } from 'zod';
import { method } from '../define';
import type { RemovalResult } from '../../types/removal';

// Contract entries that delete: a model version, a benchmark run, a drift report. dryRun answers what
// the removal would take with it and what refers to it (the confirmation); anything an exported
// bundle was made from is kept unless force.
const options = {
  force: z.boolean().default(false),
  dryRun: z.boolean().default(false),
};

export const removalMethods = {
  'models/remove': method<RemovalResult>()({
    summary:
      'Remove a model version (NAME@VERSION) with its benchmark runs, drift reports and attestations; its stored bytes unless another version shares them',
    job: false,
    args: z.object({ ref: z.string().min(1, 'a model version is required, e.g. my-model@2'), ...options }).strict(),
  }),
  'bench/remove': method<RemovalResult>()({
    summary: 'Remove a stored benchmark run and its raw latencies',
    job: false,
    args: z.object({ runId: z.number().int().min(1), ...options }).strict(),
  }),
  'drift/remove': method<RemovalResult>()({
    summary: 'Remove a stored drift report',
    job: false,
    args: z.object({ id: z.number().int().positive(), ...options }).strict(),
  }),
} as const;
