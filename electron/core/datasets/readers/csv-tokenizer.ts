// RFC 4180 tokenizer for delimited text, fed decoded chunks. Hand-written because the import must keep
// up with SQLite's own `.import` (csv-parse alone takes twice as long as the whole sqlite3 import);
// its behaviour is checked against csv-parse in test/unit/datasets-csv.test.ts.
// Records may end with \n, \r\n or \r; a quote inside an unquoted field is literal; blank lines can be
// skipped; errors carry the line (1-based, of the record's start) and the column (1-based field).
// Where the native scanner is built (native.ts), it splits the plain records and this code takes the rest.
import { csvScanner, type CsvScannerAddon } from '../native';

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/**
 * Called once per record with its field count and line; read fields with `tokenizer.value(i)` while
 * the handler runs. Fields are not copied out of the text unless asked for: where a field is a plain
 * slice of the text being parsed, `starts[i]`/`ends[i]` are its offsets in `tokenizer.buffer`
 * (start -1 when it had doubled quotes, and `value(i)` returns the unescaped text).
 */
export type RecordHandler = (count: number, line: number) => void;

/**
 * A run of records the native scanner split, handed on at once (`CsvTokenizer#onScanned`): record r
 * has `counts[r]` fields, back to back from field 0, each with its offsets in `tokenizer.buffer`, its
 * class and value (`toks`, `xs`: see `scannedToks`), and `newlines[r]` line breaks inside its quotes.
 * Every field is a plain slice of the text (doubled quotes are left to the JavaScript tokenizer).
 */
export interface ScannedRecords {
  records: number;
  /** The line of the first record. */
  line: number;
  readonly counts: Int32Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly toks: Uint8Array;
  readonly xs: Float64Array;
  readonly newlines: Int32Array;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
/** A record longer than this is almost surely an unclosed quote; refusing it keeps memory bounded. */
export const MAX_RECORD_CHARS = 64 * 1024 * 1024;

/** Room in the native scanner's arrays (csvScanner, native.ts): fields and records per call. */
const SCAN_FIELDS = 1 << 16;
const SCAN_RECORDS = 1 << 13;

/** The native scanner and the arrays it fills. */
class NativeScan {
  readonly state = new Int32Array(3);
  readonly starts = new Int32Array(SCAN_FIELDS);
  readonly ends = new Int32Array(SCAN_FIELDS);
  readonly toks = new Uint8Array(SCAN_FIELDS);
  readonly xs = new Float64Array(SCAN_FIELDS);
  readonly counts = new Int32Array(SCAN_RECORDS);
  readonly newlines = new Int32Array(SCAN_RECORDS);
  readonly batch: ScannedRecords = {
    records: 0,
    line: 1,
    counts: this.counts,
    starts: this.starts,
    ends: this.ends,
    toks: this.toks,
    xs: this.xs,
    newlines: this.newlines,
  };
  constructor(readonly addon: CsvScannerAddon) {}
}

export class CsvTokenizer {
  private rest = '';
  private held: string[] = [];
  private heldChars = 0;
  private line = 1;
  private escaped: string[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  /** The text the current records' offsets point into. */
  buffer = '';
  blankLines = 0;
  skipBlankLines = true;
  /** Characters handed to the parser so far, re-parsed ones included (stays near the text's length). */
  parsedChars = 0;
  /**
   * While a record split by the native scanner is handled: each field's class and value, as scan.ts's
   * scanNumber gives them, at `scanBase + i` (`(class + 1) | 32 when exact`, and the number); else null.
   */
  scannedToks: Uint8Array | null = null;
  scannedXs: Float64Array | null = null;
  scanBase = 0;
  /**
   * Takes each run of records the native scanner splits at once, or returns false to have that run
   * handed to the record handler one by one. The records the scanner leaves always go to the handler.
   */
  onScanned: ((records: ScannedRecords) => boolean) | null = null;
  private native: NativeScan | null;

  constructor(
    private delimiter: number,
    private onRecord: RecordHandler,
    private maxRecordChars = MAX_RECORD_CHARS,
    scanner: CsvScannerAddon | null = csvScanner(),
  ) {
    this.native = scanner && new NativeScan(scanner);
  }

  /** Field i of the record being handled. */
  value(i: number): string {
    const a = this.starts[i];
    return a < 0 ? this.escaped[i] : this.buffer.slice(a, this.ends[i]);
  }

  feed(text: string): void {
    // A record longer than a read (a huge quoted field) would be parsed again from its start on every
    // read: reads are held back until they add up to as much as it already has, so its cost stays linear.
    if (this.rest.length > 65536 && this.heldChars + text.length < this.rest.length) {
      this.held.push(text);
      this.heldChars += text.length;
      if (this.rest.length + this.heldChars <= this.maxRecordChars) return;
    }
    const more = this.held.length ? this.held.join('') + text : text;
    this.held = [];
    this.heldChars = 0;
    this.parse(this.rest.length ? this.rest + more : more, false);
  }

  end(): void {
    const more = this.held.join('');
    this.held = [];
    this.heldChars = 0;
    if (this.rest.length || more.length) this.parse(this.rest + more, true);
    this.rest = '';
  }

  private parse(buf: string, final: boolean): void {
    const len = buf.length;
    this.parsedChars += len;
    const delim = this.delimiter;
    const escaped = this.escaped;
    const starts = this.starts;
    const ends = this.ends;
    this.buffer = buf;
    const native = this.native;
    native?.addon.load(buf);
    let pos = 0;
    while (pos < len) {
      if (native !== null) {
        // Plain records in C; the one it leaves (doubled quotes, a blank line, an error) is parsed below.
        pos = this.scanNative(native, pos, final);
        const why = native.state[2];
        if (why === SCAN_END) break;
        if (why === SCAN_FULL) continue;
      }
      const start = pos;
      const startLine = this.line;
      let newlines = 0;
      let count = 0;
      let c = buf.charCodeAt(pos);
      if (c === LF || c === CR) {
        // A blank line: nothing between two record ends.
        if (c === CR && pos + 1 >= len && !final) break;
        pos += c === CR && buf.charCodeAt(pos + 1) === LF ? 2 : 1;
        this.line++;
        if (this.skipBlankLines) this.blankLines++;
        else {
          escaped[0] = '';
          starts[0] = -1;
          this.onRecord(1, startLine);
        }
        continue;
      }
      let complete = false;
      for (;;) {
        if (pos >= len) {
          // Input ends inside a record: at the very end it is the last record (no final newline).
          if (final) {
            starts[count] = -1;
            escaped[count++] = '';
            complete = true;
          }
          break;
        }
        c = buf.charCodeAt(pos);
        if (c === QUOTE) {
          let p = pos + 1;
          let pieces: string | null = null;
          let closed = -1;
          for (;;) {
            const q = buf.indexOf('"', p);
            if (q < 0) break;
            if (buf.charCodeAt(q + 1) === QUOTE) {
              pieces = (pieces ?? '') + buf.slice(p, q + 1);
              p = q + 2;
              continue;
            }
            if (q + 1 >= len && !final) break; // cannot tell "" from a closing quote yet
            closed = q;
            break;
          }
          if (closed < 0) {
            if (final)
              throw new CsvSyntaxError(
                `line ${startLine + newlines}: the quoted field in column ${count + 1} is never closed`,
                startLine + newlines,
                count + 1,
              );
            break;
          }
          if (pieces === null) {
            starts[count] = pos + 1;
            ends[count] = closed;
          } else {
            escaped[count] = pieces + buf.slice(p, closed);
            starts[count] = -1;
          }
          newlines += countNewlines(buf, pos + 1, closed);
          pos = closed + 1;
          if (pos < len) {
            c = buf.charCodeAt(pos);
            if (c !== delim && c !== LF && c !== CR) {
              throw new CsvSyntaxError(
                `line ${startLine + newlines}: unexpected text after the closing quote in column ${count + 1}`,
                startLine + newlines,
                count + 1,
              );
            }
          }
        } else {
          let p = pos;
          while (p < len && (c = buf.charCodeAt(p)) !== delim && c !== LF && c !== CR) p++;
          if (p >= len && !final) break;
          starts[count] = pos;
          ends[count] = p;
          pos = p;
        }
        count++;
        if (pos >= len) {
          if (final) complete = true;
          break;
        }
        c = buf.charCodeAt(pos);
        if (c === delim) {
          pos++;
          continue;
        }
        if (c === CR) {
          if (pos + 1 >= len && !final) break;
          pos += buf.charCodeAt(pos + 1) === LF ? 2 : 1;
        } else pos++;
        complete = true;
        break;
      }
      if (!complete) {
        pos = start;
        break;
      }
      this.line = startLine + newlines + 1;
      this.onRecord(count, startLine);
    }
    this.rest = pos < len ? buf.slice(pos) : '';
    if (this.rest.length > this.maxRecordChars) {
      throw new CsvSyntaxError(
        `line ${this.line}: a record longer than ${Math.round(this.maxRecordChars / 1048576)} MiB — probably a quote that is never closed`,
        this.line,
        1,
      );
    }
  }

  /** Hands on the records the native scanner splits from `pos`; returns where it stopped. */
  private scanNative(native: NativeScan, pos: number, final: boolean): number {
    const { state, starts: fs, ends: fe, counts, newlines } = native;
    native.addon.scan(pos, final, this.delimiter, state, fs, fe, native.toks, native.xs, counts, newlines);
    const records = state[1];
    if (records > 0 && this.onScanned !== null) {
      const batch = native.batch;
      batch.records = records;
      batch.line = this.line;
      if (this.onScanned(batch)) {
        let lines = records;
        for (let r = 0; r < records; r++) lines += newlines[r];
        this.line += lines;
        return state[0];
      }
    }
    const starts = this.starts;
    const ends = this.ends;
    this.scannedToks = native.toks;
    this.scannedXs = native.xs;
    try {
      let f = 0;
      for (let r = 0; r < records; r++) {
        const count = counts[r];
        for (let i = 0; i < count; i++) {
          starts[i] = fs[f + i];
          ends[i] = fe[f + i];
        }
        this.scanBase = f;
        f += count;
        const startLine = this.line;
        this.line = startLine + newlines[r] + 1;
        this.onRecord(count, startLine);
      }
    } finally {
      this.scannedToks = null;
      this.scannedXs = null;
    }
    return state[0];
  }
}

/** Why the native scanner stopped: the text ends (or its last record needs more), a record it leaves, no room. */
const SCAN_END = 0;
const SCAN_FULL = 2;

function countNewlines(buf: string, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf('\n', from); i >= 0 && i < to; i = buf.indexOf('\n', i + 1)) n++;
  return n;
}
