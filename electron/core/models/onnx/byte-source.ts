// Positioned, windowed reads from an open file. The reader never holds the whole file: it keeps
// one small window of bytes and re-fills it at the offset it needs next, so skipping a tensor's
// raw_data costs nothing but moving a number.

import type { FileHandle } from 'node:fs/promises';
import { invalidModel } from './errors';

const WINDOW_BYTES = 64 * 1024;

/**
 * Protobuf fields one read may decode. Large real models stay far below (a 100k-node graph is
 * a few million fields); a file made of millions of tiny fields is an amplification attack that
 * would otherwise cost minutes and gigabytes. At well under a microsecond a field, a few seconds.
 */
export const MAX_FIELDS = 8_000_000;

export class ByteSource {
  private buf: Buffer = Buffer.alloc(0);
  private bufStart = 0;
  private bufEnd = 0;
  /** Fields decoded so far, against MAX_FIELDS. */
  private fields = 0;

  constructor(
    private readonly fh: FileHandle,
    /** Total size of the file in bytes. */
    readonly size: number,
  ) {}

  /** Counts one decoded field; throws once the file has more than MAX_FIELDS. */
  countField(at: number): void {
    if (++this.fields > MAX_FIELDS) {
      throw invalidModel(
        `more than ${MAX_FIELDS.toLocaleString('en-US')} protobuf fields (at byte ${at}): too many to be a real model`,
      );
    }
  }

  /** True when bytes [pos, pos + n) are in the window, so the sync accessors may be used. */
  has(pos: number, n: number): boolean {
    return pos >= this.bufStart && pos + n <= this.bufEnd;
  }

  /** Fills the window so that it starts at `pos` and holds at least `n` bytes (less at EOF). */
  async load(pos: number, n: number): Promise<void> {
    const len = Math.min(Math.max(n, WINDOW_BYTES), this.size - pos);
    if (len <= 0) return;
    if (this.buf.length < len) this.buf = Buffer.allocUnsafe(len);
    await this.readFully(this.buf, 0, len, pos);
    this.bufStart = pos;
    this.bufEnd = pos + len;
  }

  /** Makes sure up to `n` bytes from `pos` are in the window (fewer when the file ends first). */
  async ensure(pos: number, n: number): Promise<void> {
    const want = Math.min(n, this.size - pos);
    if (want > 0 && !this.has(pos, want)) await this.load(pos, want);
  }

  /** The byte at `pos`; the caller must have made it available with ensure(). */
  byteAt(pos: number): number {
    return this.buf[pos - this.bufStart];
  }

  /** A copy of bytes [pos, pos + n). Large reads bypass the window. */
  async bytes(pos: number, n: number): Promise<Buffer> {
    if (this.has(pos, n)) {
      return Buffer.from(this.buf.subarray(pos - this.bufStart, pos - this.bufStart + n));
    }
    if (n <= WINDOW_BYTES) {
      await this.load(pos, n);
      return Buffer.from(this.buf.subarray(0, n));
    }
    const out = Buffer.allocUnsafe(n);
    await this.readFully(out, 0, n, pos);
    return out;
  }

  private async readFully(into: Buffer, offset: number, len: number, pos: number): Promise<void> {
    let done = 0;
    while (done < len) {
      const { bytesRead } = await this.fh.read(into, offset + done, len - done, pos + done);
      if (bytesRead === 0) {
        throw invalidModel(`truncated at byte ${pos + done} (the file changed while being read)`);
      }
      done += bytesRead;
    }
  }
}
