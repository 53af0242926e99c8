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

/** Column i's recent words by slot. */
class ColumnWords {
  readonly texts: (string | undefined)[] = new Array<string | undefined>(SLOTS);
  readonly ids = new Int32Array(SLOTS);
  hits = 0;
  misses = 0;
  off = false;
}

export class WordDictionary {
  /** Every word, by number (the insert target learns them in this order). */
  readonly words: string[] = [];
  private columns: ColumnWords[] = [];
  /** Set by `find`: the slot the value has (or would take), and the word's number on a hit. */
  slot = 0;
  id = -1;

  /** Whether column i still looks values up (a value of more than MAX_WORD_CHARS never does). */
  active(i: number, length: number): boolean {
    const col = (this.columns[i] ??= new ColumnWords());
    return !col.off && length <= MAX_WORD_CHARS;
  }

  /** Looks buf[a, b) up among column i's words: the word (and `id`), or null. */
  find(i: number, buf: string, a: number, b: number): string | null {
    let h = 0x811c9dc5 ^ (b - a);
    for (let p = a; p < b; p++) h = Math.imul(h ^ buf.charCodeAt(p), 0x01000193);
    const col = this.columns[i];
    const slot = (this.slot = h >>> 26); // top 6 bits: SLOTS = 64
    const word = col.texts[slot];
    if (word !== undefined && word.length === b - a && buf.startsWith(word, a)) {
      col.hits++;
      this.id = col.ids[slot];
      return word;
    }
    if (++col.misses > GIVE_UP_MISSES && col.misses > col.hits) col.off = true;
    return null;
  }

  /** After a miss (`find` returned null): makes `text` a word of column i in the slot found; its number, or -1 when the dictionary is full. */
  add(i: number, text: string): number {
    if (this.words.length >= MAX_WORDS) return -1;
    const col = this.columns[i];
    const id = this.words.length;
    this.words.push(text);
    col.texts[this.slot] = text;
    col.ids[this.slot] = id;
    return id;
  }
}
