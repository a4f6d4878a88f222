/**
 * A standalone API instance: `npm run api`. Scale out by running more of these on other ports (PIPELINE_API_PORT)
 * against the same Temporal and the same PostgreSQL (PIPELINE_DATABASE_URL): they share everything through those
 * two, so any of them may answer any request. SIGINT or SIGTERM stops taking requests, lets those in flight finish,
 * then closes the database.
 */
import { loadConfig } from '../../temporal.config';
import { loadDatabaseConfig } from '../db/config';
import { loadApiConfig } from './config';
import { startApiService } from './service';

async function main() {
  const temporal = loadConfig();
  const api = loadApiConfig();
  const database = loadDatabaseConfig();
  const service = await startApiService({ temporal, api, database });
  console.log(
    `api: listening on ${service.url} (Temporal ${temporal.address}, namespace ${temporal.namespace}; ` +
      `database ${service.database.description}; ${service.registryNote})`,
  );
  const stop = (signal: string) => {
    console.log(`api: ${signal}, stopping`);
    service.close().then(
      () => console.log('api: stopped'),
      (err) => {
        console.error(`api: stopping failed: ${err instanceof Error ? err.message : err}`);
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`api: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
