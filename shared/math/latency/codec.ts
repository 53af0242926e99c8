// Compact, loss-bounded storage of raw per-iteration latencies, so a saved result can be re-analysed
// (new percentiles, comparisons, charts) without re-running the benchmark.
//
// Format (all integers unsigned LEB128 varints):
//   'P' 'F' 'L' 'T'  magic
//   0x01             version
//   count
//   count × q        q = round(ms · 10,000): the latency in units of 0.1 µs, in iteration order
//
// Why this and not Float32: Float32 keeps 24 bits, i.e. a RELATIVE error of 6e-8 — 0.3 µs at 5 s but
// it also stores meaningless noise bits at 5 ms — and still takes 4 bytes. A fixed 0.1 µs grid is
// finer than what matters: browsers coarsen performance.now() to 5–100 µs, and in Node the
// run-to-run jitter of an inference call is far above 0.1 µs. A varint spends bytes only on
// magnitude: 2 bytes per sample below 1.6384 ms, 3 below 209.7 ms, 4 below 26.8 s. No deltas, so a damaged byte cannot shift every later value.
//
// Loss bound: |decoded − raw| ≤ 0.05 µs (5e-5 ms; half a unit) plus one rounding of the double
// product ms·10⁴. Quantisation is monotone (round(fl(x·10⁴)) never decreases as x grows), so sorting
// is preserved and every nearest-rank percentile of the decoded data is the quantised percentile of
// the raw data — equal within the same 0.05 µs. Values already on the 0.1 µs grid (e.g. written with
// 4 decimals in ms) decode to the identical double, because q / 10⁴ and parsing "x.xxxx" are both the
// correctly rounded value of the same rational.
// Isomorphic: Uint8Array only (no Buffer).

const MAGIC = [0x50, 0x46, 0x4c, 0x54]; // "PFLT"
const VERSION = 1;
/** Units per millisecond: 10,000 ⇒ 0.1 µs resolution. */
export const LATENCY_UNITS_PER_MS = 10_000;
/** Worst-case absolute error of a decoded latency, in ms (half a unit). */
export const LATENCY_CODEC_MAX_ERROR_MS = 0.5 / LATENCY_UNITS_PER_MS;

export function encodeLatencies(ms: Float64Array | readonly number[]): Uint8Array {
  const n = ms.length;
  // 5 header bytes, ≤ 8 bytes for the count, ≤ 8 bytes per value (q < 2⁵³ needs at most 8 groups of 7 bits).
  const out = new Uint8Array(5 + 8 + 8 * n);
  out.set(MAGIC, 0);
  out[4] = VERSION;
  let pos = writeVarint(out, 5, n);
  for (let i = 0; i < n; i++) {
    const v = ms[i];
    const q = Math.round(v * LATENCY_UNITS_PER_MS);
    if (!(v >= 0) || !Number.isSafeInteger(q))
      throw new RangeError(`latency #${i} is ${v}: must be finite, ≥ 0 and < 9e11 ms`);
    pos = writeVarint(out, pos, q);
  }
  return out.slice(0, pos);
}

export function decodeLatencies(bytes: Uint8Array): Float64Array {
  if (bytes.length < 6 || MAGIC.some((m, i) => bytes[i] !== m))
    throw new Error('not an encoded latency series (bad magic)');
  if (bytes[4] !== VERSION) throw new Error(`unsupported latency encoding version ${bytes[4]}`);
  const cursor = { pos: 5 };
  const n = readVarint(bytes, cursor);
  // Each value takes ≥ 1 byte: reject a corrupt count before allocating for it.
  if (n > bytes.length - cursor.pos)
    throw new Error(`latency series claims ${n} values but has ${bytes.length - cursor.pos} bytes`);
  const out = new Float64Array(n);
  // Divide (not multiply by 1e-4): q / 10⁴ is the correctly rounded decimal, see the header.
  for (let i = 0; i < n; i++) out[i] = readVarint(bytes, cursor) / LATENCY_UNITS_PER_MS;
  if (cursor.pos !== bytes.length) throw new Error(`latency series has ${bytes.length - cursor.pos} trailing bytes`);
  return out;
}

// Arithmetic rather than bit operations: JS bit operators truncate to 32 bits and q can exceed 2³¹.
function writeVarint(out: Uint8Array, pos: number, value: number): number {
  let v = value;
  while (v >= 0x80) {
    out[pos++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  out[pos++] = v;
  return pos;
}

function readVarint(bytes: Uint8Array, cursor: { pos: number }): number {
  let value = 0;
  let scale = 1;
  for (let shift = 0; shift < 8; shift++) {
    if (cursor.pos >= bytes.length) throw new Error('truncated latency series');
    const b = bytes[cursor.pos++];
    value += (b & 0x7f) * scale;
    if (b < 0x80) return value;
    scale *= 0x80;
  }
  throw new Error('malformed varint in latency series');
}
