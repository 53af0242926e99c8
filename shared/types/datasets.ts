// Domain types of the datasets registry. Isomorphic: used by the core, the CLI and the renderer.

/** What a column holds. `categorical` is any text (ids, labels, codes like "007"). */
export type ColumnKind = 'integer' | 'float' | 'boolean' | 'datetime' | 'categorical';
export const COLUMN_KINDS: readonly ColumnKind[] = ['integer', 'float', 'boolean', 'datetime', 'categorical'];

export type DatasetFormat = 'csv' | 'tsv' | 'parquet' | 'jsonl';

export const QUANTILE_LEVELS = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;
export type QuantileName = 'p1' | 'p5' | 'p25' | 'p50' | 'p75' | 'p95' | 'p99';

/** Numeric summary of the finite values (datetime columns: milliseconds since the epoch, UTC). */
export interface NumericProfile {
  count: number;
  min: number;
  max: number;
  /**
   * The exact decimal value of min/max when it is an integer beyond ±2^53 (INT64 ids, big counts):
   * `min`/`max` are then the nearest doubles, which may differ in the last digits.
   */
  minExact?: string;
  maxExact?: string;
  mean: number;
  /** Sample standard deviation (n - 1); 0 for a single value. */
  std: number;
  quantiles: Record<QuantileName, number>;
  /** 30 equal-width bins over [min, max]; `edges` has 31 entries. */
  histogram: { edges: number[]; counts: number[] };
  /** false when quantiles and histogram come from a uniform sample of `sampleSize` values (large columns). */
  exact: boolean;
  sampleSize: number;
}

export interface ColumnProfile {
  /** Rows in the dataset. */
  count: number;
  /** Empty CSV fields, JSON null or absent keys, Parquet nulls. A typed empty string ("" in Parquet or JSON) is a value, not missing. */
  missing: number;
  nan: number;
  posInf: number;
  negInf: number;
  /** Distinct non-missing values: exact when `distinctExact`, else an estimate from a sample. */
  distinct: number;
  distinctExact: boolean;
  numeric: NumericProfile | null;
  /** Most frequent values (up to 20). Counts are exact when `topExact`. */
  top: { value: string; count: number }[];
  topExact: boolean;
}

export interface ColumnInfo {
  ordinal: number;
  /** The name as it appears in the file (BOM stripped). */
  name: string;
  kind: ColumnKind;
  /** What inference found; differs from `kind` when the user overrode it (--type). */
  inferredKind: ColumnKind;
  notes: string[];
  profile: ColumnProfile;
}

export interface DatasetSummary {
  id: number;
  name: string;
  format: DatasetFormat;
  rows: number;
  columns: number;
  sourcePath: string;
  sourceBytes: number;
  addedAt: string;
}

export interface ImportDetails {
  /** 'utf-8', 'utf-8 (BOM)', 'latin-1' for text formats. */
  encoding?: string;
  delimiter?: string;
  seconds: number;
  /** Things the user should know: renamed columns, skipped blank lines, sampled statistics… */
  notes: string[];
  /** SHA-256 of the source file as imported (absent for datasets imported before it was recorded). */
  sha256?: string;
}

export interface DatasetDetail extends DatasetSummary {
  import: ImportDetails;
  columnInfo: ColumnInfo[];
}
