// ESLint (flat config): typescript-eslint's recommended rules for every TypeScript file, React's hook
// rules for the renderer. Formatting is Prettier's job (`npm run format`); layers are
// dependency-cruiser's (.dependency-cruiser.cjs). `npm run lint` runs all three.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'schemas/**', 'renderer/public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
    languageOptions: { globals: globals.browser },
  },
  {
    // Polynomial coefficients copied digit for digit from Cephes and scipy: the extra digits round to the
    // same doubles, and keeping them as published lets a reader check them against the source.
    files: ['shared/math/**/*.ts'],
    rules: { 'no-loss-of-precision': 'off' },
  },
  {
    // A write transaction takes the write lock first (BEGIN IMMEDIATE), so SQLite's busy timeout applies
    // while another process writes: a deferred one that reads first fails at once with SQLITE_BUSY.
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.type='CallExpression'][callee.callee.property.name='transaction']",
          message: 'write transactions start IMMEDIATE: db.transaction(fn).immediate()',
        },
      ],
    },
  },
  {
    // Tests read JSON documents and mock hosts; \`any\` there is the honest type.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.{mjs,cjs,js}', 'electron/**/*.ts', 'scripts/**', 'bench/**', 'test/**'],
    languageOptions: { globals: globals.node },
  },
);
