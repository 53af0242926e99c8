// Handled by electron/core/drift/handlers.ts.
import { z } from 'zod';
import { method } from '../define';
import type { TensorInfo } from '../../types/models';
import type { DriftProfileSummary, DriftReport, DriftReportSummary, InputMapping } from '../../types/drift';

const tests = ['ks', 'wasserstein', 'chisquare', 'ztest', 'jensenshannon', 'psi'] as const;
const threshold = z.number().positive('thresholds are positive numbers').finite();
const source = (what: string) =>
  z.string().min(1, `${what} is required: a dataset name or a .csv/.tsv/.parquet/.jsonl file`);
const mappingInputs = z
  .array(z.object({ input: z.string().min(1), columns: z.array(z.string()).min(1) }).strict())
  .min(1);

// Contract entries of the drift domain.
export const driftMethods = {
  'drift/run': method<DriftReport>()({
    summary: 'Compare a current dataset with a reference, feature by feature (Evidently rules); the report is stored',
    job: true,
    args: z
      .object({
        reference: source('reference'),
        current: source('current'),
        /** exact: read the reference values; profile: use its stored reference profile (built on first use). */
        mode: z.enum(['exact', 'profile']).default('exact'),
        /** Only these columns (verbatim names); default every column both sides share. */
        columns: z.array(z.string()).optional(),
        /** Per-test threshold, e.g. { ks: 0.01, wasserstein: 0.2 }. */
        thresholds: z.partialRecord(z.enum(tests), threshold).optional(),
        /** Per-feature test and/or threshold. */
        features: z
          .record(z.string(), z.object({ test: z.enum(tests).optional(), threshold: threshold.optional() }).strict())
          .optional(),
        datasetDriftShare: z.number().gt(0).max(1).default(0.5),
        timeColumn: z.string().min(1).optional(),
        window: z.enum(['day', 'week', 'month']).optional(),
        model: z.string().min(1).optional(),
        /** Column → input mapping for the model; saved for the next run. Default: saved, else by name / by order. */
        mapping: mappingInputs.optional(),
        /** false: compute and return the report without storing it (its id is then 0). */
        store: z.boolean().default(true),
      })
      .strict()
      .refine((a) => a.window === undefined || a.timeColumn !== undefined, {
        message: 'window needs a time column (timeColumn)',
      }),
  }),
  'drift/list': method<DriftReportSummary[]>()({
    summary: 'Stored drift reports, newest first',
    job: false,
    args: z.object({}).strict(),
  }),
  'drift/show': method<DriftReport>()({
    summary: 'One stored drift report',
    job: false,
    args: z.object({ id: z.number().int().positive() }).strict(),
  }),
  'drift/profile': method<DriftProfileSummary>()({
    summary: "Build and store a dataset's reference profile (quantile grid, bins, category counts)",
    job: true,
    args: z
      .object({
        dataset: z.string().min(1, 'a dataset name is required'),
        gridSize: z.number().int().min(100).max(100_000).default(10_000),
      })
      .strict(),
  }),
  'drift/profile-import': method<DriftProfileSummary>()({
    summary:
      'Store a reference profile written elsewhere (a bundle ships one) under a name, for profile-mode drift without its dataset',
    job: false,
    args: z
      .object({
        name: z.string().min(1).max(300),
        json: z
          .string()
          .min(2)
          .max(512 * 1024 * 1024),
      })
      .strict(),
  }),
  'drift/profiles': method<DriftProfileSummary[]>()({
    summary: 'Stored reference profiles',
    job: false,
    args: z.object({}).strict(),
  }),
  'drift/mapping': method<{
    mapping: InputMapping | null;
    inputs: TensorInfo[];
    columns: string[];
    problem: string | null;
  }>()({
    summary: "How a dataset's columns feed a model's inputs (saved, or proposed by name / by column order)",
    job: false,
    args: z.object({ model: z.string().min(1), dataset: z.string().min(1) }).strict(),
  }),
  'drift/set-mapping': method<InputMapping>()({
    summary: "Save the column → input mapping used for a model's prediction drift",
    job: false,
    args: z.object({ model: z.string().min(1), inputs: mappingInputs }).strict(),
  }),
} as const;
