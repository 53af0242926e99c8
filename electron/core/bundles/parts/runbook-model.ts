// The runbook's structured content: one model rendered twice (Markdown and HTML), so both say the same.

/** Inline text: plain strings and code spans (commands, file names, digests). */
export type Inline = string | { code: string };
export type Text = Inline[];

export interface AlertEntry {
  name: string;
  /** Which of BUNDLES.md's five failure modes this entry covers. */
  mode: string;
  signal: Text[];
  /** Thresholds from the facts, or "not measured: run …" lines. */
  threshold: Text[];
  severity: Text;
  impact: Text;
  metrics: Text;
  mitigation: Text[];
  investigation: Text;
  escalation: Text;
  command: string;
}

export interface Runbook {
  title: string;
  subtitle: Text;
  /** The production-ready checklist at export (empty when not known). */
  readiness: Text[];
  facts: Text[];
  alerts: AlertEntry[];
  procedures: Text[];
}

export const code = (s: string): Inline => ({ code: s });

/** Fields of an entry in the template's order, with their labels. */
export const ENTRY_FIELDS: [string, (a: AlertEntry) => Text | Text[]][] = [
  ['Signal', (a) => a.signal],
  ['Threshold', (a) => a.threshold],
  ['Severity', (a) => a.severity],
  ['Impact', (a) => a.impact],
  ['Metrics', (a) => a.metrics],
  ['Mitigation', (a) => a.mitigation],
  ['Investigation', (a) => a.investigation],
  ['Escalation', (a) => a.escalation],
];

/** A field holding several lines (Text[]) rather than one line (Text). */
export function isMulti(v: Text | Text[]): v is Text[] {
  return v.length > 0 && Array.isArray(v[0]);
}
