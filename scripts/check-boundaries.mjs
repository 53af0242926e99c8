// Layer rules, checked mechanically (ARCHITECTURE.md): the core never imports electron or the
// renderer; shared/ never imports node:* (it runs in the browser); the renderer never imports the core;
// only electron/main and electron/preload import 'electron'.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const rules = [
  {
    dir: 'electron/core',
    forbid: [/from ['"]electron['"]/, /require\(['"]electron['"]\)/, /from ['"][./]*\/renderer\//],
    why: 'the core runs in the CLI and web server too',
  },
  {
    dir: 'electron/cli',
    forbid: [/from ['"]electron['"]/, /from ['"][./]*\/renderer\//],
    why: 'the CLI runs without Electron',
  },
  {
    dir: 'electron/server',
    forbid: [/from ['"]electron['"]/, /from ['"][./]*\/renderer\//],
    why: 'web mode runs without Electron',
  },
  {
    dir: 'shared',
    forbid: [
      /from ['"]node:/,
      /require\(['"]node:/,
      /from ['"](fs|path|os|crypto|child_process|better-sqlite3|onnxruntime-node|electron)['"]/,
    ],
    why: 'shared/ is isomorphic',
  },
  {
    dir: 'renderer',
    forbid: [/from ['"][./]*\/electron\//, /from ['"]node:/, /from ['"]electron['"]/],
    why: 'the renderer talks to the core only through the contract',
  },
];

const files = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });

let failures = 0;
for (const rule of rules) {
  let list;
  try {
    list = files(rule.dir);
  } catch {
    continue;
  }
  for (const file of list) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of rule.forbid) {
      const line = text.split('\n').findIndex((l) => pattern.test(l));
      if (line >= 0) {
        failures++;
        console.error(`${file}:${line + 1}: forbidden import (${pattern}): ${rule.why}`);
      }
    }
  }
}
if (failures) {
  console.error(`${failures} layer violation(s)`);
  process.exit(1);
}
console.log('layer boundaries: ok');
