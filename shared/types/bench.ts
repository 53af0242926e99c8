// Domain types for latency benchmarks. Isomorphic: used by the core, the CLI and the renderer.
import type { PlannedInput } from '../bench/input-plan';
import type { LatencySummary, RunComparison } from '../math/latency/index';

/** Execution providers Preflight knows how to ask onnxruntime-node for. */
export type EpName = 'cpu' | 'webgpu' | 'cuda' | 'tensorrt' | 'dml' | 'coreml';

/** One EP probed for one model by creating a session with only that EP. `reason` is onnxruntime's own words. */
export interface BenchProvider {
  name: EpName;
  available: boolean;
  reason: string | null;
  /** Why it cannot run in one line ("WebGPU: no GPU adapter found"); null when available or stored before summaries. */
  summary?: string | null;
}

export type GraphOptimizationLevel = 'disabled' | 'basic' | 'extended' | 'all';

/** Session and measurement settings shared by every point of a run. */
export interface BenchSettings {
  eps: EpName[];
  batchSizes: number[];
  concurrency: number[];
  warmup: number;
  /** Exactly one of iterations / durationSec drives the measurement; stability adds a stop rule. */
  iterations: number | null;
  durationSec: number | null;
  stability: { windowIterations: number; tolerance: number; maxIterations: number } | null;
  intraOpThreads: number | null;
  interOpThreads: number | null;
  /** null = onnxruntime's default (spinning on). */
  allowSpinning: boolean | null;
  graphOptimizationLevel: GraphOptimizationLevel;
  seed: number;
  /** Overrides for symbolic dimensions by name; the batch size fills the first symbolic dimension. */
  dims: Record<string, number>;
  /** Whole shapes per input (--shape NAME=1x512); absent in runs stored before they existed. */
  shapes?: Record<string, number[]>;
  /** Constant values per input (--value NAME=16000); absent in runs stored before they existed. */
  values?: Record<string, number>;
  /**
   * Inputs from a dataset's rows instead of synthetic values (null: synthetic, seeded). `inputs`
   * names the model inputs fed from it (default: every input without a constant value).
   */
  data: { dataset: string; columns: string[] | null; inputs?: string[] | null } | null;
}

/** One input as it was fed to a point: `--json` carries these per point. */
export interface BenchInput {
  name: string;
  /** onnxruntime tensor type: float32, int64, … */
  dtype: string;
  /** The concrete shape fed ([] for a scalar). */
  shape: number[];
  /** Where the values came from: "random uniform [-1, 1), seed 1", "constant 16000", "dataset d: columns a, b". */
  source: string;
  /** The shape as the model declares it, "?" for an unnamed free dimension: "[?,3,48,?]". */
  declared: string;
  /** The dimensions (and random integer scalars) nobody set: why each has the value it has. Empty when none. */
  assumed: string[];
}

/** A latency objective: `p99<=20ms`, optionally only for one batch size (`b8:p99<=30ms`). */
export interface SloSpec {
  text: string;
  percentile: 'mean' | 'p50' | 'p90' | 'p95' | 'p99' | 'p999' | 'max';
  op: '<=' | '<';
  thresholdMs: number;
  batchSize: number | null;
}

export interface SloCheck {
  slo: string;
  ep: EpName;
  batchSize: number;
  concurrency: number;
  valueMs: number;
  passed: boolean;
  /** Why a check failed without a value (the point produced no numbers). */
  reason?: string;
}

export interface SloVerdict {
  passed: boolean;
  checks: SloCheck[];
}

export interface BenchEnvironment {
  os: string;
  platform: string;
  arch: string;
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  nodeVersion: string;
  ortVersion: string;
  gpuAdapter: string | null;
}

/** The latency statistics of one point, in ms (see shared/math/latency/summary.ts for how each is computed). */
export type BenchLatencyMs = Omit<LatencySummary, 'n'>;

/** One point of the sweep (or one arm of an A/B run). Failed points carry `error` and no numbers. */
export interface BenchPointResult {
  index: number;
  /** "cpu b8 c2", or "A" / "B" in an A/B run. */
  label: string;
  ep: EpName;
  batchSize: number;
  concurrency: number;
  warmup: number;
  iterations: number;
  sessionCreateMs: number | null;
  firstRunMs: number | null;
  latencyMs: BenchLatencyMs | null;
  percentileMethod: string;
  throughput: { inferencesPerSec: number; itemsPerSec: number } | null;
  peakRssBytes: number | null;
  warnings: string[];
  error: string | null;
  /** `error` in one line without onnxruntime's source paths ("WebGPU: no GPU adapter found"); `error` keeps the verbatim words. */
  errorSummary?: string | null;
  /** The session options actually used (EP, threads, spinning, optimisation level). */
  sessionOptions: Record<string, unknown>;
  /** Each input fed: name, dtype, shape, value source (and what was assumed about it). */
  inputs: BenchInput[];
  /** The same shapes in short form, e.g. { x: 'float32[8,4]' } (what `inputs` held before it listed sources). */
  inputShapes: Record<string, string>;
  /** Where the input values came from: "synthetic, seed 1" or the dataset, batches and columns. */
  inputSource: string;
  /**
   * The prominent warning when any input dimension or scalar was assumed rather than set ("INPUTS
   * ASSUMED: …"), null when every shape was determined. Also the first entry of `warnings`.
   */
  inputsAssumed: string | null;
  /** p50 of each measurement window, in order (stability evidence). */
  windowP50s: number[];
}

export interface BenchRun {
  runId: number;
  kind: 'sweep' | 'ab';
  model: { name: string; version: number; sha256: string };
  startedAt: string;
  finishedAt: string;
  settings: BenchSettings;
  providers: BenchProvider[];
  environment: BenchEnvironment;
  results: BenchPointResult[];
  slo: SloSpec[];
  sloVerdict: SloVerdict | null;
  warnings: string[];
  /** A/B runs: B against A. */
  comparison: RunComparison | null;
}

export interface BenchRunSummary {
  runId: number;
  kind: 'sweep' | 'ab';
  model: { name: string; version: number; sha256: string };
  startedAt: string;
  points: number;
  eps: EpName[];
  /** Best p50 over the points, ms (null when every point failed). */
  bestP50Ms: number | null;
  sloPassed: boolean | null;
  /** Distinct inputs fed over the points, "x float32[1,3,48,320] random uniform [-1, 1), seed 1". */
  inputs?: string[];
  /** Whether any point fed an assumed (not set) dimension or scalar. */
  inputsAssumed?: boolean;
}

/** Live data in a bench job's progress events. */
export interface BenchProgressData {
  point: number;
  points: number;
  label: string;
  iterations: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

/** One side of a comparison, with what it fed and what it assumed. */
export interface BenchComparisonSide {
  runId: number;
  point: number;
  label: string;
  model: string;
  sha256: string;
  inputs: BenchInput[];
  inputsAssumed: string | null;
}

export interface BenchComparisonResult {
  a: BenchComparisonSide;
  b: BenchComparisonSide;
  comparison: RunComparison;
  /** false when the two points measured different work (inputs, model bytes, session settings): no significance verdict then. */
  comparable: boolean;
  /** Why not, one sentence each ([] when comparable). */
  reasons: string[];
}

/** bench/inputs: what a run would feed, for the forms to show and edit before anything runs. */
export interface BenchInputsPlan {
  model: { name: string; version: number; sha256: string };
  batchSize: number;
  inputs: PlannedInput[];
  /** The prominent warning the run would carry (null when every shape is determined). */
  inputsAssumed: string | null;
  /** Named symbolic dimensions (valid --dim names). */
  dimNames: string[];
}

export type { LatencySummary, RunComparison, PlannedInput };
