// Handled by electron/core/handlers.ts (one line each, over the job manager in electron/core/jobs/manager.ts).
import { z } from 'zod';
import { method } from '../define';
import type { JobInfo } from '../events';

export const jobMethods = {
  'jobs/get': method<JobInfo>()({
    summary: 'State, progress and result of a job',
    job: false,
    args: z.object({ jobId: z.string().min(1) }).strict(),
  }),
  'jobs/list': method<JobInfo[]>()({
    summary: 'Jobs started since this core started',
    job: false,
    args: z.object({}).strict(),
  }),
  'jobs/cancel': method<JobInfo>()({
    summary: 'Ask a running job to stop; it ends with CANCELLED and writes nothing half-done',
    job: false,
    args: z.object({ jobId: z.string().min(1) }).strict(),
  }),
} as const;
