// Ascending sort of finite doubles, LSD radix on their IEEE-754 bits: ~1.5× faster than
// Float64Array#sort at a million values, where sorting is a third of a drift run's CPU time.
// Same order as Float64Array#sort for finite input (−0 before +0). NaN must not be present.
// The keys are made in place (the array's own 32-bit words, pairs of low and high) and scattered into
// one scratch array of the same size, kept between calls up to 4M values: fresh memory is faulted in
// page by page, which on a small VM costs more than the sort (a drift run sorts dozens of columns).

const RADIX_MIN = 20_000;
const KEEP_WORDS = 8_000_000; // scratch kept for the next column: 32 MB
let kept: Uint32Array | null = null;

function scratch(words: number): Uint32Array {
  if (kept !== null && kept.length >= words) return kept.subarray(0, words);
  const fresh = new Uint32Array(words);
  if (words <= KEEP_WORDS) kept = fresh;
  return fresh;
}

/** Sorts `a` in place and returns it. */
export function sortFinite(a: Float64Array): Float64Array {
  const n = a.length;
  if (n < RADIX_MIN) return a.sort();
  const m = n * 2;
  const words = new Uint32Array(a.buffer, a.byteOffset, m);
  // Order-preserving keys: flip every bit of negatives, only the sign bit of positives.
  for (let i = 0; i < m; i += 2) {
    const h = words[i + 1];
    if (h >>> 31) {
      words[i + 1] = ~h >>> 0;
      words[i] = ~words[i] >>> 0;
    } else words[i + 1] = (h | 0x80000000) >>> 0;
  }
  // The four 16-bit digit histograms do not depend on the order: one pass counts them all.
  const counts = new Uint32Array(4 * 65536);
  for (let i = 0; i < m; i += 2) {
    const l = words[i];
    const h = words[i + 1];
    counts[l & 0xffff]++;
    counts[65536 + (l >>> 16)]++;
    counts[131072 + (h & 0xffff)]++;
    counts[196608 + (h >>> 16)]++;
  }
  let src = words;
  let dst = scratch(m);
  for (let pass = 0; pass < 4; pass++) {
    const half = pass < 2 ? 0 : 1; // low word, then high word
    const shift = (pass & 1) * 16;
    const count = counts.subarray(pass * 65536, (pass + 1) * 65536);
    // A digit shared by every value (common in the high bits) changes nothing: skip the pass.
    if (count[(src[half] >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let b = 0; b < 65536; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < m; i += 2) {
      const p = 2 * count[(src[i + half] >>> shift) & 0xffff]++;
      dst[p] = src[i];
      dst[p + 1] = src[i + 1];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== words) words.set(src);
  for (let i = 0; i < m; i += 2) {
    const h = words[i + 1];
    if (h >>> 31) words[i + 1] = (h & 0x7fffffff) >>> 0;
    else {
      words[i + 1] = ~h >>> 0;
      words[i] = ~words[i] >>> 0;
    }
  }
  return a;
}
