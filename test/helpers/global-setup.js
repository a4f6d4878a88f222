/**
 * Before any test file: the run's workflow bundle and migrated database template (prepare-run.ts), in a
 * directory of this run's own, named to the test files by PIPELINE_TEST_RUN_DIR. Made from the code as it is
 * at the start of the run, so no test meets an older build.
 */
const { execFileSync } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'party-pipeline-run-'));
  execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'prepare-run.ts'), dir], { stdio: 'inherit' });
  process.env.PIPELINE_TEST_RUN_DIR = dir;
};
