/** Removes the run's directory that global-setup.js made. */
const { rmSync } = require('node:fs');

module.exports = async () => {
  const dir = process.env.PIPELINE_TEST_RUN_DIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
};
