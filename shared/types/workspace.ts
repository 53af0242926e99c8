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

/** One entry of the audit trail (append-only, hash-chained). */
export interface AuditEntry {
  id: number;
  /** ISO 8601, UTC. */
  at: string;
  /** The contract method: models/add, datasets/remove, bench/start… */
  method: string;
  /** "ok" or the error code. */
  outcome: string;
  detail: string | null;
  /** The OS user that ran Preflight (null for entries older than the chain). */
  user: string | null;
  /** The hashes involved: the model's sha256, a bundle's digest… */
  hashes: Record<string, string>;
  prevSha256: string | null;
  /** null for entries written before the trail was chained. */
  sha256: string | null;
}

/** Settings people choose per workspace. */
export interface WorkspaceSettings {
  /** The app's colours: follow the operating system, or always light or dark. */
  theme: 'system' | 'light' | 'dark';
}
