/**
 * Mutation testing of the charter rules and the candidate machine (`npm run mutation`), against the
 * unit tests only; see docs/testing.md. Not part of `npm test`: a full run takes tens of minutes.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: { configFile: 'jest.mutation.config.js', enableFindRelatedTests: true },
  checkers: ['typescript'],
  // Only the mutated code and what it imports: type-checking the whole project for every mutant
  // took most of a run's time, and a mutant's compile errors show up in its own file.
  tsconfigFile: 'tsconfig.mutation.json',
  mutate: ['src/charter/**/*.ts', 'src/machine/**/*.ts'],
  coverageAnalysis: 'perTest',
  // Module-level code (the rule catalogue's texts, the machine's definition, the zod schemas) runs on
  // import, so each of its mutants needs the whole suite in a fresh process: hours, not minutes.
  // Those are left out of the score (docs/testing.md); `npm run mutation -- --ignoreStatic false` counts them.
  ignoreStatic: true,
  // The sandbox copies only what the unit tests and the type-checker read, so scratch files at the
  // root of a working tree, runtime data and results stay out of it.
  ignorePatterns: [
    '/*',
    ...['src', 'test', 'workflows', 'activities', 'worker', 'scripts', 'bench', 'bin', 'data', 'docs', 'examples'].map(
      (dir) => `!/${dir}`,
    ),
    ...[
      'package.json',
      'tsconfig.json',
      'jest.config.js',
      'jest.mutation.config.js',
      'tsconfig.mutation.json',
      'temporal.config.ts',
    ].map((file) => `!/${file}`),
    '/bench/results',
  ],
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // The machine is shared: one test process unless STRYKER_CONCURRENCY asks for more.
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
  thresholds: { high: 90, low: 85, break: null },
};
