// A report written as one self-contained HTML file (drift report, benchmark run, comparison).

export interface ReportFile {
  /** The produced-file id (download / save dialog), or null when the report went to a path the caller gave. */
  fileId: string | null;
  /** Where the file is: inside the workspace's produced/ folder, or the caller's path. */
  path: string;
  /** The suggested file name, e.g. drift-report-3.html. */
  name: string;
  bytes: number;
  sha256: string;
  /** The page itself, only when asked for inline (Print); then nothing was written and `path` is empty. */
  html?: string;
}
