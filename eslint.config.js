import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Import patterns that would break the layering of STYLE.md: ui → app → domain; storage, sync and sw never see ui. */
const layer = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/', 'dist-repere/', 'dist-engines/', 'dev-dist/', 'node_modules/', 'reports/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: layer(
      ['**/ui', '**/ui/**', '**/storage', '**/storage/**', '**/app', '**/app/**', '**/i18n/**', '**/pwa/**', 'idb', 'i18next', 'preact', 'preact/*'],
      'src/domain is pure: no UI, storage, app, i18n or browser library imports (STYLE.md).',
    ),
  },
  {
    files: ['src/storage/**/*.ts', 'src/sync/**/*.ts', 'src/sw/**/*.ts', 'src/pwa/**/*.ts', 'src/places/**/*.ts'],
    rules: layer(['**/ui', '**/ui/**', 'preact', 'preact/*'], 'storage, sync, places, pwa and sw never import UI (STYLE.md).'),
  },
  {
    files: ['src/app/**/*.ts'],
    rules: layer(['**/ui', '**/ui/**', 'preact', 'preact/*'], 'Use cases in src/app do not know the screens (STYLE.md).'),
  },
  {
    files: ['scripts/**/*.mjs', 'tests/**/*.ts', 'tests/**/*.mjs', '*.config.*', 'server/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
);
