// Per-column profile accumulated while rows stream in, in bounded memory: exact counts, min/max/mean/std
// (Welford); a uniform sample (reservoir, Algorithm L) for quantiles and histogram; exact value counts
// up to a cap for distinct and top categories, then a HyperLogLog for distinct and the sample for top.
import type { ColumnKind, ColumnProfile, NumericProfile, QuantileName } from '../../../shared/types/datasets';
import { QUANTILE_LEVELS } from '../../../shared/types/datasets';
import { FLOAT, INT, MISSING, NA_WORD, NAN, NEGINF, POSINF, TEXT, TOKEN_CLASSES } from './infer';
import { HLL, HyperLogLog } from './hll';
import { mergeSamples, type AccumulatorState } from './accumulator-state';
import { own, SampleSlots } from './sample-slots';
import { datetimeMillis, isMissingWord, toNumber } from './values';

export const HISTOGRAM_BINS = 30;
const BIG_INTEGER = /^[+-]?\d+$/;

/** Sign of (big - x), exactly, for an integer big and a finite double x. */
function exceeds(big: bigint, x: number): number {
  const floor = Math.floor(x);
  const b = BigInt(floor);
  if (big !== b) return big > b ? 1 : -1;
  return x > floor ? -1 : 0;
}
const TOP = 20;

/** Caps shrink with the column count so 2,000 columns still fit in a few hundred MB. */
export function capsFor(columns: number): { sample: number; distinct: number } {
  return {
    sample: Math.max(500, Math.min(20_000, Math.floor(4_000_000 / columns))),
    distinct: Math.max(200, Math.min(10_000, Math.floor(2_000_000 / columns))),
  };
}

export class ColumnAccumulator {
  readonly counts = new Float64Array(TOKEN_CLASSES);
  private n = 0;
  private mean = 0;
  private m2 = 0;
  private min = Infinity;
  private max = -Infinity;
  /**
   * Integers beyond ±2^53 arrive as exact text (their x is the nearest double, which may differ):
   * the extremes among them and among the exactly represented numbers, so min/max stay exact.
   */
  private bigMin: bigint | null = null;
  private bigMax: bigint | null = null;
  private plainMin = Infinity;
  private plainMax = -Infinity;
  /** Exact counts (a box per value: one hash lookup per occurrence), until the cap. */
  private values: Map<string | number, { n: number }> | null = new Map();
  private hll: HyperLogLog | null = null;
  /** The counts of `values` last seen in each word slot, and their keys. */
  private slotKeys: (string | number | undefined)[] = [];
  private slotCounts: { n: number }[] = [];
  private slots: SampleSlots;
  private seen = 0;
  private next = 0;
  private w = 1;

  /** HyperLogLog registers computed elsewhere (the insert thread sketches every value it writes). */
  sketch: Uint8Array | null = null;

  /** `sketchHere`: false when another thread sketches the values (see `sketch`). */
  constructor(
    private caps: { sample: number; distinct: number },
    private random: () => number,
    private sketchHere = true,
  ) {
    this.slots = new SampleSlots(caps.sample);
  }

  /** The reservoir's values, in slot order. */
  private get sample(): (string | number)[] {
    return this.slots.values();
  }

  /** Rows that existed before this column did (a key first seen late in JSON Lines). */
  addMissing(rows: number): void {
    this.counts[MISSING] += rows;
  }

  /**
   * One value: its class, its key (verbatim text or the typed number) and its numeric value (NaN when
   * it has none). `slot`: for a word of delimited text, its slot among the column's words (words.ts),
   * where its exact count is found without a lookup in `values` (5M lookups per 1M × 20 import).
   */
  observe(tok: number, key: string | number, x: number, slot = -1): void {
    this.counts[tok]++;
    if (tok === MISSING) return;
    if (Number.isFinite(x)) {
      this.n++;
      const d = x - this.mean;
      this.mean += d / this.n;
      this.m2 += d * (x - this.mean);
      if (x < this.min) this.min = x;
      if (x > this.max) this.max = x;
      // Only an integer beyond ±2^53 can differ from its double (the test ran for every decimal before).
      if (
        typeof key === 'string' &&
        (x > Number.MAX_SAFE_INTEGER || x < -Number.MAX_SAFE_INTEGER) &&
        BIG_INTEGER.test(key)
      ) {
        const b = BigInt(key);
        if (this.bigMin === null || b < this.bigMin) this.bigMin = b;
        if (this.bigMax === null || b > this.bigMax) this.bigMax = b;
      } else {
        if (x < this.plainMin) this.plainMin = x;
        if (x > this.plainMax) this.plainMax = x;
      }
    }
    if (this.values !== null || this.hll !== null) this.count(key, slot);
    this.draw(key);
  }

  /**
   * Column-major: rows [0, rows) of a batch of scanned records (readers/csv-tokenizer.ts#ScannedRecords),
   * this column's field of row r at `base + r * stride`, as far as they are plain numbers or missing:
   * counts, moments, extremes, exact value counts and the sample's turns, as `observe` makes them.
   * Returns the first row that is neither (rows when there is none).
   */
  observeScanned(
    toks: Uint8Array,
    xs: Float64Array,
    starts: Int32Array,
    ends: Int32Array,
    buffer: string,
    base: number,
    stride: number,
    rows: number,
  ): number {
    const counts = this.counts;
    const counting = this.values !== null || this.hll !== null;
    let { n, mean, m2, seen } = this;
    const cap = this.caps.sample;
    let next = this.next;
    let lo = Infinity;
    let hi = -Infinity;
    let r = 0;
    for (let f = base; r < rows; r++, f += stride) {
      const t = toks[f];
      const tok = (t & 31) - 1;
      if (tok === MISSING) {
        counts[MISSING]++;
        continue;
      }
      if (tok !== INT && tok !== FLOAT) break;
      // A scanned number has at most 15 digits: finite, within ±2^53.
      const x = xs[f];
      counts[tok]++;
      n++;
      const d = x - mean;
      mean += d / n;
      m2 += d * (x - mean);
      if (x < lo) lo = x;
      if (x > hi) hi = x;
      if (counting) this.count((t & 32) !== 0 ? x : buffer.slice(starts[f], ends[f]), -1);
      if (++seen <= cap || seen === next) {
        this.keep(seen, (t & 32) !== 0 ? x : buffer.slice(starts[f], ends[f]));
        next = this.next;
      }
    }
    this.seen = seen;
    // Folded as `observe` folds them (on a tie, the earlier value stays: 0 and -0).
    if (lo < this.min) this.min = lo;
    if (hi > this.max) this.max = hi;
    if (lo < this.plainMin) this.plainMin = lo;
    if (hi > this.plainMax) this.plainMax = hi;
    this.n = n;
    this.mean = mean;
    this.m2 = m2;
    return r;
  }

  /** A word of delimited text in its slot (words.ts), as `observe` takes it. */
  observeWord(word: string, slot: number): void {
    this.counts[TEXT]++;
    if (this.values !== null || this.hll !== null) this.count(word, slot);
    this.draw(word);
  }

  /** Exact value counts (a word's by its slot), until the cap; then the HyperLogLog when sketched here. */
  private count(key: string | number, slot: number): void {
    const values = this.values;
    if (values !== null && slot >= 0 && this.slotKeys[slot] === key) this.slotCounts[slot].n++;
    else if (values !== null) {
      let c = values.get(key);
      if (c !== undefined) c.n++;
      else if (values.size < this.caps.distinct) values.set(own(key), (c = { n: 1 }));
      else {
        // Past the cap: exact counts stop; the distinct count continues in a HyperLogLog.
        if (this.sketchHere) {
          this.hll = new HyperLogLog();
          for (const k of values.keys()) this.hll.add(k);
          this.hll.add(key);
        }
        this.values = null;
      }
      if (slot >= 0 && c !== undefined) {
        this.slotKeys[slot] = key;
        this.slotCounts[slot] = c;
      }
    } else if (this.hll !== null) this.hll.add(key);
  }

  /** Reservoir sample (Algorithm L): after the first k values, only every next-th value is kept. */
  private draw(key: string | number): void {
    const i = ++this.seen;
    if (i <= this.caps.sample || i === this.next) this.keep(i, key);
  }

  /** Value number i (the sample's turn: one of the first k, or the next-th) into its slot. */
  private keep(i: number, key: string | number): void {
    this.seen = i;
    if (i <= this.caps.sample) {
      this.slots.set(i - 1, own(key));
      if (i === this.caps.sample) this.advance();
    } else {
      this.slots.set(Math.floor(this.random() * this.caps.sample), own(key));
      this.advance();
    }
  }

  private advance(): void {
    const k = this.caps.sample;
    this.w *= Math.exp(Math.log(this.random()) / k);
    this.next = this.seen + Math.floor(Math.log(this.random()) / Math.log(1 - this.w)) + 1;
  }

  /**
   * The profile once every row is in. `wordsMissing`: missing-value words ("NA"…) are missing (a typed
   * column, see decideKind) — counted in `missing`, left out of distinct and top values; otherwise
   * they are ordinary values.
   */
  finish(rows: number, kind: ColumnKind, wordsMissing = kind !== 'categorical'): ColumnProfile {
    const c = this.counts;
    const dropWords = wordsMissing && c[NA_WORD] > 0;
    const missing = c[MISSING] + (dropWords ? c[NA_WORD] : 0);
    const present = rows - missing;
    const exact = this.values !== null;
    const top = new TopK(TOP);
    let distinct = 0;
    if (exact) {
      for (const [v, { n }] of this.values!) {
        if (dropWords && !isValue(v)) continue;
        distinct++;
        top.offer(v, n);
      }
    } else offerSampleCounts(dropWords ? this.sample.filter(isValue) : this.sample, present, top);
    return {
      count: rows,
      missing,
      nan: c[NAN],
      posInf: c[POSINF],
      negInf: c[NEGINF],
      distinct: exact ? distinct : this.estimatedDistinct(present),
      distinctExact: exact,
      numeric: kind === 'integer' || kind === 'float' || kind === 'datetime' ? this.numeric(kind) : null,
      top: top.best,
      topExact: exact,
    };
  }

  /** Distinct values past the exact cap: the sketch's estimate, between the cap and the values present. */
  estimatedDistinct(present: number): number {
    return Math.round(Math.min(present, Math.max(this.caps.distinct, this.distinctEstimate())));
  }

  private distinctEstimate(): number {
    if (this.hll) return this.hll.estimate();
    return this.sketch ? HLL.estimate(this.sketch) : NaN;
  }

  /** minExact/maxExact when an extreme is an integer beyond ±2^53 whose double differs from it. */
  private exactExtremes(): { minExact?: string; maxExact?: string } {
    if (this.bigMin === null || this.bigMax === null) return {};
    const out: { minExact?: string; maxExact?: string } = {};
    const plainMin = Number.isFinite(this.plainMin) ? this.plainMin : null;
    const plainMax = Number.isFinite(this.plainMax) ? this.plainMax : null;
    if (plainMin === null || exceeds(this.bigMin, plainMin) <= 0) out.minExact = this.bigMin.toString();
    if (plainMax === null || exceeds(this.bigMax, plainMax) >= 0) out.maxExact = this.bigMax.toString();
    return out;
  }

  private numeric(kind: ColumnKind): NumericProfile | null {
    if (this.n === 0) return null;
    const xs: number[] = [];
    for (const v of this.sample) {
      const x = kind === 'datetime' && typeof v === 'string' ? datetimeMillis(v) : toNumber(v);
      if (typeof x === 'number' && Number.isFinite(x)) xs.push(x);
    }
    const sorted = Float64Array.from(xs).sort();
    const exact = this.seen <= this.caps.sample;
    const quantiles = {} as Record<QuantileName, number>;
    for (const q of QUANTILE_LEVELS) quantiles[`p${Math.round(q * 100)}` as QuantileName] = quantile(sorted, q);
    return {
      count: this.n,
      min: this.min,
      max: this.max,
      ...this.exactExtremes(),
      mean: this.mean,
      std: this.n > 1 ? Math.sqrt(this.m2 / (this.n - 1)) : 0,
      quantiles,
      histogram: histogram(sorted, this.min, this.max, exact ? 1 : this.n / Math.max(1, sorted.length)),
      exact,
      sampleSize: sorted.length,
    };
  }

  /** Everything it holds, as structured-clone data (a child process sends it to its parent). */
  state(): AccumulatorState {
    return {
      counts: Float64Array.from(this.counts),
      n: this.n,
      mean: this.mean,
      m2: this.m2,
      min: this.min,
      max: this.max,
      bigMin: this.bigMin === null ? null : this.bigMin.toString(),
      bigMax: this.bigMax === null ? null : this.bigMax.toString(),
      plainMin: this.plainMin,
      plainMax: this.plainMax,
      values: this.values === null ? null : [...this.values.entries()].map(([k, c]) => [k, c.n]),
      registers: this.sketch ?? this.hll?.registers ?? null,
      sample: this.sample,
      seen: this.seen,
    };
  }

  /**
   * The accumulator of the whole from the states of its parts, in row order: counts add; mean and M2
   * by Chan et al.'s parallel formula; min/max (and the big-integer extremes) of the parts'; exact value
   * counts add while their union fits the distinct cap, else the parts' HyperLogLog registers merge
   * (register-wise max; a part still counting exactly adds its values' hashes); the sample is a uniform
   * sample of the union — all the parts' values when they fit, else `caps.sample` values drawn without
   * replacement from the parts in proportion to the values each part saw (`random`: seeded).
   */
  static merge(
    parts: AccumulatorState[],
    caps: { sample: number; distinct: number },
    random: () => number,
  ): ColumnAccumulator {
    const a = new ColumnAccumulator(caps, random, false);
    for (const p of parts) {
      for (let t = 0; t < a.counts.length; t++) a.counts[t] += p.counts[t];
      if (p.n > 0 && a.n === 0) {
        a.n = p.n;
        a.mean = p.mean;
        a.m2 = p.m2;
      } else if (p.n > 0) {
        const n = a.n + p.n;
        const d = p.mean - a.mean;
        a.mean += (d * p.n) / n;
        a.m2 += p.m2 + (d * d * a.n * p.n) / n;
        a.n = n;
      }
      a.min = Math.min(a.min, p.min);
      a.max = Math.max(a.max, p.max);
      a.plainMin = Math.min(a.plainMin, p.plainMin);
      a.plainMax = Math.max(a.plainMax, p.plainMax);
      if (p.bigMin !== null && (a.bigMin === null || BigInt(p.bigMin) < a.bigMin)) a.bigMin = BigInt(p.bigMin);
      if (p.bigMax !== null && (a.bigMax === null || BigInt(p.bigMax) > a.bigMax)) a.bigMax = BigInt(p.bigMax);
    }
    // Distinct values: exact while the union fits.
    let values: Map<string | number, { n: number }> | null = new Map();
    for (const p of parts) {
      if (p.values === null || values === null) {
        values = null;
        break;
      }
      for (const [k, n] of p.values) {
        const c = values.get(k);
        if (c !== undefined) c.n += n;
        else values.set(k, { n });
      }
      if (values.size > caps.distinct) values = null;
    }
    a.values = values;
    if (values === null) {
      const registers = new Uint8Array(HLL.M);
      for (const p of parts) {
        if (p.registers)
          for (let j = 0; j < registers.length; j++) registers[j] = Math.max(registers[j], p.registers[j]);
        else for (const [k] of p.values ?? []) HLL.add(registers, k);
      }
      a.sketch = registers;
    }
    a.slots = SampleSlots.of(mergeSamples(parts, caps.sample, random), caps.sample);
    a.seen = parts.reduce((s, p) => s + p.seen, 0);
    return a;
  }
}

/** Linear interpolation between order statistics (numpy's default, "type 7"). */
function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function histogram(
  sorted: Float64Array,
  min: number,
  max: number,
  scale: number,
): { edges: number[]; counts: number[] } {
  const bins = HISTOGRAM_BINS;
  const width = max > min ? (max - min) / bins : 1;
  const edges = Array.from({ length: bins + 1 }, (_, i) =>
    i === bins ? (max > min ? max : min + 1) : min + i * width,
  );
  const counts = new Array<number>(bins).fill(0);
  for (const x of sorted) counts[Math.min(bins - 1, Math.max(0, Math.floor((x - min) / width)))]++;
  return { edges, counts: scale === 1 ? counts : counts.map((c) => Math.round(c * scale)) };
}

/**
 * Each distinct value of a sample with its count scaled to `present`, offered to `top`. Numbers are
 * counted by sorting them (a Map keyed by doubles took 0.38 s for 15 columns' samples of 20,000);
 * strings in a Map. Equal numbers are one value (0 and -0 too, as in a Map), and so are NaNs.
 */
function offerSampleCounts(sample: (string | number)[], present: number, top: TopK): void {
  const scale = present / Math.max(1, sample.length);
  const nums = new Float64Array(sample.length);
  let n = 0;
  let nan = 0;
  let texts: Map<string, number> | null = null;
  for (const v of sample) {
    if (typeof v === 'number') {
      if (v === v) nums[n++] = v;
      else nan++;
    } else {
      texts ??= new Map();
      texts.set(v, (texts.get(v) ?? 0) + 1);
    }
  }
  const sorted = nums.subarray(0, n).sort();
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && sorted[j] === sorted[i]) j++;
    top.offer(sorted[i], Math.round((j - i) * scale));
    i = j;
  }
  if (nan > 0) top.offer(NaN, Math.round(nan * scale));
  for (const [v, c] of texts ?? []) top.offer(v, Math.round(c * scale));
}

/** The k most frequent values offered, ties by text; a small sorted list (columns can hold 10,000 values). */
class TopK {
  readonly best: { value: string; count: number }[] = [];
  constructor(private k: number) {}
  offer(v: string | number, count: number): void {
    const { best, k } = this;
    if (best.length === k && count < best[k - 1].count) return;
    const value = String(v);
    let i = best.length;
    while (i > 0 && (best[i - 1].count < count || (best[i - 1].count === count && best[i - 1].value > value))) i--;
    if (i >= k) return;
    best.splice(i, 0, { value, count });
    if (best.length > k) best.pop();
  }
}

/** Not a missing-value word (keys are verbatim text or typed numbers). */
function isValue(v: string | number): boolean {
  return typeof v !== 'string' || !isMissingWord(v);
}
