// Domain types for drift reports and reference profiles. Isomorphic: core, CLI and renderer.
// Numbers that cannot be computed (an empty side, a constant column for a test that needs spread)
// are null, never NaN, so every report survives JSON.

export type DriftKind = 'numerical' | 'categorical';

/** Evidently's stat test names, shortened: ks, wasserstein (normed), chisquare, ztest, jensenshannon, psi. */
export type DriftTest = 'ks' | 'wasserstein' | 'chisquare' | 'ztest' | 'jensenshannon' | 'psi';
export const DRIFT_TESTS: readonly DriftTest[] = ['ks', 'wasserstein', 'chisquare', 'ztest', 'jensenshannon', 'psi'];

export type TimeWindowUnit = 'day' | 'week' | 'month';

/** Per-feature override of the default test and/or its threshold. */
export interface FeatureOverride {
  test?: DriftTest;
  threshold?: number;
}

export interface DriftMetrics {
  ksStatistic: number | null;
  ksPValue: number | null;
  /** W1 / max(population std of the reference, 0.001). */
  wassersteinNormed: number | null;
  /** PSI on reference decile bins (+ under/overflow) for numerical columns, on categories otherwise. */
  psi: number | null;
  /** Natural-log JS distance, on the same bins/categories as PSI. */
  jensenShannon: number | null;
  chiSquarePValue: number | null;
  /** Effect size beside chiSquarePValue. */
  cramersV: number | null;
  /** Only for columns with at most 2 distinct values. */
  zTestPValue: number | null;
  /** Effect size beside zTestPValue (reference minus current). */
  cohensH: number | null;
}

/** Reference and current shares on the same bins, for the overlaid chart. */
export type DriftHistogram =
  | { kind: 'numerical'; edges: number[]; reference: number[]; current: number[] }
  | { kind: 'categorical'; categories: string[]; reference: number[]; current: number[] };

export interface FeatureDrift {
  name: string;
  kind: DriftKind;
  /** The dataset column type (integer, float, boolean, categorical, text…). */
  columnType: string;
  /** False when a side has no values: no verdict, see `findings`. Untested features do not count in the dataset share. */
  tested: boolean;
  test: DriftTest;
  /** The deciding metric's value (a p-value for ks/chisquare/ztest, a distance otherwise). */
  score: number | null;
  scoreKind: 'p_value' | 'distance';
  threshold: number;
  drifted: boolean;
  /** True when test or threshold came from an override rather than Evidently's default rule. */
  overridden: boolean;
  /** Magnitude that does not grow with n, beside the p-value: KS D, Cramér's V, Cohen's h, or the distance itself. */
  effectSize: {
    name: 'ks_statistic' | 'cramers_v' | 'cohens_h' | 'wasserstein_normed' | 'jensen_shannon' | 'psi';
    value: number | null;
  };
  /** Share of rows with no value (null, empty or NaN), per side. */
  missing: { reference: number | null; current: number | null };
  rows: { reference: number; current: number };
  /** Values counted by the tests (finite / non-missing). */
  values: { reference: number; current: number };
  /** Distinct non-missing values across both sides (Evidently's rule input), capped at 1000. */
  uniqueValues: number;
  /** Share of current values in categories the reference never had (categorical only). */
  unseenCategoryShare: number | null;
  /** Share of current finite values outside [reference min, reference max] (numerical only). */
  outOfRangeShare: number | null;
  metrics: DriftMetrics;
  /** Only when computed from a reference profile: bounds on |profile − exact| (see drift-profile/README). */
  approximation: { ksStatistic: number; wassersteinNormed: number } | null;
  findings: string[];
  histogram: DriftHistogram | null;
}

export interface SchemaDiff {
  missingInCurrent: string[];
  newInCurrent: string[];
  typeChanged: { name: string; reference: string; current: string }[];
}

export interface DatasetDrift {
  drifted: number;
  total: number;
  share: number;
  threshold: number;
  detected: boolean;
}

export interface TimeWindowCell {
  score: number | null;
  drifted: boolean;
  rows: number;
}

export interface TimeWindows {
  column: string;
  unit: TimeWindowUnit;
  /** ISO start (inclusive) of each window, ascending; windows with no rows are omitted. */
  windows: { start: string; label: string; rows: number; driftShare: number; detected: boolean }[];
  features: string[];
  /** cells[f][w]: feature f in window w against the whole reference. */
  cells: TimeWindowCell[][];
  /** Label of the first window where each feature drifted, or null. */
  firstDrift: Record<string, string | null>;
  /** Rows whose time value could not be read (missing or unparseable). */
  skippedRows: number;
}

export interface InputMapping {
  /** Per model input, the dataset columns that fill it (one column for [N] / [N,1], K columns in order for [N,K]). */
  inputs: { input: string; columns: string[] }[];
  how: 'by-name' | 'by-order' | 'saved' | 'given';
}

export interface PredictionDrift {
  model: string;
  mapping: InputMapping;
  rows: { reference: number; current: number };
  /** Rows not scored because an input value was missing. */
  skipped: { reference: number; current: number };
  /** One entry per output signal: class mix (categorical) and score distributions (numerical). */
  outputs: FeatureDrift[];
  dataset: DatasetDrift;
}

export interface DriftReport {
  id: number;
  createdAt: string;
  reference: { name: string; rows: number; source: 'dataset' | 'profile' };
  current: { name: string; rows: number };
  mode: 'exact' | 'profile';
  dataset: DatasetDrift;
  features: FeatureDrift[];
  schema: SchemaDiff;
  /** Report-level notes (skipped columns, empty datasets…). */
  findings: string[];
  windows: TimeWindows | null;
  predictions: PredictionDrift | null;
  timings: { readSeconds: number; computeSeconds: number; totalSeconds: number };
}

export interface DriftReportSummary {
  id: number;
  createdAt: string;
  reference: string;
  current: string;
  model: string | null;
  dataset: DatasetDrift;
}

// ——— reference profiles ———

export interface NumericDriftProfile {
  kind: 'numerical';
  rows: number;
  /** Finite values. */
  count: number;
  /** null / empty cells. */
  missing: number;
  nan: number;
  posInf: number;
  negInf: number;
  /** Of the finite values; 0 when count is 0. */
  min: number;
  max: number;
  mean: number;
  /** Population std (ddof 0), Evidently's Wasserstein normaliser. */
  std: number;
  /** Grid intervals: points[i] = numpy.quantile(values, i / gridSize). */
  gridSize: number;
  /** True when `points` holds every finite value, sorted (count ≤ gridSize + 1): profile results are then exact. */
  exact: boolean;
  points: Float64Array;
  /** Reference decile edges for PSI / JS, and reference counts in [below, bins…, above]. */
  binEdges: number[];
  binCounts: number[];
  /** Exact value counts when the reference has at most 32 distinct values, else null. */
  distinct: [number, number][] | null;
}

export interface CategoricalDriftProfile {
  kind: 'categorical';
  rows: number;
  count: number;
  missing: number;
  categories: [string, number][];
  /** More categories than the profile keeps: the rarest were folded away (unseen shares become upper bounds). */
  truncated: boolean;
}

export interface ColumnDriftProfile {
  name: string;
  columnType: string;
  profile: NumericDriftProfile | CategoricalDriftProfile | null;
}

export interface DatasetDriftProfile {
  version: 1;
  dataset: string;
  rows: number;
  createdAt: string;
  gridSize: number;
  columns: ColumnDriftProfile[];
}

export interface DriftProfileSummary {
  id: number;
  dataset: string;
  rows: number;
  columns: number;
  gridSize: number;
  createdAt: string;
  bytes: number;
}
