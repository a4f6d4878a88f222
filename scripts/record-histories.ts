/**
 * `npm run record-histories`: runs every scenario under examples/ and saves
 * the case's event history to test/histories/<release tag>/, the replay
 * corpus that `npm test` replays against the current workflow code. Recorded
 * once per release and kept while the release is supported: a change that
 * would break cases already running then fails CI instead of production
 * (docs/versioning.md).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { withSimulator } from '../src/simulator/run';
import { installQuietRuntime } from '../src/temporal/quiet-runtime';
import { RELEASE_TAG } from '../test/helpers/replay';

const root = join(__dirname, '..');
const version = process.argv[2];
if (!version || !RELEASE_TAG.test(version)) {
  console.error(
    'usage: npm run record-histories -- v<major>.<minor>.<patch> [example …]   (the release the histories are recorded for;\n' +
      '       naming examples records only those, e.g. one added to the corpus of the release being made)',
  );
  process.exit(2);
}
const out = join(root, 'test', 'histories', version);
mkdirSync(out, { recursive: true });
installQuietRuntime();

// Names after the release record only those examples: one added to the corpus of the release being made.
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
