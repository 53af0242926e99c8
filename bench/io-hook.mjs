// Preloaded by bench/ingest.mjs into the CLI it times (`--import`): at exit, the bytes the whole
// process (every thread) passed to read and write system calls, from Linux's /proc/self/io — an
// import's I/O volume beside sqlite3's, where the WAL's second copy and the packed chunks show.
import fs from 'node:fs';
import { isMainThread } from 'node:worker_threads';

if (isMainThread)
  process.on('exit', () => {
    try {
      const io = fs.readFileSync('/proc/self/io', 'utf8');
      const n = (k) => Number(new RegExp(`^${k}: (\\d+)`, 'm').exec(io)?.[1] ?? NaN);
      fs.writeSync(2, `\nprocess-io wchar=${n('wchar')} rchar=${n('rchar')}\n`);
    } catch {
      /* not Linux: no figure */
    }
  });
