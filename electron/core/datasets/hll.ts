// HyperLogLog (Flajolet et al. 2007) with 4,096 registers: distinct counts past the exact cap in
// 4 KiB per column, standard error ≈ 1.04/√4096 ≈ 1.6%. Numbers hash their 64 bits, strings FNV-1a;
// both finished with murmur3's mixer.

/**
 * The sketch as a self-contained factory (no free variables): its source text also runs in the
 * insert thread (insert-pipe.ts), which sketches each column while it writes the rows.
 */
export function hllKit() {
  const P = 12;
  const M = 1 << P;
  const ALPHA = 0.7213 / (1 + 1.079 / M);
  const f64 = new Float64Array(1);
  const u32 = new Uint32Array(f64.buffer);
  const mix = (h: number): number => {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  };
  const hashKey = (key: string | number): number => {
    if (typeof key === 'number') {
      f64[0] = key;
      return mix(u32[0] ^ Math.imul(u32[1] ^ 0x27d4eb2d, 0x9e3779b1));
    }
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    return mix(h ^ 0x5bd1e995);
  };
  const add = (registers: Uint8Array, key: string | number): void => addHash(registers, hashKey(key));
  /** `add` with the key's hash already computed (a value seen many times is hashed once). */
  const addHash = (registers: Uint8Array, h: number): void => {
    const j = h >>> (32 - P);
    const rank = Math.clz32(((h << P) | (1 << (P - 1))) >>> 0) + 1;
    if (rank > registers[j]) registers[j] = rank;
  };
  const estimate = (registers: Uint8Array): number => {
    let sum = 0;
    let zeros = 0;
    for (let j = 0; j < M; j++) {
      sum += 2 ** -registers[j];
      if (registers[j] === 0) zeros++;
    }
    const e = (ALPHA * M * M) / sum;
    if (e <= 2.5 * M && zeros > 0) return M * Math.log(M / zeros);
    const two32 = 2 ** 32;
    return e > two32 / 30 ? -two32 * Math.log(1 - e / two32) : e;
  };
  return { M, hashKey, add, addHash, estimate };
}

export const HLL = hllKit();

export class HyperLogLog {
  readonly registers = new Uint8Array(HLL.M);
  add(key: string | number): void {
    HLL.add(this.registers, key);
  }
  estimate(): number {
    return HLL.estimate(this.registers);
  }
}
