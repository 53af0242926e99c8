// The insert thread's source: plain JavaScript, so it needs no build step in any host. It writes each
// chunk's rows (with the native row writer, native/preflight_rows.c, when it was built; else bound from
// here, as insert-pipe.ts#insertChunk does), the packed column chunks they complete, and sketches every
// column's distinct values (hll.ts's self-contained factory, as text); it also hashes the source file.
import { hllKit } from './hll';
import { asStored } from './values';

export const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const HLL = (${hllKit.toString()})();
const asStored = (${asStored.toString()});
const Database = require(workerData.driver);
// The workspace must open here too (the driver loads in this thread, the folder is there): else the
// import falls back to the calling thread before any chunk is sent (starting-target.ts).
new Database(workerData.file, { readonly: true, fileMustExist: true }).close();
// The native row writer, when it was built (native/preflight_rows.c); else the rows are bound from here.
// Tried on a connection of its own, so 'ready' says which writer runs before the import's file exists.
let native = false, nativeWhy = 'not built';
if (workerData.extension) {
  try { const probe = new Database(':memory:'); try { probe.loadExtension(workerData.extension); native = true; } finally { probe.close(); } }
  catch (err) { nativeWhy = String((err && err.message) || err); }
}
parentPort.postMessage({ type: 'ready', writer: native ? 'native' : 'javascript', why: native ? '' : nativeWhy });
// The import's dataset file (queries/dataset-files.ts), opened at the first 'prepare'. This thread is its
// only writer until the import ends: no journal and no sync (each page is written once; the core syncs
// the file before it registers the dataset, and removes the file of an import that fails).
let db = null, begin, commit, rollback;
function open(file) {
  db = new Database(file, { fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  if (native) db.loadExtension(workerData.extension);
  begin = db.prepare('BEGIN IMMEDIATE'); commit = db.prepare('COMMIT'); rollback = db.prepare('ROLLBACK');
}
let single, multi, per, n, batch, regs, packChunk, key, spread, fromChunk;
// Whether this table's rows go through the row writer: its virtual table has 6 hidden columns more
// than the table, so a table near SQLite's 2,000-column limit is bound from here instead.
let useNative = false, usedNative = false;
const words = [], hashes = [];
const bytes = (a, v) => Buffer.from(a.buffer, a.byteOffset, v * a.BYTES_PER_ELEMENT);
// A chunk's text arrives as one byte per character (m.latin1: no character above U+00FF, which is most
// text) or as a string; the row writer takes it as bytes (Latin-1 or UTF-16LE), extras and new words after it.
function insertNative(m) {
  if (m.rows === 0) return;
  const v = m.rows * n;
  const latin1 = m.latin1 && Buffer.from(m.latin1.buffer, m.latin1.byteOffset, m.latin1.length);
  const body = latin1 ? latin1.length : m.buffer.length;
  const tail = [latin1 ? 1 : 2, body, m.extras.length];
  let more = '';
  for (const x of m.extras) { more += x; tail.push(x.length); }
  tail.push(m.words.length);
  for (const w of m.words) { more += w; tail.push(w.length); }
  const text = !latin1 ? Buffer.from(m.buffer + more, 'utf16le')
    : more ? Buffer.concat([latin1, Buffer.from(more, 'latin1')]) : latin1;
  const t = Int32Array.from(tail);
  fromChunk.run(bytes(m.kinds, v), bytes(m.nums, v), bytes(m.starts, v), bytes(m.ends, v), text, bytes(t, t.length));
}
function insertChunk(m) {
  const { kinds, nums, starts, ends, extras, rows } = m;
  const buffer = m.latin1 ? Buffer.from(m.latin1.buffer, m.latin1.byteOffset, m.latin1.length).toString('latin1') : m.buffer;
  for (const w of m.words) { words.push(w); hashes.push(HLL.hashKey(w)); }
  let k = 0, e = 0, filled = 0;
  for (let r = 0; r < rows; r++) {
    const base = filled * n;
    for (let i = 0; i < n; i++, k++) {
      const kind = kinds[k];
      let v;
      if (kind === 4) { v = words[nums[k]]; HLL.addHash(regs[i], hashes[nums[k]]); }
      else {
        v = kind === 1 ? nums[k] : kind === 2 ? buffer.slice(starts[k], ends[k]) : kind === 3 ? extras[e++] : null;
        if (v !== null) HLL.add(regs[i], v);
        if (kind === 1) v = asStored(v); // an integer within ±2^53 binds as INTEGER
      }
      batch[base + i] = v;
    }
    if (++filled === per) { if (spread) multi.run(...batch); else multi.run(batch); filled = 0; }
  }
  for (let r = 0; r < filled; r++) single.run(batch.slice(r * n, r * n + n));
}
// One transaction spans several chunks (each chunk is a small read, so the strings it carries stay
// small): committed every COMMIT_ROWS rows, whenever the other thread asks (flush, prepare, close), and
// as soon as no chunk has come for a few milliseconds — the write lock is never held while idle, so
// the core's own connection (adding a column, waiting synchronously) gets its turn.
let pending = -1, idle = null;
function commitNow() {
  if (idle !== null) { clearTimeout(idle); idle = null; }
  if (pending >= 0) { pending = -1; commit.run(); }
}
function commitWhenIdle() {
  if (idle !== null) clearTimeout(idle);
  idle = setTimeout(() => {
    idle = null;
    try { commitNow(); } catch (err) { if (db.inTransaction) rollback.run(); parentPort.postMessage({ type: 'error', message: String((err && err.message) || err) }); }
  }, workerData.idleCommitMs);
}
// The source file's SHA-256, from the bytes the reader sends as it reads them (not answered: the idle
// commit's timer is left as it is).
const sha = require('node:crypto').createHash('sha256');
parentPort.on('message', (m) => {
  if (m.type === 'hash') { sha.update(m.bytes); return; }
  if (idle !== null) { clearTimeout(idle); idle = null; }
  let reply = { type: 'ok' }, give = [];
  try {
    if (m.type === 'flush') commitNow();
    else if (m.type === 'prepare') {
      if (db === null) open(m.file);
      commitNow();
      // Columns may have been added by the other connection: a read of the schema reloads a stale one.
      db.prepare(m.refresh).get();
      n = m.columns; per = m.rowsPerStatement;
      single = db.prepare(m.single); multi = db.prepare(m.multi);
      useNative = false;
      if (native) {
        try { db.exec(m.rowsTable); fromChunk = db.prepare(m.fromChunk); useNative = usedNative = true; }
        catch (err) { if (n + 6 <= 2000) throw err; }
      }
      packChunk = db.prepare(m.chunk); key = m.key;
      batch = new Array(per * n).fill(null);
      spread = batch.length <= workerData.spreadArgs;
      regs = regs || [];
      while (regs.length < n) regs.push(new Uint8Array(HLL.M));
    } else if (m.type === 'chunk') {
      if (pending < 0) { begin.run(); pending = 0; }
      try {
        for (const p of m.packed) {
          const v = p.vals;
          packChunk.run(key, p.ordinal, p.chunk, p.rows, p.missing, p.nan, p.posInf, p.negInf, Buffer.from(v.buffer, v.byteOffset, v.byteLength));
        }
        if (useNative) insertNative(m); else insertChunk(m);
      } catch (err) {
        if (db.inTransaction) rollback.run();
        pending = -1;
        throw err;
      }
      pending += m.rows;
      if (pending >= workerData.commitRows) commitNow();
      else commitWhenIdle();
      // The arrays go back to be filled again (fresh ones would be fresh pages each time).
      const vals = m.packed.map((p) => p.vals);
      reply = { type: 'ok', arrays: [m.kinds, m.nums, m.starts, m.ends], vals };
      give = [m.kinds.buffer, m.nums.buffer, m.starts.buffer, m.ends.buffer, ...vals.map((v) => v.buffer)];
    } else if (m.type === 'close') {
      if (m.commit) commitNow();
      if (usedNative && regs && db) {
        // The row writer's registers and this thread's (values bound from here), merged: the larger of each.
        const sketch = db.prepare('SELECT preflight_rows_sketch(?)').pluck();
        regs = regs.map((r, i) => { const b = sketch.get(i); if (b) for (let j = 0; j < r.length; j++) r[j] = Math.max(r[j], b[j]); return r; });
      }
      if (db) db.close();
      parentPort.postMessage({ type: 'closed', registers: regs || [], sha256: sha.digest('hex') });
      parentPort.close();
      return;
    }
    parentPort.postMessage(reply, give);
  } catch (err) {
    parentPort.postMessage({ type: 'error', message: String((err && err.message) || err) });
  }
});
`;
