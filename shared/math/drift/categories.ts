// Category counts aligned over the union of categories, the common first step of Evidently's
// categorical tests (`get_unique_not_nan_values_list_from_series` over reference and current).

/** category -> count (finite, >= 0). Missing values must not be included as a category. */
export type CategoryCounts = ReadonlyMap<string, number>;

export interface AlignedCounts {
  /** Union of categories: reference order first, then categories new in current. */
  keys: string[];
  reference: Float64Array;
  current: Float64Array;
  referenceTotal: number;
  currentTotal: number;
}

/**
 * Align two count maps over the union of their categories. A category whose count is 0 on both
 * sides is dropped, because Evidently derives categories from observed values and would never
 * see it (keeping it would add a 0/0 term to chi-square).
 */
export function alignCategoryCounts(reference: CategoryCounts, current: CategoryCounts): AlignedCounts {
  const keys: string[] = [];
  for (const [k, c] of reference) if (c > 0 || (current.get(k) ?? 0) > 0) keys.push(k);
  for (const [k, c] of current) if (!reference.has(k) && c > 0) keys.push(k);
  const ref = new Float64Array(keys.length);
  const cur = new Float64Array(keys.length);
  let rt = 0;
  let ct = 0;
  keys.forEach((k, i) => {
    ref[i] = reference.get(k) ?? 0;
    cur[i] = current.get(k) ?? 0;
    rt += ref[i];
    ct += cur[i];
  });
  return { keys, reference: ref, current: cur, referenceTotal: rt, currentTotal: ct };
}

/** Count occurrences of each value (a convenience for tests and small callers). */
export function countCategories(values: Iterable<string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}
