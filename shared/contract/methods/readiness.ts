// Contract entries of readiness: the production-ready checklist per model version.
// Handled by electron/core/readiness/handlers.ts (the checklist's items: electron/core/readiness/items.ts).
import { z } from 'zod';
import { method } from '../define';
import type { Readiness, ReadinessSummary } from '../../types/readiness';

const ref = z.string().min(1, 'a model is required: NAME or NAME@VERSION');

export const readinessMethods = {
  'ready/show': method<Readiness>()({
    summary:
      'The production-ready checklist of one model version: each item proven, stale, missing or attested, with its evidence',
    job: false,
    args: z.object({ ref }).strict(),
  }),
  'ready/list': method<ReadinessSummary[]>()({
    summary: 'The checklist of every model version, one row each',
    job: false,
    args: z.object({}).strict(),
  }),
  'ready/settings': method<{ model: string; targetEp: string; maxAgeDays: number }>()({
    summary: "Set a model's target execution provider (latency is proven only there) and how old evidence may be",
    job: false,
    args: z
      .object({
        model: z.string().min(1),
        targetEp: z.enum(['cpu', 'webgpu', 'cuda', 'tensorrt', 'dml', 'coreml']).optional(),
        maxAgeDays: z.number().int().min(1).max(3650).optional(),
      })
      .strict(),
  }),
  'ready/attest': method<Readiness>()({
    summary:
      'Record an attestation (retraining is automated): who, and a link to the pipeline; shown as attested, never as proven',
    job: false,
    args: z
      .object({
        ref,
        item: z.enum(['retraining']),
        by: z.string().min(1).max(200),
        link: z.string().max(2000).optional(),
        note: z.string().max(2000).optional(),
      })
      .strict(),
  }),
} as const;
