#!/usr/bin/env node
// Thin launcher: the CLI is bundled into dist/node by `npm run build` (run automatically by npm install).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/node/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('error: Preflight is not built yet: run `npm run build` in the project folder\n');
  process.exit(2);
}
await import(cli);
