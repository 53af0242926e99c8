// Contract entries of the bench domain.
// Handled by electron/core/bench/handlers.ts (one handler per method below).
import { z } from 'zod';
import { method } from '../define';
import type {
  BenchComparisonResult,
  BenchInputsPlan,
  BenchProvider,
  BenchRun,
  BenchRunSummary,
} from '../../types/bench';

const EP_NAMES = ['cpu', 'webgpu', 'cuda', 'tensorrt', 'dml', 'coreml'] as const;
const model = z.string().min(1, 'a model is required: NAME[@VERSION] or a path to an .onnx file');
const positive = z.number().int().min(1);
const threads = z.number().int().min(0).max(1024).optional();
const sessionSettings = {
  intraOpThreads: threads,
  interOpThreads: threads,
  allowSpinning: z.boolean().optional(),
  graphOptimizationLevel: z.enum(['disabled', 'basic', 'extended', 'all']).optional(),
};
const inputSettings = {
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  /** Named symbolic dimensions: { seq: 128 }. */
  dims: z.record(z.string(), positive).optional(),
  /** Whole shapes per input: { input: [1, 512], state: [2, 1, 128] }; [] is a scalar. */
  shapes: z.record(z.string(), z.array(positive.max(2 ** 31 - 1)).max(16)).optional(),
  /** Constant values per input: { sr: 16000 }. */
  values: z.record(z.string(), z.number().refine(Number.isFinite, 'a finite number')).optional(),
};
const pointRef = z.object({ runId: positive, point: z.number().int().min(0).optional() }).strict();

export const benchMethods = {
  'bench/providers': method<BenchProvider[]>()({
    summary: 'Probe every execution provider for a model by creating a session with only that provider',
    job: false,
    args: z.object({ model }).strict(),
  }),
  'bench/start': method<BenchRun>()({
    summary: 'Benchmark a model over EPs × batch sizes × concurrency in isolated processes and store the run',
    job: true,
    args: z
      .object({
        model,
        eps: z.array(z.enum(EP_NAMES)).min(1).optional(),
        batchSizes: z.array(positive.max(65536)).min(1).optional(),
        concurrency: z.array(positive.max(64)).min(1).optional(),
        warmup: z.number().int().min(0).max(1_000_000).optional(),
        iterations: positive.max(10_000_000).optional(),
        durationSec: z.number().positive().max(3600).optional(),
        stability: z
          .object({
            windowIterations: positive.optional(),
            tolerance: z.number().positive().max(1).optional(),
            maxIterations: positive.max(10_000_000).optional(),
          })
          .strict()
          .optional(),
        ...sessionSettings,
        ...inputSettings,
        slo: z.array(z.string().min(1)).optional(),
        data: z
          .object({
            dataset: z.string().min(1),
            columns: z.array(z.string().min(1)).min(1).optional(),
            inputs: z.array(z.string().min(1)).min(1).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .refine((a) => a.iterations === undefined || a.durationSec === undefined, {
        message: 'give iterations or durationSec, not both',
      }),
  }),
  'bench/ab': method<BenchRun>()({
    summary: 'A/B benchmark: two models or settings interleaved in blocks within one process to cancel machine drift',
    job: true,
    args: z
      .object({
        a: z.object({ model, ep: z.enum(EP_NAMES).optional(), ...sessionSettings }).strict(),
        b: z.object({ model, ep: z.enum(EP_NAMES).optional(), ...sessionSettings }).strict(),
        batchSize: positive.max(65536).optional(),
        warmup: z.number().int().min(0).max(1_000_000).optional(),
        blocks: positive.max(10_000).optional(),
        blockIterations: positive.max(1_000_000).optional(),
        ...inputSettings,
      })
      .strict(),
  }),
  'bench/inputs': method<BenchInputsPlan>()({
    summary:
      "A model's inputs with dtype, declared shape and the shape a benchmark would feed (suggestions marked), before running",
    job: false,
    args: z.object({ model, batchSize: positive.max(65536).optional(), ...inputSettings }).strict(),
  }),
  'bench/list': method<BenchRunSummary[]>()({
    summary: 'Stored benchmark runs, newest first',
    job: false,
    args: z.object({ model: z.string().optional() }).strict(),
  }),
  'bench/show': method<BenchRun>()({
    summary: 'One stored benchmark run',
    job: false,
    args: z.object({ runId: positive }).strict(),
  }),
  'bench/latencies': method<{ runId: number; point: number; total: number; stride: number; latenciesMs: number[] }>()({
    summary:
      'Raw per-iteration latencies (ms, in measurement order) of one point of a stored run; every stride-th when maxSamples is given',
    job: false,
    args: pointRef.extend({ maxSamples: z.number().int().min(100).optional() }).strict(),
  }),
  'bench/compare': method<BenchComparisonResult>()({
    summary: 'Compare two stored points (bootstrap CIs per percentile, Mann–Whitney) with a plain verdict',
    job: false,
    args: z.object({ a: pointRef, b: pointRef }).strict(),
  }),
} as const;
