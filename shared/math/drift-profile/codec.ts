// Stores a DatasetDriftProfile as JSON text. The quantile grids (Float64Array) travel as base64 of their
// little-endian bytes: exact doubles, a third of the size of decimal text, and no Buffer (isomorphic).

import type { DatasetDriftProfile, NumericDriftProfile } from '../../types/drift';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) LOOKUP[B64.charCodeAt(i)] = i;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 3 * 4096) {
    let s = '';
    const end = Math.min(bytes.length, i + 3 * 4096);
    for (let j = i; j < end; j += 3) {
      const a = bytes[j];
      const b = j + 1 < end ? bytes[j + 1] : 0;
      const c = j + 2 < end ? bytes[j + 2] : 0;
      s +=
        B64[a >> 2] +
        B64[((a & 3) << 4) | (b >> 4)] +
        (j + 1 < end ? B64[((b & 15) << 2) | (c >> 6)] : '=') +
        (j + 2 < end ? B64[c & 63] : '=');
    }
    parts.push(s);
  }
  return parts.join('');
}

export function base64ToBytes(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const v = [0, 1, 2, 3].map((k) => (i + k < clean.length ? LOOKUP[clean.charCodeAt(i + k)] : 0));
    if (v.some((x) => x < 0)) throw new Error('profile grid is not valid base64');
    const n = (v[0] << 18) | (v[1] << 12) | (v[2] << 6) | v[3];
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

function f64ToBase64(a: Float64Array): string {
  const copy = Float64Array.from(a);
  const bytes = new Uint8Array(copy.buffer);
  if (!LITTLE_ENDIAN) for (let i = 0; i < bytes.length; i += 8) bytes.subarray(i, i + 8).reverse();
  return bytesToBase64(bytes);
}

function base64ToF64(s: string): Float64Array {
  const bytes = base64ToBytes(s);
  if (bytes.length % 8 !== 0) throw new Error('profile grid has a partial value');
  if (!LITTLE_ENDIAN) for (let i = 0; i < bytes.length; i += 8) bytes.subarray(i, i + 8).reverse();
  return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8);
}

export function encodeProfile(profile: DatasetDriftProfile): string {
  return JSON.stringify(profile, (key, value) =>
    key === 'points' && value instanceof Float64Array ? f64ToBase64(value) : value,
  );
}

export function decodeProfile(text: string): DatasetDriftProfile {
  const raw = JSON.parse(text) as DatasetDriftProfile;
  if (raw.version !== 1 || !Array.isArray(raw.columns)) throw new Error('not a Preflight drift profile (version 1)');
  for (const c of raw.columns) {
    if (c.profile?.kind === 'numerical')
      (c.profile as NumericDriftProfile).points = base64ToF64(c.profile.points as unknown as string);
  }
  return raw;
}
