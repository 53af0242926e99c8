// Helpers the bundle parts share. Everything here is pure: exports must be reproducible byte for byte.
import { createHash } from 'node:crypto';
import type { TensorInfo } from '../../../../shared/types/models';

/** 2-space JSON with a trailing newline: the one JSON layout of every bundle document. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** A UUID-shaped id derived from SHA-256 of the seed (version nibble 5, RFC 4122 variant), so re-exports keep it. */
export function derivedUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex').slice(0, 32).split('');
  h[12] = '5';
  h[16] = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** Rounds away binary noise (1 - 0.03 = 0.97 rather than 0.9700000000000001) without hiding real digits. */
export function clean(x: number): number {
  return Number(x.toPrecision(12));
}

/** "float[batch,5]"-like text for a shape, symbolic names kept ("?" for unnamed or unknown). */
export function shapeText(t: TensorInfo): string {
  if (t.shape === null) return 'unknown rank';
  return (
    '[' +
    t.shape.map((d) => ('value' in d ? String(d.value) : 'param' in d && d.param ? d.param : '?')).join(', ') +
    ']'
  );
}

/** Placeholder for an owner field the user left blank, so ops see what to fill in. */
export function orPlaceholder(v: string, placeholder: string): string {
  return v.trim() === '' ? placeholder : v;
}

/** Model file path inside the bundle (model/<relativePath>). */
export function bundleModelPath(relativePath: string): string {
  return `model/${relativePath}`;
}
