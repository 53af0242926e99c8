// Domain types of deployment bundles. Isomorphic: core, CLI and renderer.
// A bundle is one .zip ops can verify and use with no network; its layout is in
// electron/core/bundles/README.md.

import type { BenchEnvironment, EpName } from './bench';
import type { DatasetDriftProfile, DriftTest } from './drift';
import type { ModelFile, OnnxMetadata } from './models';
import type { DriftReport } from './drift';

/** One latency objective of the bundle, with the measurement it was derived from or checked against. */
export interface BundleSlo {
  /** e.g. "p99<=12.5ms" */
  text: string;
  percentile: 'mean' | 'p50' | 'p90' | 'p95' | 'p99' | 'p999' | 'max';
  thresholdMs: number;
  ep: EpName;
  batchSize: number;
  concurrency: number;
  /** The benchmark's value for that percentile at that point (null: no benchmark in the bundle). */
  measuredMs: number | null;
  /** 'measured': derived from the benchmark (measured value × headroom); 'user': given with --slo. */
  origin: 'measured' | 'user';
  /** measuredMs within the threshold (null without a measurement). */
  met: boolean | null;
}

/** Per-feature drift rule shipped with the bundle (Evidently's default test for the reference size, or an override). */
export interface FeatureRule {
  name: string;
  /** Dataset column kind (integer, float, boolean, datetime, categorical). */
  columnType: string;
  kind: 'numerical' | 'categorical' | 'none';
  nullable: boolean;
  /** Share of missing values in the reference. */
  referenceNullRate: number;
  /** Null rate above which the contract is broken: max(reference × 2, reference + 0.01), capped at 1. */
  maxNullRate: number;
  /** Numerical: the reference range. */
  min: number | null;
  max: number | null;
  /** Out-of-range share allowed (numerical). */
  maxOutOfRangeShare: number | null;
  /** Categorical: every category seen in the reference (null when the profile was truncated). */
  categories: string[] | null;
  /** Unseen-category share allowed (categorical). */
  maxUnseenShare: number | null;
  drift: { test: DriftTest; threshold: number; scoreKind: 'p_value' | 'distance' } | null;
  /** Score of this feature in the drift report shipped with the bundle (null: none). */
  driftScore: number | null;
  /** Which model input (and position within it) this column feeds, when the mapping is known. */
  input: { name: string; index: number } | null;
}

/** Confidence-gated fallback, measured on the reference rows. */
export interface FallbackPolicy {
  output: string;
  /** How the confidence is read from the output: max over classes, or max(p, 1 − p) for one score. */
  confidence: 'max-class-probability' | 'binary-score';
  threshold: number;
  /** What serves the request below the threshold (rule, safe default, human review…). */
  fallback: string;
  /** Measured on the reference rows at export. */
  measured: {
    rows: number;
    automationRate: number;
    /** With a label column: accuracy at or above / below the threshold. */
    accuracyAbove: number | null;
    accuracyBelow: number | null;
    labelColumn: string | null;
  };
  /** Confidence histogram (20 bins over [0,1]) and the automation/accuracy curve over thresholds. */
  histogram: { edges: number[]; counts: number[] };
  curve: { threshold: number; automationRate: number; accuracyAbove: number | null }[];
}

export type FallbackOutcome = { policy: FallbackPolicy; reason: null } | { policy: null; reason: string };

/** Golden rows: model inputs and the outputs onnxruntime produced at export, for replay. */
export interface GoldenSet {
  rows: number;
  tolerance: { rtol: number; atol: number };
  /** name → { dtype, shape, values (row-major, numbers; int64 as numbers when safe, else strings) }. */
  inputs: Record<string, GoldenTensor>;
  outputs: Record<string, GoldenTensor>;
}

export interface GoldenTensor {
  dtype: string;
  shape: number[];
  values: (number | string | boolean)[];
}

/** Everything a bundle's parts are generated from (pure data; the generators do no I/O). */
export interface BundleFacts {
  /** File-name stem for contracts/<stem>.*: the model name. */
  stem: string;
  model: {
    name: string;
    version: number;
    sha256: string;
    contentDigest: string;
    files: ModelFile[];
    metadata: OnnxMetadata;
    addedAt: string;
  };
  /** The rollback target: the previous version of the same model, if any. */
  previous: { name: string; version: number; sha256: string } | null;
  reference: {
    dataset: string;
    rows: number;
    /** SHA-256 of reference/profile.json as shipped. */
    profileSha256: string;
    profile: DatasetDriftProfile;
  };
  features: FeatureRule[];
  /** Dataset drift share threshold. */
  datasetDriftShare: number;
  bench: {
    runId: number;
    startedAt: string;
    environment: BenchEnvironment;
    points: {
      ep: EpName;
      batchSize: number;
      concurrency: number;
      iterations: number;
      latencyMs: { mean: number; p50: number; p90: number; p95: number; p99: number; p999: number; max: number };
      throughput: number;
      peakRssBytes: number | null;
    }[];
  } | null;
  drift: {
    reportId: number;
    createdAt: string;
    current: string;
    share: number;
    detected: boolean;
    /** Prediction drift outputs (score distributions) when the report has them. */
    predictionScores: { name: string; score: number | null; threshold: number; test: DriftTest }[];
  } | null;
  slos: BundleSlo[];
  fallback: FallbackOutcome;
  golden: GoldenSet | null;
  /** Which reference columns feed which model input, in order (null: the inputs cannot be fed from the reference). */
  mapping: { input: string; columns: string[] }[] | null;
  /** The model's outputs on the reference sample, profiled like features (reference/predictions.json). */
  predictions: DatasetDriftProfile | null;
  /** The production-ready checklist at export (readiness.json; the runbook's first section). */
  readiness?:
    | {
        id: string;
        title: string;
        state: string;
        detail: string;
        evidence: { label: string; sha256: string | null }[];
      }[]
    | null;
  owner: { team: string; contact: string; escalation: string };
  versions: { preflight: string; onnxruntime: string };
  createdAt: string;
}

/** manifest.json: every file of the bundle (but itself and model.sig) with its digest. */
export interface BundleManifest {
  format: 'preflight-bundle';
  formatVersion: 1;
  createdAt: string;
  preflightVersion: string;
  onnxruntimeVersion: string;
  sources: {
    model: { name: string; version: number; sha256: string };
    reference: { dataset: string; rows: number; profileSha256: string };
    benchRun: number | null;
    driftReport: number | null;
  };
  files: { path: string; sha256: string; size: number }[];
}

/** One check of `verify`, naming the file it concerns. */
export interface VerifyCheck {
  check: 'zip' | 'manifest' | 'digest' | 'signature' | 'schema' | 'load' | 'opset' | 'replay';
  file: string | null;
  ok: boolean;
  /** 'skipped' checks are neither passed nor failed (e.g. signature without --key). */
  skipped?: boolean;
  message: string;
}

export interface VerifyResult {
  path: string;
  kind: 'bundle' | 'oms-folder';
  ok: boolean;
  /** true only when a signature was checked against a given key and held. */
  trusted: boolean;
  signer: { keyFingerprint: string } | null;
  checks: VerifyCheck[];
  seconds: number;
}

export interface BundleSummary {
  id: number;
  createdAt: string;
  model: { name: string; version: number; sha256: string };
  reference: string;
  benchRun: number | null;
  driftReport: number | null;
  signed: boolean;
  keyFingerprint: string | null;
  /** SHA-256 of the .zip as written. */
  sha256: string;
  bytes: number;
  /** Where it was written (CLI) or the produced-file id (app). */
  path: string;
  fileId: string | null;
  exportSeconds: number;
}

export interface KeyPairResult {
  privateKeyPath: string;
  publicKeyPath: string;
  /** SHA-256 of the public key's SPKI PEM text (not the DER), hex: the "hint" model_signing writes (sign_ec_key.py). */
  fingerprint: string;
  curve: 'P-256';
}

/** A file the core produced for the user (bundle, report): web mode serves it, the desktop saves it. */
export interface ProducedFile {
  id: string;
  name: string;
  kind: 'bundle' | 'report';
  bytes: number;
  sha256: string;
  createdAt: string;
  /** Absolute path inside the workspace (hosts copy or stream it; never shown as a download URL). */
  path: string;
  mediaType: string;
}

/** What an export would contain, shown before exporting (no file written). */
export interface BundlePreview {
  model: { name: string; version: number; sha256: string };
  previous: { name: string; version: number; sha256: string } | null;
  reference: { dataset: string; rows: number };
  bench: { runId: number; startedAt: string } | null;
  drift: { reportId: number; createdAt: string; current: string } | null;
  /** Runs and reports the user may choose instead. */
  choices: {
    benchRuns: { runId: number; startedAt: string }[];
    driftReports: { id: number; createdAt: string; current: string }[];
  };
  slos: BundleSlo[];
  features: FeatureRule[];
  fallback: FallbackOutcome;
  /** Float outputs a fallback can read, for the form's choice. */
  scoreOutputs: string[];
  /** Reference columns, for the label-column choice. */
  columns: string[];
  runbookMarkdown: string;
  warnings: string[];
}

/** contracts/features.json: the data contract's rules in the form `preflight validate` reads. */
export interface FeatureContract {
  version: 1;
  model: { name: string; version: number; sha256: string };
  reference: { dataset: string; rows: number; profileSha256: string };
  datasetDriftShare: number;
  features: FeatureRule[];
  mapping: { input: string; columns: string[] }[] | null;
  /** Output signals profiled in reference/predictions.json (null: none). */
  predictions: string[] | null;
}

/** One rule of the contract checked on a production batch. */
export interface ValidateCheck {
  kind: 'schema' | 'quality' | 'drift' | 'prediction' | 'fallback';
  rule:
    | 'missing-feature'
    | 'new-column'
    | 'type'
    | 'unreadable-values'
    | 'null-rate'
    | 'nan-inf'
    | 'out-of-range'
    | 'unseen-categories'
    | 'drift'
    | 'dataset-drift'
    | 'prediction-drift'
    | 'automation-rate';
  feature: string | null;
  /** Broken rules make the batch fail (exit 1); notices (ok with notice: true) are shown, not counted. */
  ok: boolean;
  notice?: boolean;
  value: number | null;
  limit: number | null;
  message: string;
  /** 1-based data rows of the first offending values (unreadable values). */
  rows?: number[];
  /** Per time window: the label of the first window where the rule broke. */
  firstWindow?: string | null;
}

export interface ValidateResult {
  bundle: { path: string; model: { name: string; version: number; sha256: string }; reference: string };
  data: { name: string; rows: number; file: string | null };
  ok: boolean;
  broken: number;
  checks: ValidateCheck[];
  /** The drift comparison in the drift report's shape (profile mode, the bundle's thresholds). */
  drift: DriftReport | null;
  /** How the model's outputs were obtained: logged columns, the model run on the batch, or neither. */
  predictions: { how: 'logged' | 'model' | 'none'; columns: string[]; reason: string | null };
  fallback: { threshold: number; measuredAutomationRate: number; automationRate: number; rows: number } | null;
  /** Self-contained HTML report, when asked for. */
  report: { path: string; fileId: string | null } | null;
  seconds: number;
}

/** What the workspace keeps of an export besides its manifest: the facts readiness reads. */
export interface BundleRecordFacts {
  goldenRows: number;
  fallback: { output: string; threshold: number; automationRate: number } | { reason: string };
  previous: { version: number; sha256: string } | null;
  /** The runbook's thresholds came from a benchmark and from a drift report (else it says "not measured"). */
  measured: { bench: boolean; drift: boolean };
}
