// Parts of one dataset (parts.ts): an accumulator's state (profile.ts) crosses a process boundary, and
// the states of the parts merge into the accumulator of the whole (ColumnAccumulator.merge).

/** Everything an accumulator holds, as structured-clone data (a child process sends it to its parent). */
export interface AccumulatorState {
  counts: Float64Array;
  n: number;
  mean: number;
  m2: number;
  min: number;
  max: number;
  bigMin: string | null;
  bigMax: string | null;
  plainMin: number;
  plainMax: number;
  /** Exact value counts, or null past the distinct cap. */
  values: [string | number, number][] | null;
  /** HyperLogLog registers of every value: the insert thread's sketch, or this thread's own. */
  registers: Uint8Array | null;
  sample: (string | number)[];
  seen: number;
}

/** A uniform sample of `size` of the union of the parts' values (each part's sample is uniform over what it saw). */
export function mergeSamples(parts: AccumulatorState[], size: number, random: () => number): (string | number)[] {
  const total = parts.reduce((s, p) => s + p.seen, 0);
  if (total <= size || parts.length === 1) return parts.flatMap((p) => p.sample);
  // How many of the merged sample come from each part: draws without replacement from the union
  // (multivariate hypergeometric), then that many values of the part's sample, chosen uniformly.
  const left = parts.map((p) => p.seen);
  const take = parts.map(() => 0);
  let remaining = total;
  for (let k = 0; k < size; k++) {
    let u = random() * remaining;
    let j = 0;
    while (j < left.length - 1 && u >= left[j]) u -= left[j++];
    take[j]++;
    left[j]--;
    remaining--;
  }
  const out: (string | number)[] = [];
  parts.forEach((p, j) => {
    const s = p.sample.slice();
    // Partial Fisher–Yates: the first take[j] entries become a uniform subset.
    for (let i = 0; i < take[j]; i++) {
      const r = i + Math.floor(random() * (s.length - i));
      [s[i], s[r]] = [s[r], s[i]];
      out.push(s[i]);
    }
  });
  return out;
}
