// Where rows go during an import: chunks for the insert target (insert-pipe.ts: an unregistered
// staging table, one transaction per chunk) and one profile accumulator per column. Only `register`
// makes it a dataset.
import { PreflightError } from '../../../shared/contract/errors';
import type { ColumnInfo, ColumnKind } from '../../../shared/types/datasets';
import type { DatasetQueries, StoredValue } from '../workspace/queries/datasets';
import { classify, DATE, FLOAT, fitsKind, INT, MISSING, NA_WORD, NEGINF, POSINF, TEXT } from './infer';
import { createRng } from '../../../shared/math/latency/rng';
import { columnRng } from './sample-slots';
import { foldSinkStates, type SinkState } from './sink-state';
import { capsFor, ColumnAccumulator } from './profile';
import {
  ChunkBuffer,
  EXTRA_VALUE,
  NULL_VALUE,
  NUMBER_VALUE,
  SLICE_VALUE,
  WORD_VALUE,
  type ChunkTarget,
} from './insert-pipe';
import { describeColumn } from './column-kinds';
import { raggedRecord, refusedValue } from './import-errors';
import { WordDictionary } from './words';
import { ColumnChunker } from './chunks';
import type { CsvTokenizer, ScannedRecords } from './readers/csv-tokenizer';
import { scanned, scanNumber } from './scan';
import { datetimeMillis, overriddenNumber, readsBackAs } from './values';

/** SQLite's limit on columns per table in this build (SQLITE_MAX_COLUMN). */
export const MAX_COLUMNS = 2000;

/** A row value's kind by the native scanner's class byte (`(class + 1) | 32` when it reads back as written). */
const SCANNED_KINDS = Uint8Array.from({ length: 64 }, (_, t) =>
  (t & 31) - 1 === MISSING ? NULL_VALUE : (t & 32) !== 0 ? NUMBER_VALUE : SLICE_VALUE,
);

export class DatasetSink {
  rows = 0;
  readonly names: string[] = [];
  readonly notes: string[][] = [];
  private acc: ColumnAccumulator[] = [];
  private overrides: (ColumnKind | undefined)[] = [];
  private random: () => number;
  private target: ChunkTarget | null = null;
  private chunk = new ChunkBuffer();
  private chunkRows = 0;
  private text = '';
  /** Repeated text values of delimited text, sent as numbers (words.ts). */
  private words = new WordDictionary();
  /** Per column, the rows of a scanned batch taken column by column (pushScanned). */
  private fastRows = new Int32Array(0);
  /** Packed numeric chunks (chunks.ts), sized by the first column count. */
  private chunker: ColumnChunker | null = null;
  /** The first text value of each column and its line: shown when a numeric-looking column turns categorical. */
  private firstText: ({ value: string; line: number } | undefined)[] = [];
  /** The first missing-value word ("NA"…) of each column: named in the note when they are read as missing. */
  private firstWord: (string | undefined)[] = [];

  /** Kinds and profiles made while the last rows were written (finishChunks). */
  private finished: Omit<ColumnInfo, 'ordinal'>[] | null = null;

  /** A sink merged from parts (see `merged`): whether every part chunked column i. */
  private partsChunked: boolean[] | null = null;

  /** The unregistered table rows go to; created with the first columns. */
  staging: string | null = null;

  constructor(
    private q: DatasetQueries,
    private typeOverrides: Record<string, ColumnKind>,
    private expectedColumns: number,
    /** Told the staging table's name as soon as it exists (so no cleanup mistakes it for a leftover). */
    private onStaging: (name: string) => void = () => {},
    /** The staging table's name when the caller chose it (a part imported in a child process); else a fresh one. */
    private stagingName?: string,
  ) {
    this.random = createRng(0x5eed);
  }

  /** Adds columns (file header, or keys first seen in JSON Lines); earlier rows count as missing. */
  addColumns(names: string[], notes: string[][]): void {
    const total = this.names.length + names.length;
    if (total > MAX_COLUMNS) {
      throw new PreflightError(
        'INVALID_INPUT',
        `the file has ${total.toLocaleString('en-US')} columns; Preflight stores at most ${MAX_COLUMNS.toLocaleString('en-US')} per dataset (SQLite's limit)`,
        { columns: total },
      );
    }
    const caps = capsFor(Math.max(this.expectedColumns, total));
    const fresh = this.staging === null;
    this.chunker ??= new ColumnChunker(Math.max(this.expectedColumns, total));
    this.chunker.addColumns(names.length, this.rows);
    if (fresh) {
      this.staging = this.q.createStaging(names.length, this.stagingName);
      this.onStaging(this.staging);
    }
    names.forEach((name, i) => {
      const ordinal = this.names.length;
      if (!fresh) this.q.addStagingColumn(this.staging!, ordinal);
      this.names.push(name);
      this.notes.push(notes[i] ?? []);
      const a = new ColumnAccumulator(caps, columnRng(ordinal), this.target === null);
      a.addMissing(this.rows);
      this.acc.push(a);
      this.overrides.push(
        Object.prototype.hasOwnProperty.call(this.typeOverrides, name) ? this.typeOverrides[name] : undefined,
      );
    });
    this.fastRows = new Int32Array(this.names.length);
    this.target!.prepare(this.staging!, this.names.length);
  }

  /** Columns first seen after rows were sent (JSON Lines): rows in flight are written first, at the old width. */
  async addColumnsLater(names: string[], notes: string[][]): Promise<void> {
    await this.endTypedChunk();
    await this.target!.drain();
    this.addColumns(names, notes);
  }

  /** Refuses --type names that are not columns (for formats whose columns are all known from the header). */
  checkTypeNames(): void {
    const unknown = Object.keys(this.typeOverrides).filter((n) => !this.names.includes(n));
    if (unknown.length) {
      const have = this.names
        .slice(0, 20)
        .map((n) => JSON.stringify(n))
        .join(', ');
      throw new PreflightError(
        'BAD_ARGUMENTS',
        `--type names column(s) the file does not have: ${unknown.map((n) => JSON.stringify(n)).join(', ')} (columns: ${have}${this.names.length > 20 ? ', …' : ''})`,
      );
    }
  }

  /** Sends rows to `target` (an insert thread, which also sketches distinct values) instead of inserting them here. */
  useChunks(target: ChunkTarget): void {
    this.target = target;
    target.recycle = (vals) => this.chunker?.recycle(vals);
  }

  /**
   * Waits for every row to be committed and takes the target's distinct-value sketches. The profiles
   * are made meanwhile (the insert thread may still hold a hundred reads): only the distinct counts
   * past the exact cap wait for the sketches.
   */
  async finishChunks(): Promise<void> {
    this.chunker?.finish();
    const last = this.chunker?.take() ?? [];
    if (last.length) await this.target!.send('', new ChunkBuffer(0), 0, last);
    const finished = this.target!.finish();
    finished.catch(() => {}); // awaited below; a failure must not be reported as unhandled meanwhile
    const columns = this.columns();
    const sketches = await finished;
    sketches.forEach((registers, i) => {
      if (this.acc[i]) this.acc[i].sketch = registers;
    });
    columns.forEach(({ profile }, i) => {
      if (!profile.distinctExact) profile.distinct = this.acc[i].estimatedDistinct(profile.count - profile.missing);
    });
    this.finished = columns;
  }

  /**
   * One record of delimited text (`count` fields, read from the tokenizer). Plain numbers are taken
   * straight from the chunk's text (scan.ts); other fields as strings. Rows collect until `endChunk`.
   */
  pushText(tokenizer: CsvTokenizer, count: number, line: number): void {
    const n = this.names.length;
    if (count !== n) throw raggedRecord(line, n, count);
    const c = this.chunk;
    c.reserve(n);
    const k = c.length;
    const { starts, ends } = tokenizer;
    // Classes and values the native scanner found (csv-tokenizer.ts), or null: scanNumber here.
    const preToks = tokenizer.scannedToks;
    const preXs = tokenizer.scannedXs!;
    const base = tokenizer.scanBase;
    for (let i = 0; i < n; i++) {
      const a = starts[i];
      if (a >= 0 && preToks === null) {
        const tok = scanNumber(tokenizer.buffer, a, ends[i]);
        this.field(tokenizer, i, k + i, a, ends[i], tok, scanned.x, scanned.exact, line, false);
      } else if (a >= 0) {
        const t = preToks![base + i];
        this.field(tokenizer, i, k + i, a, ends[i], (t & 31) - 1, preXs[base + i], (t & 32) !== 0, line, true);
      } else this.field(tokenizer, i, k + i, a, 0, -1, NaN, false, line, false);
    }
    c.length = k + n;
    this.chunkRows++;
    this.rows++;
  }

  /**
   * The records the native scanner split from one read (csv-tokenizer.ts#ScannedRecords), or false
   * when one of them has the wrong number of fields (they are then pushed one by one, and the error
   * names its line). Column by column, each column's plain numbers, missing values and words it
   * already has, up to its first other value (observeScanned, putScanned, wordsScanned): no string or
   * call per value; then row by row, every other value, as `pushText` takes them. Each column samples
   * with its own random stream (columnRng), so the order across columns does not matter: the same
   * rows, chunks and profiles as record by record (tested).
   */
  pushScanned(tokenizer: CsvTokenizer, batch: ScannedRecords): boolean {
    const n = this.names.length;
    const { records, counts, starts, ends, toks, xs, newlines } = batch;
    for (let r = 0; r < records; r++) if (counts[r] !== n) return false;
    const c = this.chunk;
    c.reserve(records * n);
    const k0 = c.length;
    const buffer = tokenizer.buffer;
    const acc = this.acc;
    // The row arrays as the scanner left them (the same layout, record after record), each value's kind
    // from its class — missing, a number that reads back as written, else its slice of the text; words
    // and the values `field` takes are set again below.
    const m = records * n;
    c.nums.set(xs.subarray(0, m), k0);
    c.starts.set(starts.subarray(0, m), k0);
    c.ends.set(ends.subarray(0, m), k0);
    for (let f = 0; f < m; f++) c.kinds[k0 + f] = SCANNED_KINDS[toks[f]];
    // Rows [0, fast[i]) of column i are plain numbers, missing values or known words, taken column by column.
    const fast = this.fastRows;
    for (let i = 0; i < n; i++) {
      const until =
        this.overrides[i] === undefined ? acc[i].observeScanned(toks, xs, starts, ends, buffer, i, n, records) : 0;
      this.chunker!.putScanned(i, toks, xs, i, n, until);
      // Then the words it already has (a column of categories).
      fast[i] =
        until < records && this.overrides[i] === undefined ? this.wordsScanned(i, batch, buffer, until, k0) : until;
    }
    // Then row by row, from the first row a column loop left, every value no column loop took.
    let from = records;
    for (let i = 0; i < n; i++) if (fast[i] < from) from = fast[i];
    let line = batch.line;
    for (let r = 0; r < from; r++) line += newlines[r] + 1;
    for (let r = from, f = from * n; r < records; r++) {
      for (let i = 0; i < n; i++, f++) {
        if (r < fast[i]) continue;
        const t = toks[f];
        this.field(tokenizer, i, k0 + f, starts[f], ends[f], (t & 31) - 1, xs[f], (t & 32) !== 0, line, true);
      }
      line += newlines[r] + 1;
    }
    c.length = k0 + records * n;
    this.chunkRows += records;
    this.rows += records;
    return true;
  }

  /**
   * Rows [from, records) of column i of a scanned batch as far as each is missing or a word the column
   * already has (words.ts), counted and put in the row arrays as `field` does (the sample aside);
   * returns the first row that is neither. A word missed here is looked up again by `field`, which
   * learns it, so the miss is not counted twice.
   */
  private wordsScanned(i: number, batch: ScannedRecords, buffer: string, from: number, k0: number): number {
    const n = this.names.length;
    const { records, toks, xs, starts, ends } = batch;
    const words = this.words;
    const a = this.acc[i];
    const c = this.chunk;
    const chunker = this.chunker!;
    let r = from;
    for (let f = from * n + i; r < records; r++, f += n) {
      const tok = (toks[f] & 31) - 1;
      if (tok === MISSING) {
        a.observe(MISSING, '', NaN);
        if (chunker.ok(i)) chunker.put(i, MISSING, NaN, false);
        c.kinds[k0 + f] = NULL_VALUE;
        continue;
      }
      if (tok >= 0 || !words.active(i, ends[f] - starts[f])) break;
      const word = words.find(i, buffer, starts[f], ends[f], xs[f], false);
      if (word === null) break;
      a.observeWord(word, words.slot);
      c.kinds[k0 + f] = WORD_VALUE;
      c.nums[k0 + f] = words.id;
    }
    return r;
  }

  /**
   * Field i of a record as chunk value k: its offsets in the text (a < 0: `tokenizer.value(i)`, a field
   * with doubled quotes), its class by scan.ts's rules (-1: classify the text) and number, and whether
   * that number's text reads back as written; `hashed`: the scanner left words.ts's hash in `sx`.
   */
  private field(
    tokenizer: CsvTokenizer,
    i: number,
    k: number,
    a: number,
    e: number,
    tok: number,
    sx: number,
    exact: boolean,
    line: number,
    hashed: boolean,
  ): void {
    const c = this.chunk;
    const { buffer } = tokenizer;
    const acc = this.acc;
    const overrides = this.overrides;
    const words = this.words;
    let x = NaN;
    let kind = SLICE_VALUE;
    let key: string | number;
    let s: string | null = null;
    let word = -1;
    if (tok === MISSING) {
      kind = NULL_VALUE;
      key = '';
    } else if (tok === INT || tok === FLOAT) {
      x = sx;
      if (exact) {
        kind = NUMBER_VALUE;
        key = x;
      } else key = s = buffer.slice(a, e);
    } else {
      if (tok < 0 && a >= 0 && overrides[i] === undefined && words.active(i, e - a)) {
        // A word already known (words.ts), or one to learn when the value is text.
        s = words.find(i, buffer, a, e, hashed ? sx : -1);
        if (s !== null) {
          tok = TEXT;
          word = words.id;
        } else {
          s = buffer.slice(a, e);
          tok = classify(s);
          if (tok === TEXT) {
            word = words.add(i, s);
            if (words.fresh) c.words.push(s);
          }
        }
        if (word >= 0) kind = WORD_VALUE;
      } else {
        s = a >= 0 ? buffer.slice(a, e) : tokenizer.value(i);
        if (tok < 0) tok = classify(s);
      }
      key = s;
      if (tok === INT) {
        x = Number(s);
        // Only canonical spellings become INTEGER, so reading back gives the text that was in the file.
        if (s.charCodeAt(0) !== 43 && !(x === 0 && s.charCodeAt(0) === 45)) kind = NUMBER_VALUE;
      } else if (tok === FLOAT) {
        x = Number(s);
        if (readsBackAs(s, x)) kind = NUMBER_VALUE;
        if (!Number.isFinite(x)) tok = x > 0 ? POSINF : NEGINF;
      } else if (tok === MISSING) kind = NULL_VALUE;
      else if (tok === DATE) x = datetimeMillis(s) ?? NaN;
      else if (tok === TEXT && overrides[i] !== undefined) x = overriddenNumber(overrides[i]!, s);
    }
    if (overrides[i] !== undefined) {
      const text = s ?? (a >= 0 ? buffer.slice(a, e) : tokenizer.value(i));
      if (!fitsKind(overrides[i]!, tok, text)) throw refusedValue(this.names[i], overrides[i]!, text, line);
    }
    acc[i].observe(tok, key, x, word >= 0 ? words.slot : -1);
    if (this.chunker!.ok(i)) this.chunker!.put(i, tok, x, kind === NUMBER_VALUE);
    if (tok === TEXT && this.firstText[i] === undefined) this.firstText[i] = { value: s!, line };
    else if (tok === NA_WORD && this.firstWord[i] === undefined) this.firstWord[i] = s!;
    if (kind === NUMBER_VALUE) c.nums[k] = x;
    else if (kind === WORD_VALUE) c.nums[k] = word;
    else if (kind === SLICE_VALUE) {
      if (a < 0) {
        kind = EXTRA_VALUE;
        c.extras.push(s!);
      } else {
        c.starts[k] = a;
        c.ends[k] = e;
      }
    }
    c.kinds[k] = kind;
  }

  /** Hands the rows pushed since the last call (offsets into `buffer`) to the target. */
  async endChunk(buffer: string): Promise<void> {
    if (this.chunkRows === 0) return;
    const rows = this.chunkRows;
    this.chunkRows = 0;
    await this.target!.send(buffer, this.chunk, rows, this.chunker!.take());
    this.chunk.length = 0;
    this.chunk.extras = [];
    this.chunk.words = [];
  }

  /** One row of typed values (JSON Lines): `count` columns set, later ones missing. */
  pushTypedRow(toks: Uint8Array, stored: StoredValue[], xs: Float64Array, count: number, line: number): void {
    const n = this.names.length;
    const base = this.beginBlock(1);
    for (let i = 0; i < n; i++) this.putTyped(i, base + i, i < count ? toks[i] : MISSING, stored[i], xs[i], line);
    this.endBlock(1);
  }

  /**
   * Column-major filling for typed readers (Parquet): `beginBlock(m)` reserves m rows and returns the
   * chunk index of the block's first cell; `putTyped` sets cell (row r, column i) at
   * `base + r * columns + i`; `endBlock(m)` adds the rows. Values go to the target with `endTypedChunk`.
   */
  beginBlock(m: number): number {
    this.chunk.reserve(m * this.names.length);
    return this.chunk.length;
  }

  putTyped(i: number, k: number, tok: number, v: StoredValue, x: number, line: number): void {
    const c = this.chunk;
    if (tok === MISSING) {
      this.acc[i].observe(MISSING, '', NaN);
      this.chunker!.missingValue(i);
      c.kinds[k] = NULL_VALUE;
      return;
    }
    if (this.overrides[i] !== undefined && !fitsKind(this.overrides[i]!, tok, String(v)))
      throw refusedValue(this.names[i], this.overrides[i]!, String(v), line);
    this.acc[i].observe(tok, v as string | number, x);
    if (this.chunker!.ok(i)) {
      const asNumber = typeof v === 'number';
      // Integers beyond ±2^53 are stored as their digits: they read back as Number(text).
      this.chunker!.put(i, tok, asNumber || (tok !== INT && tok !== FLOAT) ? x : Number(v), asNumber);
    }
    if (typeof v === 'number') {
      c.kinds[k] = NUMBER_VALUE;
      c.nums[k] = v;
    } else {
      if (tok === TEXT && this.firstText[i] === undefined) this.firstText[i] = { value: v!, line };
      else if (tok === NA_WORD && this.firstWord[i] === undefined) this.firstWord[i] = v!;
      c.kinds[k] = SLICE_VALUE;
      c.starts[k] = this.text.length;
      this.text += v;
      c.ends[k] = this.text.length;
    }
  }

  endBlock(m: number): void {
    this.chunk.length += m * this.names.length;
    this.chunkRows += m;
    this.rows += m;
  }

  /** Hands the rows of the blocks since the last call to the target. */
  async endTypedChunk(): Promise<void> {
    const text = this.text;
    this.text = '';
    await this.endChunk(text);
  }

  /** Whether column i was chunked whole (only numbers, missing, NaN/inf): register keeps its chunks when its kind is numeric. */
  chunked(i: number): boolean {
    if (this.partsChunked) return this.partsChunked[i];
    return this.chunker?.ok(i) ?? false;
  }

  /** Kinds and profiles, once every row is in. */
  columns(): Omit<ColumnInfo, 'ordinal'>[] {
    if (this.finished) return this.finished;
    return this.acc.map((a, i) =>
      describeColumn(a, this.rows, {
        name: this.names[i],
        notes: this.notes[i],
        override: this.overrides[i],
        firstText: this.firstText[i],
        firstWord: this.firstWord[i],
      }),
    );
  }

  /** What the parent needs of a part imported in a child process: structured-clone data. */
  partState(): SinkState {
    return {
      rows: this.rows,
      names: this.names,
      notes: this.notes,
      acc: this.acc.map((a) => a.state()),
      firstText: this.firstText,
      firstWord: this.firstWord,
      chunked: this.names.map((_, i) => this.chunked(i)),
    };
  }

  /**
   * The sink of a dataset written in parts, from the parts' states in row order (their rows are in the
   * part tables): the states folded into one (foldSinkStates), whose accumulators give the profiles
   * and kinds; a column keeps its packed chunks when every part kept them. `staging` is set by the caller.
   */
  static merged(q: DatasetQueries, typeOverrides: Record<string, ColumnKind>, parts: SinkState[]): DatasetSink {
    const sink = new DatasetSink(q, typeOverrides, parts[0].names.length);
    const whole = parts.length === 1 ? parts[0] : foldSinkStates(parts, sink.random);
    const caps = capsFor(whole.names.length);
    sink.rows = whole.rows;
    sink.names.push(...whole.names);
    sink.notes.push(...whole.notes);
    sink.acc = whole.acc.map((state) => ColumnAccumulator.merge([state], caps, sink.random));
    sink.firstText = whole.firstText;
    sink.firstWord = whole.firstWord;
    sink.partsChunked = whole.chunked;
    sink.overrides = whole.names.map((name) =>
      Object.prototype.hasOwnProperty.call(typeOverrides, name) ? typeOverrides[name] : undefined,
    );
    return sink;
  }
}
