// Repeated text values of a delimited file (categories: "red", "M", "EUR"…) become words of one
// dictionary per import. The main thread recognises a word in the chunk's text by a hash of its
// characters (no slice, no classification, no new string to hash for the profile's counts) and sends
// its number; the insert thread keeps the same dictionary and binds the word it already holds,
// sketched once per word instead of once per value. High-cardinality columns (ids, free text) turn
// it off for themselves, so the dictionary stays small.

/** Slots per column: a value whose slot another value took is simply read the ordinary way. */
const SLOTS = 64;
/** Longer values are not words (a dictionary of long texts would hold a lot of memory). */
export const MAX_WORD_CHARS = 64;
/** Words per import; past it new values go the ordinary way (words already known still count). */
export const MAX_WORDS = 1 << 16;
/** A column stops looking values up after this many misses when it misses more than it hits. */
const GIVE_UP_MISSES = 4096;

/** FNV-1a over the UTF-16 units of buf[a, b), seeded with its length (native/preflight_csv.c computes the same). */
export function wordHash(buf: string, a: number, b: number): number {
  let h = 0x811c9dc5 ^ (b - a);
  for (let p = a; p < b; p++) h = Math.imul(h ^ buf.charCodeAt(p), 0x01000193);
  return h >>> 0;
}

/** Column i's recent words by slot. */
class ColumnWords {
  readonly texts: (string | undefined)[] = new Array<string | undefined>(SLOTS);
  readonly ids = new Int32Array(SLOTS);
  hits = 0;
  misses = 0;
  off = false;
}

export class WordDictionary {
  /** Every word and its number (the insert target learns them in this order): a word pushed out of its slot keeps its number. */
  private numbers = new Map<string, number>();
  private columns: ColumnWords[] = [];
  /** Set by `find`: the slot the value has (or would take), and the word's number on a hit. */
  slot = 0;
  id = -1;
  /** Set by `add`: the word was not known before. */
  fresh = false;

  /** Whether column i still looks values up (a value of more than MAX_WORD_CHARS never does). */
  active(i: number, length: number): boolean {
    return !this.column(i).off && length <= MAX_WORD_CHARS;
  }

  /**
   * Looks buf[a, b) up among column i's words: the word (and `id`), or null. `hash`: wordHash of
   * the text when the caller has it (the native CSV scanner computes it), else -1. `countMiss`: false
   * when the caller will look the same value up again after a miss.
   */
  find(i: number, buf: string, a: number, b: number, hash = -1, countMiss = true): string | null {
    const h = hash >= 0 ? hash : wordHash(buf, a, b);
    const col = this.column(i);
    const slot = (this.slot = h >>> 26); // top 6 bits: SLOTS = 64
    const word = col.texts[slot];
    if (word !== undefined && word.length === b - a && buf.startsWith(word, a)) {
      col.hits++;
      this.id = col.ids[slot];
      return word;
    }
    if (countMiss && ++col.misses > GIVE_UP_MISSES && col.misses > col.hits) col.off = true;
    return null;
  }

  /** Words numbered so far. */
  get size(): number {
    return this.numbers.size;
  }

  /**
   * After a miss (`find` returned null): puts `text` in column i's slot found and gives its number (-1
   * when the dictionary is full); `fresh` says whether the word is new, to be sent to the target.
   */
  add(i: number, text: string): number {
    let id = this.numbers.get(text);
    this.fresh = false;
    if (id === undefined) {
      if (this.numbers.size >= MAX_WORDS) return -1;
      id = this.numbers.size;
      this.numbers.set(text, id);
      this.fresh = true;
    }
    const col = this.column(i);
    col.texts[this.slot] = text;
    col.ids[this.slot] = id;
    return id;
  }

  private column(i: number): ColumnWords {
    return (this.columns[i] ??= new ColumnWords());
  }
}
