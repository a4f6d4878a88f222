import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'lib/',
      'coverage/',
      '.data/',
      'test-results/',
      'bench/results/',
      '.stryker-tmp/',
      'reports/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no I/O. Types of activities are fine.
    files: ['workflows/**/*.ts', 'src/charter/**/*.ts', 'src/machine/**/*.ts', 'src/schemas/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'fs',
                'node:*',
                'http',
                'https',
                '@temporalio/client',
                '@temporalio/worker',
                '../activities*',
                '../../activities*',
              ],
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // The pure domain has no clock at all: dates come from events. (In workflows/, Date.now() is Temporal's
    // deterministic workflow time, which is the point.)
    files: ['src/charter/**/*.ts', 'src/machine/**/*.ts', 'src/schemas/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'No wall clock in deterministic code: dates come from events or workflow time.',
        },
      ],
    },
  },
  { files: ['**/*.js', '**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    // The dashboard runs in the browser as plain ES modules (no build step).
    files: ['src/web/public/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser } },
  },
);
