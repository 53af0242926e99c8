export interface WorkspaceInfo {
  dir: string;
  file: string;
  schemaVersion: number;
  appVersion: string;
  counts: { models: number; modelVersions: number };
}

/** One finding of `preflight doctor`. */
export interface DoctorFinding {
  /** integrity: SQLite's own check; records: rows whose stored JSON no longer parses; blobs: model files; staging: left-overs; audit: the hash chain. */
  area: 'integrity' | 'records' | 'blobs' | 'staging' | 'audit';
  severity: 'damaged' | 'leftover';
  message: string;
}

/** What `preflight doctor` found: what is damaged, what is intact, what was cleaned. */
export interface DoctorReport {
  file: string;
  /** true when nothing is damaged (left-overs alone do not make a workspace unhealthy). */
  ok: boolean;
  /** SQLite's integrity_check: ["ok"] or its first problems. */
  integrity: string[];
  /** Per table: rows read, rows damaged. */
  tables: { table: string; rows: number; damaged: number }[];
  findings: DoctorFinding[];
  /** Left-overs removed because `clean` was asked. */
  cleaned: string[];
}
