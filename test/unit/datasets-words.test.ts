// Repeated text values travel as words of a per-import dictionary (words.ts): what is stored, profiled
// and sketched must be exactly what the ordinary path gives — on the insert thread and on the calling
// thread — for quoted words, words with commas and accents, long values, ids, mixed columns.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useInProcessCore } from '../helpers/core';
import { MAX_WORD_CHARS, MAX_WORDS, WordDictionary } from '../../electron/core/datasets/words';
import { createRng } from '../../shared/math/latency/rng';
import { storedRows, tempDir } from '../helpers/workspace';

const tmp = tempDir('preflight-words-');
afterAll(() => tmp.cleanup());
const inProcess = useInProcessCore();

describe('WordDictionary', () => {
  it('knows a word again by its characters, in any text, and gives its number', () => {
    const d = new WordDictionary();
    const a = 'x,red,y';
    expect(d.active(0, 3)).toBe(true);
    expect(d.find(0, a, 2, 5)).toBeNull();
    const word = a.slice(2, 5);
    expect(d.add(0, word)).toBe(0);
    const b = 'green,red';
    expect(d.find(0, b, 6, 9)).toBe(word);
    expect(d.id).toBe(0);
    expect(d.find(0, b, 0, 5)).toBeNull(); // "green": another word
    expect(d.find(0, 'rede', 0, 4)).toBeNull(); // a longer text starting with the word
    // A word met again after another took its slot (or in another column) keeps its number.
    expect(d.add(0, 'green')).toBe(1);
    expect(d.fresh).toBe(true);
    expect(d.find(3, 'red', 0, 3)).toBeNull();
    expect(d.add(3, 'red')).toBe(0);
    expect(d.fresh).toBe(false);
    expect(d.size).toBe(2);
  });

  it('does not take long values, gives up on columns of ids, and stops at MAX_WORDS', () => {
    const d = new WordDictionary();
    expect(d.active(0, MAX_WORD_CHARS + 1)).toBe(false);
    for (let i = 0; i < 5000 && d.active(1, 8); i++) {
      const id = `id-${i}`;
      if (d.find(1, id, 0, id.length) === null) d.add(1, id);
    }
    expect(d.active(1, 8)).toBe(false);
    expect(d.active(2, 3)).toBe(true); // another column is not affected
    while (d.size < MAX_WORDS) d.add(2, `w${d.size}`);
    expect(d.add(2, 'one too many')).toBe(-1);
  });
});

describe('an import with words', () => {
  const rnd = createRng(11);
  const cats = ['red', 'green', '"blue, dark"', 'café', '日本', '"say ""hi"""', ''];
  const unquote = (t: string) => (t.startsWith('"') ? t.slice(1, -1).replaceAll('""', '"') : t);
  const long = ['L'.repeat(MAX_WORD_CHARS + 5), 'M'.repeat(MAX_WORD_CHARS + 20)];
  const rows = Array.from({ length: 30_000 }, (_, r) => [
    cats[Math.floor(rnd() * cats.length)],
    `user-${r}`,
    long[r % 2],
    r % 5 === 0 ? 'n/a' : String(r % 97),
    String(r),
    // 150 short codes: more than a column's 64 word slots, so words keep taking each other's slot.
    `w${Math.floor(rnd() * 150)}`,
  ]);
  const file = path.join(tmp.dir, 'words.csv');
  fs.writeFileSync(file, `cat,id,long,mixed,n,code\n${rows.map((r) => r.join(',')).join('\n')}\n`);

  for (const thread of ['insert thread', 'calling thread'] as const) {
    it(`stores, counts and sketches every value as the text was (${thread})`, async () => {
      const before = process.env.PREFLIGHT_INGEST_THREAD;
      if (thread === 'calling thread') process.env.PREFLIGHT_INGEST_THREAD = '0';
      let d;
      try {
        d = await inProcess.client().run('datasets/add', { path: file, name: `words-${thread.split(' ')[0]}` });
      } finally {
        if (before === undefined) delete process.env.PREFLIGHT_INGEST_THREAD;
        else process.env.PREFLIGHT_INGEST_THREAD = before;
      }
      const stored = storedRows(inProcess.dir, d.id);
      expect(stored).toHaveLength(rows.length);
      stored.forEach((s, r) => {
        const want = rows[r].map(unquote);
        expect(s.map((v) => (v === null ? '' : String(v)))).toEqual(want);
        expect(typeof s[0]).toBe(want[0] === '' ? 'object' : 'string');
      });
      const [cat, id, , mixed] = d.columnInfo;
      const counts = new Map<string, number>();
      for (const r of rows) if (r[0] !== '') counts.set(unquote(r[0]), (counts.get(unquote(r[0])) ?? 0) + 1);
      expect(cat.profile.distinct).toBe(counts.size);
      expect(cat.profile.distinctExact).toBe(true);
      expect(Object.fromEntries(cat.profile.top.map((t) => [t.value, t.count]))).toEqual(Object.fromEntries(counts));
      expect(id.profile.distinctExact).toBe(false);
      expect(Math.abs(id.profile.distinct - rows.length) / rows.length).toBeLessThan(0.05);
      expect(mixed.kind).toBe('integer'); // "n/a" is a missing-value word
      // Exact counts of a column whose words share slots: the 20 most frequent, ties by text.
      const codes = new Map<string, number>();
      for (const r of rows) codes.set(r[5], (codes.get(r[5]) ?? 0) + 1);
      const top = [...codes]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, 20)
        .map(([value, count]) => ({ value, count }));
      const code = d.columnInfo[5];
      expect([code.profile.distinct, code.profile.distinctExact]).toEqual([150, true]);
      expect(code.profile.top).toEqual(top);
    });
  }
});
