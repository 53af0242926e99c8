// Reading string and bytes fields. Strings are capped so a corrupt length can never make the
// reader allocate more than a megabyte for one of them.

import type { ByteSource } from './byte-source';
import { expectWire, WIRE_LEN, type Field } from './wire';

const MAX_STRING_BYTES = 1 << 20;
const utf8 = new TextDecoder('utf-8');

/** Decodes a string field as UTF-8; text beyond 1 MiB is cut and marked with "…". */
export async function readString(src: ByteSource, field: Field, message: string, name: string): Promise<string> {
  expectWire(field, WIRE_LEN, message, name);
  const len = field.end - field.start;
  if (len === 0) return '';
  const take = Math.min(len, MAX_STRING_BYTES);
  const text = utf8.decode(await src.bytes(field.start, take));
  return take < len ? `${text}…` : text;
}
