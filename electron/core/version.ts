// Injected at build time by scripts/build.mjs (esbuild `define`); sources read from package.json in tests.
declare const __PREFLIGHT_VERSION__: string | undefined;
export const APP_VERSION: string = typeof __PREFLIGHT_VERSION__ === 'string' ? __PREFLIGHT_VERSION__ : '0.0.0-dev';
