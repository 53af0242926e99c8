// One hop from the contract: every method in shared/contract/methods/ has exactly one handler in the
// core, every handler answers a method of the contract, and each family file names the core file
// that handles it — so a newcomer reading a contract entry knows where to look, and it stays true.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { methods } from '../../shared/contract/methods';
import { handlers } from '../../electron/core/handlers';
import { ROOT } from '../helpers/workspace';
import { contractFamilies } from './families';

describe('the contract and the core', () => {
  it('every contract method has a registered handler, and every handler a contract method', () => {
    const contract = Object.keys(methods).sort();
    const registered = Object.keys(handlers).sort();
    expect(
      registered.filter((m) => !contract.includes(m)),
      'handlers with no contract entry',
    ).toEqual([]);
    expect(
      contract.filter((m) => !registered.includes(m)),
      'contract methods with no handler',
    ).toEqual([]);
    for (const m of contract) expect(typeof (handlers as Record<string, unknown>)[m], m).toBe('function');
  });

  it('every method of a family file is in the contract, and the contract holds nothing else', async () => {
    const families = await contractFamilies();
    const defined = families.flatMap((f) => f.methods).sort();
    expect(new Set(defined).size, 'a method defined in two family files').toBe(defined.length);
    expect(defined).toEqual(Object.keys(methods).sort());
  });

  it('each family file names the core file that handles each of its methods (one hop)', async () => {
    for (const { file, source, methods: defined } of await contractFamilies()) {
      const line = source.match(/^\/\/ Handled by (.+(?:\n\/\/ .+)*)/m);
      expect(line, `${file}: add a "// Handled by electron/core/…/handlers.ts" line`).not.toBeNull();
      const named = [...line![1].matchAll(/electron\/core\/[\w/-]+\.ts/g)].map((m) => m[0]);
      const sources = named.map((n) => {
        expect(fs.existsSync(path.join(ROOT, n)), `${file} names ${n}, which does not exist`).toBe(true);
        return fs.readFileSync(path.join(ROOT, n), 'utf8');
      });
      for (const m of defined)
        expect(
          sources.some((s) => s.includes(`'${m}':`)),
          `${file}: ${m} is handled in none of ${named.join(', ')}`,
        ).toBe(true);
    }
  });
});
