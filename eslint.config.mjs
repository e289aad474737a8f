import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

// Module boundaries: an app never imports another app; libs never import
// apps; the domain terms (names and rules the browser console shares with the
// services) depend on nothing at all, not even an npm package, so Vite can
// bundle them, and everything may use them; contracts and reference data
// depend on nothing else of ours; the service lib (bootstrap, the modules every
// service imports, audit) composes the infra libs and is reachable from apps
// and tests only, never from another lib; the testing libs (testing, service-testing) are
// reachable from spec files only.
const constraints = (testing) => [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:terms', 'type:contracts', 'type:data', 'type:infra', 'type:service', ...testing] },
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:terms', 'type:contracts', 'type:infra', ...testing] },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:terms', 'type:contracts', 'type:infra', ...testing] },
  { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:terms', 'type:contracts'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:terms'] },
  { sourceTag: 'type:terms', onlyDependOnLibsWithTags: [], bannedExternalImports: ['*'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:terms', 'type:contracts', 'type:data', 'type:infra', 'type:service'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:terms', 'type:contracts', 'type:data', 'type:testing'] },
  { sourceTag: 'type:tools', onlyDependOnLibsWithTags: ['type:terms', 'type:contracts', 'type:data', ...testing] },
];

// startTestService (createService for an integration test) has a lib of its own, service-testing: the infra
// libs' own integration specs use the testing lib, which therefore must not depend on the service lib.
const boundaries = (testing) => ({
  enforceBuildableLibDependency: true,
  allow: [],
  depConstraints: constraints(testing),
});

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  // plain JavaScript is linted in tools/ only (its own block below)
  { ignores: ['**/dist', '**/node_modules', '.var/**', 'tmp/**', '**/*.cjs', '**/*.mjs', '!tools/**/*.cjs', '!tools/**/*.mjs'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries([])],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  // the scripts in tools/: Node ES modules (and a few CommonJS files), plain JavaScript without type information
  {
    files: ['tools/**/*.mjs', 'tools/**/*.cjs'],
    rules: { ...js.configs.recommended.rules, 'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }] },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: globals.node },
  },
  { files: ['tools/**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  // npm run api:types builds the API document from the gateway's own sources (no alias reaches an app)
  { files: ['tools/openapi/**/*.ts'], rules: { '@nx/enforce-module-boundaries': 'off' } },
  // classification: the service runs the classifier, never the tooling that
  // trains and evaluates it (classifier/training, used by the CLIs and specs)
  {
    files: ['apps/classification/src/**/*.ts'],
    ignores: ['apps/classification/src/classifier/training/**', 'apps/classification/src/cli/**', '**/*.spec.ts', '**/*.int-spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/classifier/training/**', './training/**'], message: 'Training and evaluation tooling is for the CLIs and specs; the running service must not import it.' }] }],
    },
  },
  // the console (React): the rules of hooks
  {
    files: ['apps/console/**/*.ts', 'apps/console/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**/*.ts', 'libs/service-testing/**/*.ts', 'apps/system-e2e/**/*.ts', 'apps/*/src/testing/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries(['type:testing'])],
      'no-console': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
