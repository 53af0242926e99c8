// Bundles the Node side with esbuild: the CLI/web host, the model child process, the Electron core
// host, main and preload. Native modules stay external; SQL migrations are inlined as text.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildNative } from './build-native.mjs';
import { compileValidators } from './compile-validators.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = ['better-sqlite3', 'onnxruntime-node', 'electron'];
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  external,
  loader: { '.sql': 'text' },
  define: { __PREFLIGHT_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
  plugins: [precompiledValidators(compileValidators('dist/.validators'))],
};
// Electron's entries (main, the utilityProcess core, model children, preload) are CommonJS with every
// JavaScript dependency inlined: Electron's ESM loader inside app.asar has regressed across versions
// (transitive imports, dynamic import(), "type": "module" ancestors), and CommonJS avoids that whole
// class. import.meta.url has no CommonJS equivalent, so it is defined from __filename.
const cjsImportMeta = {
  // import('onnxruntime-node') becomes require(): no dynamic import() reaches Electron's ESM loader.
  supported: { 'dynamic-import': false },
  define: { ...common.define, 'import.meta.url': '__pfImportMetaUrl' },
  banner: { js: "const __pfImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};
// ESM bundles may contain CommonJS dependencies that call require().
const esmBanner = {
  js: "import { createRequire as __pfCreateRequire } from 'node:module'; const require = __pfCreateRequire(import.meta.url);",
};

// Chunk names change with their content: last build's would pile up beside the new ones.
rmSync('dist/node', { recursive: true, force: true });
await Promise.all([
  build({
    ...common,
    format: 'esm',
    banner: esmBanner,
    entryPoints: {
      cli: 'electron/cli/main.ts',
      child: 'electron/core/child-main.ts',
      'core-host': 'electron/core/host-utility.ts',
    },
    outdir: 'dist/node',
    outExtension: { '.js': '.mjs' },
    // What a command loads only when it runs (charts for reports…) goes in chunks of its own, so a
    // command parses the code it uses instead of all 7 MB on every start.
    splitting: true,
  }),
  build({
    ...common,
    ...cjsImportMeta,
    format: 'cjs',
    entryPoints: {
      main: 'electron/main/main.ts',
      'core-host': 'electron/core/host-utility.ts',
      child: 'electron/core/child-main.ts',
    },
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
  }),
  build({
    ...common,
    format: 'cjs',
    platform: 'browser',
    entryPoints: { preload: 'electron/preload/preload.ts' },
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
  }),
]);

// The native row writer and CSV scanner for imports; optional, see build-native.mjs.
buildNative();

/** Swaps electron/core/bundles/parts/validators.ts for its precompiled twin (see compile-validators.mjs). */
function precompiledValidators(file) {
  const parts = `${path.sep}bundles${path.sep}parts${path.sep}`;
  return {
    name: 'precompiled-validators',
    setup(b) {
      b.onResolve({ filter: /^\.\/validators$/ }, (args) =>
        args.importer.includes(parts) ? { path: path.resolve(file) } : undefined,
      );
    },
  };
}
