// Where an import's CPU goes, from V8 CPU profiles (`node --cpu-prof`: one file per thread): self time of
// each function, grouped by what it does. Grouping is by function name in the bundled CLI, so it is a
// guide to the next bottleneck, not an exact account; idle samples are left out, the rest adds to 100%.
import fs from 'node:fs';
import path from 'node:path';

const PARSING = new Set([
  'parse',
  'feed',
  'value',
  'scanNumber',
  'classify',
  'pushText',
  'pushScanned',
  'scanNative',
  'field',
  'wordsScanned',
  'find',
  'active',
  'wordHash',
  'write',
  'decode',
  'check',
  'isUtf8',
  'readDelimited',
  'sniffDelimiter',
  'detectEncoding',
  'typedCell',
  'compactColumn',
  'copyColumn',
  'putTyped',
  'readColumn',
  'parquetRead',
  'readRowGroups',
  'readJsonLines',
  'set',
  'endBlock',
  'beginBlock',
  'datetimeMillis',
  'readsBackAs',
  'fitsKind',
  'read',
  'onread',
  'slice',
]);
const PROFILING = new Set([
  'observe',
  'observeScanned',
  'observeWord',
  'count',
  'draw',
  'due',
  'pass',
  'offerSampleCounts',
  'offer',
  'describeColumn',
  'estimatedDistinct',
  'advance',
  'finish',
  'numeric',
  'sampleCounts',
  'topK',
  'histogram',
  'quantile',
  'estimate',
  'own',
  'mix',
  'hashKey',
  'add',
  'decideKind',
  'columns',
  'exactExtremes',
  'isValue',
  'toNumber',
  'exceeds',
]);
const INSERTING = new Set([
  'send',
  'put',
  'putScanned',
  'arraysFor',
  'recycle',
  'seal',
  'take',
  'missingValue',
  'postMessage',
  'endChunk',
  'endTypedChunk',
  'reserve',
  'insertChunk',
  'sqliteTransaction',
  'transaction',
  'run',
  'register',
  'insertColumnChunk',
  'bulk',
  'drain',
]);

/** { parsing, profiling, inserting, other } in milliseconds over every profile in `dir`. */
export function cpuShares(dir) {
  const out = { parsing: 0, profiling: 0, inserting: 0, other: 0 };
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.cpuprofile'))) {
    const p = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const worker = p.nodes.some((n) => n.callFrame.url.includes('[worker eval]'));
    for (let i = 0; i < p.samples.length; i++) {
      const frame = byId.get(p.samples[i]).callFrame;
      const name = frame.functionName.replace(/\d+$/, '');
      const ms = (p.timeDeltas[i] ?? 0) / 1000;
      if (name === '(idle)') continue;
      const hll = name === 'hashKey' || name === 'mix' || (name === 'add' && frame.url.includes('[worker eval]'));
      if (worker) out[hll ? 'profiling' : 'inserting'] += ms;
      else if (PARSING.has(name)) out.parsing += ms;
      else if (PROFILING.has(name)) out.profiling += ms;
      else if (INSERTING.has(name)) out.inserting += ms;
      else out.other += ms;
    }
  }
  return out;
}

export function formatShares(s) {
  const total = s.parsing + s.profiling + s.inserting + s.other || 1;
  const pct = (x) => `${((100 * x) / total).toFixed(0)}%`;
  return `CPU share: parsing ${pct(s.parsing)}, profiling ${pct(s.profiling)}, inserting ${pct(s.inserting)}, other ${pct(s.other)} (GC, startup, hashing the file; ${(total / 1000).toFixed(1)} s of samples over both threads)`;
}
