// The production-ready checklist of a model version. Isomorphic: core, CLI and renderer.
// States are derived from the workspace on every read; nothing here is stored but attestations.

export const READINESS_ITEMS = [
  'loads-pinned',
  'latency-target',
  'input-drift',
  'output-drift',
  'contracts',
  'reproducible',
  'fallback',
  'rollback',
  'runbook',
  'retraining',
] as const;
export type ReadinessItemId = (typeof READINESS_ITEMS)[number];

export type ReadinessState = 'proven' | 'stale' | 'missing' | 'attested';

export interface ReadinessEvidence {
  /** What proves it, e.g. "benchmark run 4", "bundle #2", "drift report 7". */
  label: string;
  kind: 'model' | 'bench' | 'drift' | 'bundle' | 'verification' | 'attestation';
  id: string | number;
  /** When the evidence was made (ISO). */
  at: string;
  /** SHA-256 of the evidence where it has one (model bytes, bundle zip). */
  sha256: string | null;
}

export interface ReadinessItem {
  id: ReadinessItemId;
  title: string;
  state: ReadinessState;
  /** Why this state, in one sentence with the numbers. */
  detail: string;
  evidence: ReadinessEvidence[];
  /** The one action that would prove it: a CLI command, and the app route. */
  action: { command: string; route: string } | null;
}

export interface Readiness {
  model: { name: string; version: number; sha256: string; addedAt: string };
  targetEp: string;
  maxAgeDays: number;
  items: ReadinessItem[];
  /** Every item proven or attested. */
  ready: boolean;
  counts: Record<ReadinessState, number>;
}

export interface ReadinessSummary {
  model: { name: string; version: number; sha256: string; addedAt: string };
  states: Record<ReadinessItemId, ReadinessState>;
  ready: boolean;
}
