import { z } from 'zod';
import { method } from '../define';
import type { DoctorReport } from '../../types/workspace';

export const workspaceMethods = {
  'workspace/doctor': method<DoctorReport>()({
    summary: 'Check the workspace: SQLite integrity, every stored record, model files, left-overs, the audit chain',
    job: false,
    args: z
      .object({
        /** Remove left-overs (orphaned model files, staging tables and folders); never touches records. */
        clean: z.boolean().optional(),
      })
      .strict(),
  }),
} as const;
