// Handled by electron/core/reports/handlers.ts.
import { z } from 'zod';
import { method } from '../define';
import type { ReportFile } from '../../types/reports';

// Contract entries of hand-over reports: one self-contained HTML file per screen (no script, no
// network, prints cleanly), the same bytes from the CLI (--html FILE), the app's Export and Print.
const out = {
  /** Write the report here (atomic); without it the report becomes a produced file (download / save dialog). */
  out: z.string().min(1).optional(),
  /** Return the HTML itself in `html` and write nothing (the app's Print lays out these very bytes). */
  inline: z.boolean().default(false),
};
const pointRef = z.object({ runId: z.number().int().min(1), point: z.number().int().min(0).optional() }).strict();

export const reportMethods = {
  'reports/drift': method<ReportFile>()({
    summary: 'A stored drift report as one self-contained HTML file (every number, charts as inline SVG)',
    job: false,
    args: z.object({ id: z.number().int().positive(), ...out }).strict(),
  }),
  'reports/bench': method<ReportFile>()({
    summary: 'A stored benchmark run as one self-contained HTML file (every number, charts as inline SVG)',
    job: false,
    args: z.object({ runId: z.number().int().min(1), ...out }).strict(),
  }),
  'reports/bench-compare': method<ReportFile>()({
    summary: 'The comparison of two stored benchmark points as one self-contained HTML file',
    job: false,
    args: z.object({ a: pointRef, b: pointRef, ...out }).strict(),
  }),
} as const;
