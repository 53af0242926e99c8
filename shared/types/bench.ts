// Domain types for latency benchmarks. Isomorphic: used by the core, the CLI and the renderer.
import type { LatencySummary, RunComparison } from '../math/latency/index';

/** Execution providers Preflight knows how to ask onnxruntime-node for. */
export type EpName = 'cpu' | 'webgpu' | 'cuda' | 'tensorrt' | 'dml' | 'coreml';

/** One EP probed for one model by creating a session with only that EP. `reason` is onnxruntime's own words. */
export interface BenchProvider {
  name: EpName;
  available: boolean;
  reason: string | null;
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
  /** Inputs from a dataset's rows instead of synthetic values (null: synthetic, seeded). */
  data: { dataset: string; columns: string[] | null } | null;
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
  /** The session options actually used (EP, threads, spinning, optimisation level). */
  sessionOptions: Record<string, unknown>;
  /** Input shapes fed, e.g. { x: 'float32[8,4]' }. */
  inputs: Record<string, string>;
  /** Where the input values came from: "synthetic, seed 1" or the dataset, batches and columns. */
  inputSource: string;
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

export interface BenchComparisonResult {
  a: { runId: number; point: number; label: string; model: string };
  b: { runId: number; point: number; label: string; model: string };
  comparison: RunComparison;
}

export type { LatencySummary, RunComparison };
