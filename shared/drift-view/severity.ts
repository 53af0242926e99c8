import type { FeatureDrift, TimeWindowCell } from '../types/drift';
import { formatCount, formatNumber } from '../format/numbers';

// How bad one feature's score in one time window is, on one scale for every test, so one legend
// fits every cell: 0 = no sign of drift, 1 = at the feature's threshold, 2 = far past it.
// Distances (Wasserstein, PSI, Jensen–Shannon): higher is worse, severity = score ÷ threshold.
// p-values (KS, chi-square, z-test): lower is worse, severity = log p ÷ log threshold (p = threshold → 1,
// p = threshold² → 2, p = 1 → 0). The verdict wins at the edge: a drifted cell is never coloured stable.

export function cellSeverity(f: Pick<FeatureDrift, 'scoreKind' | 'threshold'>, cell: TimeWindowCell): number | null {
  if (cell.score === null) return null;
  let raw: number;
  if (f.scoreKind === 'distance') raw = f.threshold > 0 ? cell.score / f.threshold : cell.drifted ? 2 : 0;
  else raw = cell.score <= 0 ? 2 : cell.score >= 1 ? 0 : Math.log(cell.score) / Math.log(f.threshold);
  const judged = cell.drifted ? Math.max(1, raw) : Math.min(raw, 0.999);
  return Math.min(2, Math.max(0, judged));
}

export interface HeatPiece {
  gte: number;
  lt?: number;
  lte?: number;
  label: string;
  color: string;
  /** Text that reads on `color` in either theme. */
  ink: string;
}

export const HEAT_PIECES: HeatPiece[] = [
  { gte: 0, lt: 0.5, label: 'stable, far from the threshold', color: '#dff3e4', ink: '#1f2328' },
  { gte: 0.5, lt: 1, label: 'stable, near the threshold', color: '#fff1b8', ink: '#1f2328' },
  { gte: 1, lt: 1.5, label: 'drifted', color: '#f59e4c', ink: '#1f2328' },
  { gte: 1.5, lte: 2, label: 'drifted strongly', color: '#cf222e', ink: '#ffffff' },
];

export const HEAT_NOTE =
  "Each cell is judged by its feature's own test and threshold. Distances (Wasserstein, PSI, Jensen–Shannon): higher is worse, drifted at or above the threshold. p-values (KS, chi-square, z-test): lower is worse, drifted below the threshold; “strongly” means p below the threshold squared.";

export function heatPiece(severity: number): HeatPiece {
  return HEAT_PIECES.find((p) => severity >= p.gte && (p.lt === undefined || severity < p.lt)) ?? HEAT_PIECES[3];
}

/** One cell in words: the score with its direction, the verdict, and the rows it rests on. */
export function describeCell(f: FeatureDrift | undefined, cell: TimeWindowCell): string {
  const n = `${formatCount(cell.rows)} rows`;
  if (cell.score === null || !f) return `no data · ${n}`;
  const rule =
    f.scoreKind === 'p_value'
      ? `p = ${formatNumber(cell.score)} (lower is worse; drifted below ${f.threshold})`
      : `${formatNumber(cell.score)} (higher is worse; drifted from ${f.threshold})`;
  return `${rule} · ${cell.drifted ? 'drifted' : 'stable'} · ${n}`;
}
