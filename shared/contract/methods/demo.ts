// Handled by electron/core/demo/handlers.ts (the steps: electron/core/demo/create.ts).
import { z } from 'zod';
import { method } from '../define';
import type { DemoResult } from '../../types/demo';

// The first-run demo: a small model and datasets with planted drift, generated locally.
export const demoMethods = {
  'demo/create': method<DemoResult>()({
    summary:
      'Fill the workspace with a demo: a credit-risk model, training and production data with planted drift, a drift report and a short benchmark',
    job: true,
    args: z.object({ benchmark: z.boolean().default(true) }).strict(),
  }),
} as const;
