/**
 * `npm run backup -- <directory>`: dumps a deployment's three databases (Temporal's, its visibility, the app's)
 * into a new directory with a manifest of sizes and digests (src/cluster/backup.ts). The server is the one
 * PIPELINE_DATABASE_URL names (Temporal's databases beside the app's, as `npm run cluster` sets them up), or the
 * local one `npm run cluster` runs (PIPELINE_CLUSTER_DIR, PIPELINE_CLUSTER_POSTGRES_PORT). Restore with
 * `npm run cluster -- --restore <directory>` on a new cluster directory.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { backupDatabases } from '../src/cluster/backup';
import { postgresBinDir } from '../src/cluster/binaries';
import { TEMPORAL_DATABASES, targetFromUrl, type PostgresTarget } from '../src/cluster/postgres-url';
import { readSecrets } from '../src/cluster/secrets';
import { clusterSettings } from '../src/cluster/settings';

function source(): { target: PostgresTarget; app: string; where: string } {
  const url = process.env.PIPELINE_DATABASE_URL?.trim();
  if (url) {
    const { database, ...target } = targetFromUrl(url);
    return { target, app: database, where: `${target.host}:${target.port} (PIPELINE_DATABASE_URL)` };
  }
  const settings = clusterSettings();
  const secrets = join(settings.PIPELINE_CLUSTER_DIR, 'secrets.json');
  if (!existsSync(secrets))
    throw new Error(
      `backup: no cluster in ${settings.PIPELINE_CLUSTER_DIR} (no secrets.json); set PIPELINE_CLUSTER_DIR, or PIPELINE_DATABASE_URL`,
    );
  const { postgresPassword } = readSecrets(secrets);
  const target = {
    host: '127.0.0.1',
    port: settings.PIPELINE_CLUSTER_POSTGRES_PORT,
    user: 'postgres',
    password: postgresPassword,
  };
  return { target, app: 'pipeline', where: `the cluster in ${settings.PIPELINE_CLUSTER_DIR}` };
}

async function main() {
  const [dir, ...rest] = process.argv.slice(2);
  if (!dir || rest.length) throw new Error('usage: npm run backup -- <new directory>');
  const { target, app, where } = source();
  const manifest = await backupDatabases(postgresBinDir(), target, { ...TEMPORAL_DATABASES, app }, dir);
  for (const d of manifest.databases)
    console.log(`backup: ${d.name.padEnd(20)} ${String(d.bytes).padStart(12)} bytes  schema ${d.schemaVersion ?? '?'}`);
  console.log(`backup: ${where} → ${dir} (manifest.json last)`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
