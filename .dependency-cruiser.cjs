// The layers of ARCHITECTURE.md, checked on the real import graph (static, dynamic and type-only
// imports, resolved through tsconfig). `npm run lint:boundaries` runs it; test/unit/layers.test.ts
// plants a violation of each rule in a copy of the tree and expects this check to fail.
const HOSTS = '^electron/(main|preload|cli|server)/';
const ELECTRON_PKG = '^(node_modules/electron/|electron$|electron/(main|renderer|common|utility)$)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Dependencies run one way: a cycle means two modules cannot be understood apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-is-isomorphic',
      severity: 'error',
      comment: 'shared/ runs in the browser, the core and the CLI: it imports only itself and zod.',
      from: { path: '^shared/' },
      to: { pathNot: ['^shared/', '^node_modules/zod/'] },
    },
    {
      name: 'core-imports-no-host',
      severity: 'error',
      comment:
        'The core runs under the CLI, the web server and Electron: it never imports a host, Electron, React or the renderer.',
      from: { path: '^electron/core/' },
      to: { path: [HOSTS, '^renderer/', ELECTRON_PKG, '^node_modules/(react|react-dom)/'] },
    },
    {
      name: 'hosts-are-apart',
      severity: 'error',
      comment:
        'Each host (desktop = main + preload, cli, server) is thin and stands alone: it reaches the others only through the core and the contract.',
      from: { path: '^electron/(main|preload)/' },
      to: { path: '^electron/(cli|server)/' },
    },
    {
      name: 'hosts-are-apart',
      severity: 'error',
      from: { path: '^electron/server/' },
      to: { path: '^electron/(main|preload|cli)/' },
    },
    {
      name: 'hosts-are-apart',
      severity: 'error',
      comment:
        'One exception, by design: `preflight serve` is the CLI command that launches the web host, so that one file starts the server.',
      from: { path: '^electron/cli/', pathNot: '^electron/cli/commands/serve\\.ts$' },
      to: { path: '^electron/(main|preload|server)/' },
    },
    {
      name: 'hosts-are-apart',
      severity: 'error',
      from: { path: '^electron/cli/commands/serve\\.ts$' },
      to: { path: '^electron/(main|preload)/' },
    },
    {
      name: 'renderer-imports-shared-only',
      severity: 'error',
      comment:
        'The renderer talks to the core only through the contract: it imports shared/, its own folder and UI packages.',
      from: { path: '^renderer/' },
      to: {
        pathNot: ['^renderer/', '^shared/', '^node_modules/(react|react-dom|echarts|zrender|scheduler|tslib|zod)/'],
      },
    },
    {
      name: 'preload-imports-no-renderer',
      severity: 'error',
      comment: 'The preload runs on the Node side of the window: it must not depend on the UI.',
      from: { path: '^electron/preload/' },
      to: { path: '^renderer/' },
    },
    {
      name: 'electron-only-in-main-and-preload',
      severity: 'error',
      comment: "Only the desktop host imports 'electron'; the CLI and web mode run without it.",
      from: { pathNot: '^electron/(main|preload)/' },
      to: { path: ELECTRON_PKG },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true, pathNot: '^(electron/(main|renderer|common|utility))$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|test-results)/' },
    tsPreCompilationDeps: true,
    preserveSymlinks: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
