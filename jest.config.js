/**
 * Suites: unit (no server), workflow (time-skipping server), e2e (dev server); chaos (faults under load) and
 * cluster (the production shape: Temporal's services on PostgreSQL) run on their own.
 */
const swc = ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }];
// jose and content-disposition (under @fastify/static) ship ES modules only; Jest's CommonJS
// runtime needs them transformed like our own code. PGlite's CommonJS build loads Node's own modules
// with import(), which Jest's runtime refuses without --experimental-vm-modules: compiled to require(). So does
// @fastify/cookie with its ES-module-only `cookie`.
const ESM_ONLY = '(jose|content-disposition|@electric-sql/pglite|@fastify/cookie|cookie|openid-client|oauth4webapi)';
const transform = { '^.+\\.tsx?$': swc, [`/node_modules/${ESM_ONLY}/.+\\.c?js$`]: swc };
const base = {
  transform,
  transformIgnorePatterns: [`/node_modules/(?!${ESM_ONLY}/)`],
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...base,
      displayName: 'workflow',
      testMatch: ['<rootDir>/test/workflow/**/*.test.ts'],
      // One time-skipping server per file; the JVM and the workflow bundle are the slow parts.
      slowTestThreshold: 30,
      setupFiles: ['<rootDir>/test/helpers/quiet-runtime.ts', '<rootDir>/test/helpers/alert-grace-env.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/helpers/quiet-runtime.ts', '<rootDir>/test/helpers/alert-grace-env.ts'],
    },
    {
      ...base,
      displayName: 'chaos',
      testMatch: ['<rootDir>/test/chaos/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/helpers/quiet-runtime.ts', '<rootDir>/test/helpers/alert-grace-env.ts'],
    },
    {
      ...base,
      displayName: 'cluster',
      testMatch: ['<rootDir>/test/cluster/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/helpers/quiet-runtime.ts', '<rootDir>/test/helpers/alert-grace-env.ts'],
    },
  ],
  testTimeout: 120000,
  // The run's workflow bundle and migrated database template, made once for every file (test/helpers/prepare-run.ts).
  globalSetup: '<rootDir>/test/helpers/global-setup.js',
  testSequencer: '<rootDir>/test/helpers/sequencer.js',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.js',
  // Jest's default on two cores is one worker, so the files ran one after another while most of each waits on its
  // servers (a JVM, a dev server, a browser): two workers keep both cores busy. Each file starts its own servers on
  // free ports, so files do not share state.
  maxWorkers: 2,
};
