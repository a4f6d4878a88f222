/**
 * Jest's order, except on a run with no durations from an earlier one (a fresh clone, as in CI). Jest then orders
 * by file size, which starts the examples last (a small file that runs 30 scenarios for one to two minutes) and
 * leaves one worker alone with it at the end. On such a run the workflow suite's few long files go first, then the
 * end-to-end files, then the unit files that fill the gaps; within each, Jest's order.
 */
const Sequencer = require('@jest/test-sequencer').default;

const RANK = { workflow: 0, e2e: 1, chaos: 1, cluster: 1, unit: 2 };
const rank = (test) => {
  const name = test.context.config.displayName?.name ?? test.context.config.displayName;
  return RANK[name] ?? 1;
};

class SlowSuitesFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    if (sorted.some((t) => t.duration != null)) return sorted;
    // Array.prototype.sort is stable: Jest's order holds within a suite.
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = SlowSuitesFirst;
