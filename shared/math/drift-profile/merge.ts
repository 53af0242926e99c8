// Merging reference profiles of the parts of one dataset (computed where each part lives — a Spark
// executor, one Parquet part file each — and combined without the data). Counts, min, max, mean and
// population std merge exactly (Chan et al.'s parallel variance). When every part is exact and the
// union still fits the grid, the merged profile is exactly the profile of the whole. Otherwise the
// merged CDF is the count-weighted mixture of the parts' grid CDFs, and its quantile grid, decile edges
// and decile counts are read from that mixture: each grid point is within 1/G + 1/n of its rank in the
// whole (the parts' own bound; tested against the profile of the whole), and PSI/JS become estimates
// (counts rounded so they sum to the count).

import type {
  CategoricalDriftProfile,
  ColumnDriftProfile,
  DatasetDriftProfile,
  NumericDriftProfile,
} from '../../types/drift';
import { countWithOverflow } from '../drift/index';
import { buildCategoricalProfile } from './categorical-profile';
import { buildNumericProfile, PROFILE_DISTINCT_CAP, profileCdf, quantileEdgesSorted } from './numeric-profile';

export function mergeNumericProfiles(parts: NumericDriftProfile[]): NumericDriftProfile {
  if (parts.length === 0) throw new Error('no profiles to merge');
  const gridSize = parts[0].gridSize;
  if (parts.some((p) => p.gridSize !== gridSize))
    throw new Error('profiles with different grid sizes cannot be merged');
  const sum = (f: (p: NumericDriftProfile) => number) => parts.reduce((s, p) => s + f(p), 0);
  const counts = {
    missing: sum((p) => p.missing),
    nan: sum((p) => p.nan),
    posInf: sum((p) => p.posInf),
    negInf: sum((p) => p.negInf),
  };
  const n = sum((p) => p.count);
  const withValues = parts.filter((p) => p.count > 0);
  if (withValues.every((p) => p.exact) && n <= gridSize + 1) {
    const all = new Float64Array(n);
    let k = 0;
    for (const p of withValues) {
      all.set(p.points, k);
      k += p.points.length;
    }
    return buildNumericProfile(all.sort(), counts, gridSize);
  }
  const mean = sum((p) => p.count * p.mean) / n;
  const m2 = sum((p) => p.count * (p.std * p.std + (p.mean - mean) ** 2));
  const points = mixtureGrid(withValues, n, gridSize);
  const binEdges = quantileEdgesSorted(points);
  return {
    kind: 'numerical',
    rows: n + counts.missing + counts.nan + counts.posInf + counts.negInf,
    count: n,
    ...counts,
    min: Math.min(...withValues.map((p) => p.min)),
    max: Math.max(...withValues.map((p) => p.max)),
    mean,
    std: Math.sqrt(m2 / n),
    gridSize,
    exact: false,
    points,
    binEdges,
    binCounts: mixtureBinCounts(withValues, binEdges, n),
    distinct: mergeDistinct(parts),
  };
}

/** How many values of the parts lie at or below x (right) and below x (left), from each part's grid CDF. */
function mixtureCdf(parts: NumericDriftProfile[], x: number): { right: number; left: number } {
  let right = 0;
  let left = 0;
  for (const p of parts) {
    const c = profileCdf(p, x);
    right += p.count * c.right;
    left += p.count * c.left;
  }
  return { right, left };
}

/** points[k] = the mixture's quantile at k/G, inverted on the union of the parts' grid points. */
function mixtureGrid(parts: NumericDriftProfile[], n: number, gridSize: number): Float64Array {
  const union = Float64Array.from(parts.flatMap((p) => Array.from(p.points))).sort();
  const xs: number[] = [];
  for (let i = 0; i < union.length; i++) if (i === 0 || union[i] !== union[i - 1]) xs.push(union[i]);
  const cdf = xs.map((x) => mixtureCdf(parts, x));
  const points = new Float64Array(gridSize + 1);
  let j = 0;
  for (let k = 0; k <= gridSize; k++) {
    const target = (k / gridSize) * n;
    while (j < xs.length - 1 && cdf[j].right < target) j++;
    // The mixture CDF is linear between breakpoints (jumps at atoms): invert on the segment before xs[j].
    const below = j > 0 ? cdf[j - 1].right : 0;
    const at = cdf[j].left;
    if (j === 0 || target >= at) points[k] = xs[j];
    else points[k] = xs[j - 1] + ((target - below) / Math.max(at - below, 1e-300)) * (xs[j] - xs[j - 1]);
  }
  points[0] = xs[0];
  points[gridSize] = xs[xs.length - 1];
  return points;
}

/** Counts in [below, bins…, above] of the merged edges: exact for exact parts, from the grid CDF otherwise. */
function mixtureBinCounts(parts: NumericDriftProfile[], edges: number[], n: number): number[] {
  const total = new Float64Array(edges.length + 1);
  const e = edges.length === 1 ? [edges[0], edges[0]] : edges;
  for (const p of parts) {
    if (p.exact) {
      countWithOverflow(p.points, e).forEach((c, i) => (total[i] += c));
      continue;
    }
    // Bin l holds edges[l] <= x < edges[l+1]; the last bin is closed.
    const below = (x: number) => p.count * profileCdf(p, x).left;
    const k = e.length - 1;
    total[0] += below(e[0]);
    for (let l = 0; l < k; l++) {
      const hi = l === k - 1 ? p.count * profileCdf(p, e[k]).right : below(e[l + 1]);
      total[l + 1] += hi - below(e[l]);
    }
    total[k + 1] += p.count - p.count * profileCdf(p, e[k]).right;
  }
  // Whole counts that sum to n (largest remainder).
  const floors = Array.from(total, (c) => Math.max(0, Math.floor(c)));
  let left = n - floors.reduce((a, b) => a + b, 0);
  const order = Array.from(total.keys()).sort(
    (a, b) => total[b] - Math.floor(total[b]) - (total[a] - Math.floor(total[a])),
  );
  for (let i = 0; left > 0 && i < order.length; i++, left--) floors[order[i]]++;
  return floors;
}

function mergeDistinct(parts: NumericDriftProfile[]): [number, number][] | null {
  if (parts.some((p) => p.count > 0 && p.distinct === null)) return null;
  const m = new Map<number, number>();
  for (const p of parts) for (const [v, c] of p.distinct ?? []) m.set(v, (m.get(v) ?? 0) + c);
  if (m.size > PROFILE_DISTINCT_CAP) return null;
  return [...m.entries()].sort((a, b) => a[0] - b[0]);
}

/** Category counts add up; a part that folded rare categories away leaves the merge truncated too. */
export function mergeCategoricalProfiles(parts: CategoricalDriftProfile[]): CategoricalDriftProfile {
  const counts = new Map<string, number>();
  for (const p of parts) for (const [v, c] of p.categories) counts.set(v, (counts.get(v) ?? 0) + c);
  const missing = parts.reduce((s, p) => s + p.missing, 0);
  const merged = buildCategoricalProfile(counts, missing);
  const folded = parts.reduce((s, p) => s + p.count, 0) - merged.count;
  return {
    ...merged,
    count: merged.count + folded,
    rows: merged.rows + folded,
    truncated: merged.truncated || parts.some((p) => p.truncated),
  };
}

/** The profile of a dataset written in parts, from the parts' profiles (same columns, same grid). */
export function mergeDatasetProfiles(dataset: string, parts: DatasetDriftProfile[]): DatasetDriftProfile {
  if (parts.length === 0) throw new Error('no profiles to merge');
  const names = parts[0].columns.map((c) => c.name);
  for (const p of parts)
    if (p.columns.map((c) => c.name).join('\u0000') !== names.join('\u0000'))
      throw new Error(`profile of ${p.dataset} has other columns than ${parts[0].dataset}`);
  const columns: ColumnDriftProfile[] = names.map((name, k) => {
    const cols = parts.map((p) => p.columns[k]);
    const profiles = cols.map((c) => c.profile);
    const kind = profiles[0]?.kind;
    const profile =
      kind === 'numerical' && profiles.every((p) => p?.kind === 'numerical')
        ? mergeNumericProfiles(profiles as NumericDriftProfile[])
        : kind === 'categorical' && profiles.every((p) => p?.kind === 'categorical')
          ? mergeCategoricalProfiles(profiles as CategoricalDriftProfile[])
          : null;
    return { ...cols[0], profile };
  });
  return {
    version: 1,
    dataset,
    rows: parts.reduce((s, p) => s + p.rows, 0),
    createdAt: new Date().toISOString(),
    gridSize: parts[0].gridSize,
    columns,
  };
}
