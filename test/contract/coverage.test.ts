// Every method of the contract is exercised by at least one contract scenario (an intent naming it
// in this folder), so a new method cannot land without its scenarios through every host.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { methods } from '../../shared/contract/methods';
import { ROOT } from '../helpers/workspace';

const DIR = path.join(ROOT, 'test', 'contract');

/** Methods named as an intent's `method: '…'` in the scenario files and their fixtures. */
function exercised(): Set<string> {
  const named = new Set<string>();
  for (const file of fs.readdirSync(DIR).filter((f) => f.endsWith('.contract.test.ts') || f === 'fixtures.ts'))
    for (const m of fs.readFileSync(path.join(DIR, file), 'utf8').matchAll(/\bmethod: '([a-z-]+\/[a-z-]+)'/g))
      named.add(m[1]);
  return named;
}

it('every contract method is exercised by a contract scenario through every host', () => {
  const seen = exercised();
  const missing = Object.keys(methods).filter((m) => !seen.has(m));
  expect(missing, `add scenarios to test/contract/*.contract.test.ts for: ${missing.join(', ')}`).toEqual([]);
  // And no scenario names a method the contract does not have (a typo would cover nothing).
  expect([...seen].filter((m) => !(m in methods))).toEqual([]);
});
