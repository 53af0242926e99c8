import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/workspace';

const METHODS_DIR = path.join(ROOT, 'shared', 'contract', 'methods');

/** Each family file with the methods it defines (read from its exports, not from a list kept here). */
export async function contractFamilies(): Promise<{ file: string; source: string; methods: string[] }[]> {
  const files = fs.readdirSync(METHODS_DIR).filter((f) => f.endsWith('.ts'));
  return Promise.all(
    files.map(async (file) => {
      const mod = (await import(path.join(METHODS_DIR, file))) as Record<string, unknown>;
      const defined = Object.values(mod)
        .filter((v): v is Record<string, { args?: unknown }> => typeof v === 'object' && v !== null)
        .flatMap((v) => Object.keys(v).filter((k) => /^[a-z-]+\/[a-z-]+$/.test(k) && v[k]?.args !== undefined));
      return { file, source: fs.readFileSync(path.join(METHODS_DIR, file), 'utf8'), methods: defined };
    }),
  );
}
