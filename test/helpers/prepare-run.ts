/**
 * What every test file of a run would otherwise make again for itself, made once from the code as it is:
 * the workflow bundle (webpack, seconds of CPU per worker) and an empty app database already migrated (PGlite's
 * initdb alone takes two seconds). Run by global-setup.js before any test file; `node --import tsx
 * test/helpers/prepare-run.ts <dir>`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migratePgliteDatabase } from '../../src/db/migrate';
import { bundleWorkflows } from '../../src/temporal/bundle';

export const RUN_BUNDLE = 'workflow-bundle.js';
export const RUN_DATABASE = 'app-db.tar';

async function main(dir: string) {
  const [bundle, dump] = await Promise.all([
    bundleWorkflows(),
    (async () => {
      const client = await PGlite.create();
      await migratePgliteDatabase(client);
      const data = await client.dumpDataDir('none');
      await client.close();
      return Buffer.from(await data.arrayBuffer());
    })(),
  ]);
  writeFileSync(join(dir, RUN_BUNDLE), bundle.code);
  writeFileSync(join(dir, RUN_DATABASE), dump);
}

if (require.main === module)
  main(process.argv[2]!).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
