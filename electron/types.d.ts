// SQL migrations are bundled as text (esbuild loader 'text'; a Vite plugin in vite.config.ts for tests).
declare module '*.sql' {
  const sql: string;
  export default sql;
}
