/** Three suites: unit (no server), workflow (time-skipping server), e2e (dev server). */
const transform = { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const base = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...base,
      displayName: 'workflow',
      testMatch: ['<rootDir>/test/workflow/**/*.test.ts'],
      // One time-skipping server per file; the JVM and the workflow bundle are the slow parts.
      slowTestThreshold: 30,
      setupFiles: ['<rootDir>/test/helpers/quiet-runtime.ts'],
    },
  ],
  testTimeout: 120000,
};
