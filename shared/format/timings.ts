import { formatSeconds } from './numbers';

export interface Timings {
  readSeconds: number;
  computeSeconds: number;
  totalSeconds: number;
}

/**
 * Timings whose parts add up to the total: what is neither reading nor computing (opening the
 * workspace, storing the result) is named as "other" rather than left for the reader to wonder about.
 */
export function formatTimings(t: Timings): string {
  const other = t.totalSeconds - t.readSeconds - t.computeSeconds;
  const parts = [`read ${formatSeconds(t.readSeconds)}`, `compute ${formatSeconds(t.computeSeconds)}`];
  // Below a millisecond the remainder is rounding, not work.
  if (other >= 0.0005) parts.push(`other ${formatSeconds(other)}`);
  return `${formatSeconds(t.totalSeconds)} (${parts.join(' + ')})`;
}
