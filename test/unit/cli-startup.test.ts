// A command parses the code it runs: the CLI's start loads the contract and the command table, and each
// domain's handlers (Parquet, zip, YAML, JSON Schemas, charts…) only when one of its methods is called
// (handlers.ts). Before, every start parsed 3.9 MB of JavaScript: 0.13 s of CPU per command.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = path.resolve(__dirname, '../../dist/node');

/** The files `entry` loads before it runs (static imports, followed), with their sizes. */
function staticGraph(entry: string): Map<string, number> {
  const seen = new Map<string, number>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = fs.readFileSync(path.join(dist, file), 'utf8');
    seen.set(file, text.length);
    for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+"\.\/([^"]+)"/gm)) visit(m[1]);
    for (const m of text.matchAll(/^import\s+"\.\/([^"]+)"/gm)) visit(m[1]);
  };
  visit(entry);
  return seen;
}

/** One marker per heavy domain: the CSV tokenizer, the Parquet reader, bundle export, drift statistics. */
const MARKERS = ['var CsvTokenizer = class', 'parquetMetadata', 'function exportBundle', 'function psiFromCounts'];

const textOf = (files: string[]) => files.map((f) => fs.readFileSync(path.join(dist, f), 'utf8')).join('\n');

describe('CLI start', () => {
  it('loads no domain code before a command runs, and the domains load when called', () => {
    const eager = staticGraph('cli.mjs');
    const atStart = textOf([...eager.keys()]);
    for (const marker of MARKERS) expect(atStart.includes(marker), marker).toBe(false);
    const bytes = [...eager.values()].reduce((s, n) => s + n, 0);
    expect(bytes, `${(bytes / 1e6).toFixed(2)} MB parsed at start`).toBeLessThan(1_500_000);
    // …and the lazily loaded files hold them.
    const all = textOf(fs.readdirSync(dist).filter((f) => f.endsWith('.mjs')));
    for (const marker of MARKERS) expect(all.includes(marker), marker).toBe(true);
  });

  it('a CSV import loads the CSV reader, not the Parquet one (hyparquet and its WebAssembly)', () => {
    const datasets = fs
      .readdirSync(dist)
      .find((f) => fs.readFileSync(path.join(dist, f), 'utf8').includes('datasetHandlers = {'));
    expect(datasets).toBeDefined();
    const loaded = textOf([...staticGraph(datasets!).keys()]);
    expect(loaded.includes('var CsvTokenizer = class')).toBe(true);
    expect(loaded.includes('parquetMetadata')).toBe(false);
  });
});
