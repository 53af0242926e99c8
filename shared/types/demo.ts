export interface DemoResult {
  model: { name: string; version: number };
  reference: string;
  current: string;
  driftReportId: number;
  benchRunId: number | null;
  /** Where the demo's model and CSV files are kept (the workspace's demo/ folder): the datasets' sources. */
  folder: string;
}
