// What removing a model version, a benchmark run or a drift report takes with it, and what refers to it.

export interface ExportedBundleRef {
  id: number;
  createdAt: string;
  path: string;
}

export interface RemovalResult {
  /** "demo@1", "benchmark run 3", "drift report 2". */
  target: string;
  /** False for a dry run (what the confirmation shows); true once it is gone. */
  removed: boolean;
  /** Removed together with it (the same transaction): a model version's benchmark runs, drift reports and attestations. */
  along: { benchRuns: number[]; driftReports: number[]; attestations: number };
  /** Exported bundles made from it: their records and files are kept; without force it is kept too. */
  bundles: ExportedBundleRef[];
  /** Model versions only: whether its stored bytes go too, or stay because another version shares them. */
  blob: { digest: string; removed: boolean; sharedWith: string[] } | null;
}
