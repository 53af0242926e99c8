// Contract entries of deployment bundles (export, verify), signing keys and produced files.
// Handled by electron/core/bundles/handlers.ts (export, verify, validate, keys, produced files).
import { z } from 'zod';
import { method } from '../define';
import type {
  BundleSummary,
  BundlePreview,
  KeyPairResult,
  ProducedFile,
  ValidateResult,
  VerifyResult,
} from '../../types/bundles';

const modelRef = z.string().min(1, 'a model is required: NAME or NAME@VERSION');
const runId = z.number().int().positive();
const path = (what: string) => z.string().min(1, `${what} is required`);

/** A latency objective as on the CLI: "p99<=20ms", optionally for one batch size ("b8:p99<=30ms"). */
const slo = z.string().min(1);

export const fallbackArgs = z
  .object({
    /** The model output holding the probability or score (default: the first float output). */
    output: z.string().min(1).optional(),
    /** Confidence at or above which the model decides. Give this or automationRate. */
    threshold: z.number().min(0).max(1).optional(),
    /** Share of reference rows the model should decide; the threshold is chosen to reach it. */
    automationRate: z.number().gt(0).max(1).optional(),
    /** What serves a request below the threshold. */
    action: z.string().min(1).max(200).default('human review'),
    /** A column of the reference dataset holding the true class (index or label), for accuracy above/below. */
    labelColumn: z.string().min(1).optional(),
  })
  .strict()
  .refine((f) => f.threshold === undefined || f.automationRate === undefined, {
    message: 'give a threshold or an automation rate, not both',
  });

const exportPlan = {
  model: modelRef,
  reference: z.string().min(1, 'a reference (training) dataset is required'),
  /** Benchmark run to ship; default the latest run of this model version; null: none. */
  bench: runId.nullable().optional(),
  /** Drift report to ship; default the latest report on this model and reference; null: none. */
  drift: runId.nullable().optional(),
  slos: z.array(slo).optional(),
  /** Headroom over the measured percentile for SLOs derived from the benchmark (1.25 = +25%). */
  sloHeadroom: z.number().min(1).max(10).default(1.25),
  fallback: fallbackArgs.nullable().optional(),
  goldenRows: z.number().int().min(1).max(1000).default(16),
  owner: z
    .object({
      team: z.string().max(200).default(''),
      contact: z.string().max(200).default(''),
      escalation: z.string().max(200).default(''),
    })
    .strict()
    .optional(),
};

export const bundleMethods = {
  'bundles/preview': method<BundlePreview>()({
    summary:
      'What an export would put in a bundle: sources, SLOs, feature rules, fallback curve, runbook — nothing is written',
    job: true,
    args: z.object(exportPlan).strict(),
  }),
  'bundles/export': method<BundleSummary>()({
    summary:
      'Export a deployment bundle (.zip): model, contracts, reference profile, SLOs, golden rows, fallback policy, runbook, BOM, manifest, OMS signature',
    job: true,
    args: z
      .object({
        ...exportPlan,
        /** Where to write the .zip (atomic); without it the bundle becomes a produced file (download / save dialog). */
        out: z.string().min(1).optional(),
        /** Private key file (PEM, ECDSA P-256) to sign with; or signingKeyPem with the key itself (never stored). Unsigned without either. */
        signingKey: z.string().min(1).optional(),
        signingKeyPem: z.string().min(1).max(20_000).optional(),
        /** Overwrite an existing file at `out`. */
        overwrite: z.boolean().default(false),
      })
      .strict()
      .refine((a) => a.signingKey === undefined || a.signingKeyPem === undefined, {
        message: 'give signingKey or signingKeyPem, not both',
      }),
  }),
  'bundles/list': method<BundleSummary[]>()({
    summary: 'Bundles exported from this workspace, newest first',
    job: false,
    args: z.object({}).strict(),
  }),
  'bundles/verify': method<VerifyResult>()({
    summary: 'Verify a bundle (digests, signature, schemas, load, opsets, golden replay) or an OMS-signed model folder',
    job: true,
    args: z
      .object({
        path: path('a bundle .zip or a model folder'),
        /** Public key file (PEM); or keyPem with the key itself. */
        key: z.string().min(1).optional(),
        keyPem: z.string().min(1).max(20_000).optional(),
        replay: z.boolean().default(false),
        /** Folders only: the OMS signature file (default <folder>/model.sig). */
        signature: z.string().min(1).optional(),
        /** Folders only: paths the signature does not cover (model.sig is always ignored). */
        ignorePaths: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .refine((a) => a.key === undefined || a.keyPem === undefined, { message: 'give key or keyPem, not both' }),
  }),
  'bundles/validate': method<ValidateResult>()({
    summary:
      "Check a production batch against a bundle's contract (schema, quality, drift, predictions, fallback) using only the bundle",
    job: true,
    args: z
      .object({
        bundle: path('a bundle .zip'),
        /** A .csv/.tsv/.parquet/.jsonl file, or a dataset of this workspace. */
        data: path('the batch to validate (a file or a dataset name)'),
        /** Columns of the batch holding the model's logged outputs, in the order of the bundle's output signals. */
        predictions: z.array(z.string().min(1)).optional(),
        timeColumn: z.string().min(1).optional(),
        window: z.enum(['day', 'week', 'month']).optional(),
        /** Write a self-contained HTML report here; `true` makes it a produced file (download / save dialog). */
        report: z.union([z.string().min(1), z.literal(true)]).optional(),
        /** Keep the imported batch as a dataset of this workspace (default: removed after the check). */
        keepData: z.boolean().default(false),
      })
      .strict()
      .refine((a) => a.window === undefined || a.timeColumn !== undefined, {
        message: 'window needs a time column (timeColumn)',
      }),
  }),
  'keys/generate': method<KeyPairResult>()({
    summary: 'Generate an ECDSA P-256 signing key pair (private key written with mode 0600)',
    job: false,
    args: z
      .object({
        dir: path('a folder for the key pair'),
        name: z
          .string()
          .regex(/^[A-Za-z0-9._-]{1,64}$/)
          .default('preflight-signing'),
      })
      .strict(),
  }),
  'files/info': method<ProducedFile>()({
    summary: 'A file the core produced (bundle, report): name, size, digest and where it is',
    job: false,
    args: z.object({ id: z.string().regex(/^[a-f0-9-]{8,64}$/, 'a produced-file id') }).strict(),
  }),
} as const;
