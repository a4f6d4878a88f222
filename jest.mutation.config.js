/**
 * The unit project alone, as a flat config for Stryker's jest runner: the workflow and e2e projects
 * need Temporal servers, far too slow to run once per mutant.
 */
const { projects, testTimeout } = require('./jest.config');

const unit = projects.find((p) => p.displayName === 'unit');
module.exports = {
  ...unit,
  rootDir: __dirname,
  testTimeout,
  // It reads the rule files' text to check each rule id is written once; Stryker's sandbox holds them instrumented.
  testPathIgnorePatterns: [...(unit.testPathIgnorePatterns ?? []), '/test/unit/rule-ids-written-once\\.test\\.ts$'],
};
