export interface DemoResult {
  model: { name: string; version: number };
  reference: string;
  current: string;
  driftReportId: number;
  benchRunId: number | null;
}
