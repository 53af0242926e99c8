// The storage of a column's reservoir sample (profile.ts), its random stream, and the copy of a text that is kept.
import { createRng } from '../../../shared/math/latency/rng';

/**
 * A reservoir's slots: numbers in a Float64Array (a mixed array would box each one, and the reservoir
 * replaces ~80k values per column of a 1M-row import), texts beside them once the column has any.
 */
export class SampleSlots {
  private nums: Float64Array;
  private texts: (string | null)[] | null = null;
  length = 0;
  constructor(private size: number) {
    this.nums = new Float64Array(Math.min(size, 1024));
  }
  static of(values: (string | number)[], size: number): SampleSlots {
    const s = new SampleSlots(Math.max(size, values.length));
    values.forEach((v, j) => s.set(j, v));
    return s;
  }
  /** Slot `j` (at most `length`: the next slot while filling) holds `v`. */
  set(j: number, v: string | number): void {
    if (j >= this.nums.length) {
      const grown = new Float64Array(Math.min(this.size, this.nums.length * 4));
      grown.set(this.nums);
      this.nums = grown;
    }
    if (j === this.length) this.length++;
    if (typeof v === 'number') {
      this.nums[j] = v;
      if (this.texts !== null) this.texts[j] = null;
    } else (this.texts ??= new Array<string | null>(this.size).fill(null))[j] = v;
  }
  values(): (string | number)[] {
    const out = new Array<string | number>(this.length);
    const texts = this.texts;
    for (let j = 0; j < this.length; j++) out[j] = texts?.[j] ?? this.nums[j];
    return out;
  }
}

/** A copy that does not pin the chunk it was sliced from (V8 keeps parents of sliced strings alive). */
export function own(key: string | number): string | number {
  return typeof key === 'string' && key.length > 12 ? Buffer.from(key, 'utf8').toString('utf8') : key;
}

/**
 * Column i's random stream (its reservoir sample's): one per column, so a column's sample depends only
 * on its own values, whichever order the columns are taken in (column by column, or row by row).
 */
export function columnRng(ordinal: number): () => number {
  return createRng(Math.imul(ordinal + 1, 0x9e3779b1) ^ 0x5eed);
}
