// Handled by electron/core/datasets/handlers.ts.
import { z } from 'zod';
import { method } from '../define';
import { COLUMN_KINDS, type ColumnKind, type DatasetDetail, type DatasetSummary } from '../../types/datasets';

const name = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/,
    'names use letters, digits, ".", "_" and "-" (max 128), starting with a letter or digit',
  );

// Contract entries of the datasets domain.
export const datasetMethods = {
  'datasets/add': method<DatasetDetail>()({
    summary: 'Import a CSV, TSV, Parquet or JSON Lines file as a dataset (types inferred, profile computed)',
    job: true,
    args: z
      .object({
        path: z.string().min(1, 'a path to a .csv, .tsv, .parquet or .jsonl file is required'),
        name: name.optional(),
        /** Column name (verbatim) → kind, overriding inference. Values that do not fit fail the import with their line. */
        types: z.record(z.string(), z.enum(COLUMN_KINDS as [ColumnKind, ...ColumnKind[]])).optional(),
        /** CSV/TSV/JSONL: read the file in this encoding instead of detecting it. */
        encoding: z.enum(['utf-8', 'latin-1']).optional(),
      })
      .strict(),
  }),
  'datasets/list': method<DatasetSummary[]>()({
    summary: 'All datasets in the workspace',
    job: false,
    args: z.object({}).strict(),
  }),
  'datasets/show': method<DatasetDetail>()({
    summary: 'One dataset: its columns, their kinds and profiles',
    job: false,
    args: z.object({ ref: z.string().min(1, 'a dataset name is required') }).strict(),
  }),
  'datasets/remove': method<{ removed: string }>()({
    summary: 'Delete a dataset and its rows',
    job: false,
    args: z.object({ ref: z.string().min(1, 'a dataset name is required') }).strict(),
  }),
} as const;
