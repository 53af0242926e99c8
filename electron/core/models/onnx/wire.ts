// Protocol-buffers wire format, decoded straight from a ByteSource by offsets.
// A message is a range [start, end) of the file; readFields walks its fields one by one and hands
// each to a visitor with the offsets of its value, so nested messages are descended into by range
// and large payloads (tensor data) are skipped without being read.

import type { ByteSource } from './byte-source';
import { invalidModel } from './errors';

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;
const WIRE_NAMES = ['varint', '64-bit', 'length-delimited', 'start-group', 'end-group', '32-bit'];

/** A byte range of the file holding one message (or one field's payload). */
export interface Range {
  start: number;
  end: number;
}

/** One decoded field. For VARINT fields `varint` holds the value; for the others use the range. */
export interface Field extends Range {
  no: number;
  wire: number;
  /** Offset of the field's tag, for error messages. */
  at: number;
  varint: number;
}

export type FieldVisitor = (field: Field) => void | Promise<void>;

/** Longest tag plus longest length prefix: what one field header can occupy. */
const HEADER_MAX = 20;
const next = { pos: 0 };

/**
 * Decodes a varint at `pos` (bytes must already be in the window up to `limit` or 10 bytes).
 * Returns the value as a number (int64 two's complement for 10-byte encodings) and sets next.pos.
 */
function varintAt(src: ByteSource, pos: number, limit: number, what: string): number {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos + i >= limit) throw invalidModel(`truncated at byte ${limit} (inside ${what})`);
    const b = src.byteAt(pos + i);
    value += (b & 0x7f) * scale;
    scale *= 128;
    if (b < 0x80) {
      next.pos = pos + i + 1;
      return i === 9 ? tenByteVarint(src, pos) : value;
    }
  }
  throw invalidModel(`malformed varint at byte ${pos} (inside ${what})`);
}

/** Exact decoding of a 10-byte varint: negative int64 values and values above 2^63. */
function tenByteVarint(src: ByteSource, pos: number): number {
  let big = 0n;
  for (let i = 9; i >= 0; i--) big = (big << 7n) | BigInt(src.byteAt(pos + i) & 0x7f);
  return Number(BigInt.asIntN(64, big));
}

/** Calls `visit` for each field of the message in `range`, in file order. */
export async function readFields(src: ByteSource, range: Range, message: string, visit: FieldVisitor): Promise<void> {
  let pos = range.start;
  const end = range.end;
  while (pos < end) {
    const want = Math.min(HEADER_MAX, end - pos);
    if (!src.has(pos, want)) await src.load(pos, want);
    const at = pos;
    src.countField(at);
    const tag = varintAt(src, pos, end, `a field tag of ${message}`);
    pos = next.pos;
    const no = Math.floor(tag / 8);
    const wire = tag % 8;
    if (no < 1 || no > 0x1fffffff) {
      throw invalidModel(`bad field number ${no} in ${message} at byte ${at}`);
    }
    const field: Field = { no, wire, at, start: pos, end: pos, varint: 0 };
    if (wire === WIRE_VARINT) {
      field.varint = varintAt(src, pos, end, `field ${no} of ${message}`);
      field.end = next.pos;
    } else if (wire === WIRE_LEN) {
      const len = varintAt(src, pos, end, `the length of field ${no} of ${message}`);
      field.start = next.pos;
      field.end = field.start + len;
      if (len < 0 || field.end > end) {
        throw invalidModel(
          `truncated at byte ${at}: field ${no} of ${message} claims ${len} bytes ` +
            `but only ${end - field.start} remain`,
        );
      }
    } else if (wire === WIRE_I64 || wire === WIRE_I32) {
      field.end = pos + (wire === WIRE_I64 ? 8 : 4);
      if (field.end > end) throw invalidModel(`truncated at byte ${end} (inside ${message})`);
    } else {
      const name = WIRE_NAMES[wire] ?? 'unknown';
      throw invalidModel(`unsupported wire type ${wire} (${name}) at byte ${at} in ${message}`);
    }
    const pending = visit(field);
    if (pending) await pending;
    pos = field.end;
  }
}

/** Throws unless `field` has the wire type its schema says. */
export function expectWire(field: Field, wire: number, message: string, name: string): void {
  if (field.wire !== wire) {
    throw invalidModel(
      `field ${name} of ${message} at byte ${field.at} has wire type ${WIRE_NAMES[field.wire]}, ` +
        `expected ${WIRE_NAMES[wire]}`,
    );
  }
}

/** Packed runs longer than this (in bytes) are refused rather than buffered: 8k dims at most. */
const MAX_PACKED_BYTES = 64 * 1024;

/** The values of one occurrence of a repeated int64 field: a single value or a packed run. */
export async function readInt64s(src: ByteSource, field: Field, message: string, name: string): Promise<number[]> {
  if (field.wire === WIRE_VARINT) return [field.varint];
  expectWire(field, WIRE_LEN, message, name);
  if (field.end - field.start > MAX_PACKED_BYTES) {
    throw invalidModel(`field ${name} of ${message} at byte ${field.at} is implausibly long`);
  }
  await src.ensure(field.start, field.end - field.start);
  const values: number[] = [];
  for (let pos = field.start; pos < field.end; pos = next.pos) {
    values.push(varintAt(src, pos, field.end, `field ${name} of ${message}`));
  }
  return values;
}

/** How many values one occurrence of a repeated varint field holds, without keeping them. */
export async function countVarints(src: ByteSource, field: Field): Promise<number> {
  if (field.wire === WIRE_VARINT) return 1;
  let count = 0;
  for (let pos = field.start; pos < field.end; pos++) {
    if (!src.has(pos, 1)) await src.load(pos, 1);
    if (src.byteAt(pos) < 0x80) count++;
  }
  return count;
}

/** How many values one occurrence of a repeated fixed-width field (float: 4, double: 8) holds. */
export function countFixed(field: Field, width: number): number {
  if (field.wire !== WIRE_LEN) return 1;
  return Math.floor((field.end - field.start) / width);
}

/** The field, checked to be length-delimited: a nested message, to be read by its range. */
export function messageField(field: Field, message: string, name: string): Field {
  expectWire(field, WIRE_LEN, message, name);
  return field;
}

/** The value of a scalar varint field (int32, int64, enum), checked for its wire type. */
export function varintField(field: Field, message: string, name: string): number {
  expectWire(field, WIRE_VARINT, message, name);
  return field.varint;
}
