// A categorical column's reference profile: category counts (the most frequent ones when there are
// very many), row and missing counts.

import type { CategoricalDriftProfile } from '../../types/drift';

/** Categories kept per column; beyond this the rarest are dropped and the profile says so. */
export const PROFILE_CATEGORY_CAP = 50_000;

export function buildCategoricalProfile(
  counts: ReadonlyMap<string, number>,
  missing: number,
  cap = PROFILE_CATEGORY_CAP,
): CategoricalDriftProfile {
  let entries = [...counts.entries()].filter(([, n]) => n > 0);
  const count = entries.reduce((s, [, n]) => s + n, 0);
  const truncated = entries.length > cap;
  if (truncated) entries = entries.sort((a, b) => b[1] - a[1]).slice(0, cap);
  return { kind: 'categorical', rows: count + missing, count, missing, categories: entries, truncated };
}
