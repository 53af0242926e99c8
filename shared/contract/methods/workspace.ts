// Handled by electron/core/handlers.ts (workspace/doctor → electron/core/workspace/doctor.ts; audit/list → its query).
import { z } from 'zod';
import { method } from '../define';
import type { AuditEntry, DoctorReport, WorkspaceSettings } from '../../types/workspace';

export const THEMES = ['system', 'light', 'dark'] as const;

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
  'audit/list': method<AuditEntry[]>()({
    summary: 'The audit trail, newest first: what changed, when, by which OS user, with the hashes involved',
    job: false,
    args: z
      .object({
        /** A method or its prefix: "models/", "datasets/add". */
        method: z.string().max(100).optional(),
        /** "ok" or an error code. */
        outcome: z.string().max(40).optional(),
        limit: z.number().int().min(1).max(100_000).optional(),
        /** Entries older than this id (paging). */
        beforeId: z.number().int().min(1).optional(),
      })
      .strict(),
  }),
  'settings/get': method<WorkspaceSettings>()({
    summary: "This workspace's settings (the app's theme: system, light or dark)",
    job: false,
    args: z.object({}).strict(),
  }),
  'settings/set': method<WorkspaceSettings>()({
    summary: 'Change settings of this workspace; the result is all of them after the change',
    job: false,
    args: z
      .object({
        theme: z.enum(THEMES, { message: 'theme: system, light or dark' }).optional(),
      })
      .strict(),
  }),
} as const;
