/**
 * `npm run record-histories`: runs every scenario under examples/ and saves
 * the case's event history to test/histories/, the replay corpus that
 * `npm test` replays against the current workflow code. Recorded once per
 * released workflow version and kept: a change that would break cases
 * already running then fails CI instead of production.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { withSimulator } from '../src/simulator/run';
import { installQuietRuntime } from '../src/temporal/quiet-runtime';

const root = join(__dirname, '..');
const version = process.argv[2];
if (!version || !/^v\d+$/.test(version)) {
  console.error(
    'usage: npm run record-histories -- v<N> [example …]   (the workflow version the histories were recorded with;\n' +
      '       naming examples records only those, e.g. one added to the corpus of the version being made)',
  );
  process.exit(2);
}
const out = join(root, 'test', 'histories', version);
mkdirSync(out, { recursive: true });
installQuietRuntime();

// Names after the version record only those examples: one added to the corpus of the version being made.
const only = new Set(process.argv.slice(3));
const files = readdirSync(join(root, 'examples')).filter(
  (f) => f.endsWith('.json') && (only.size === 0 || only.has(f.replace(/\.json$/, ''))),
);
withSimulator(
  async (simulate) => {
    for (const f of files) await simulate(JSON.parse(readFileSync(join(root, 'examples', f), 'utf8')));
  },
  {
    afterCase: async (handle, scenario) => {
      const history = await handle.fetchHistory();
      writeFileSync(join(out, `${scenario.name}.json`), historyToJSON(history) + '\n');
      console.log(`recorded ${version}/${scenario.name}.json (${history.events?.length} events)`);
    },
  },
).catch((err) => {
  console.error(err);
  process.exit(1);
});
