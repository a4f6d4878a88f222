/**
 * Where the worker's mail activities read the registry (organisations' addresses and preferences). With
 * PIPELINE_DATABASE_URL, the shared PostgreSQL database every API instance reads; under `npm start`, the API in the
 * same process hands over its own (PGlite serves one process only, so a worker in another process cannot share it).
 */
import type { Registry } from '../org/registry';

export type RegistrySource = () => Promise<Registry>;

let provided: RegistrySource | undefined;

/**
 * Called by a process that holds the app's database (scripts/start.ts), before it creates its worker: the source
 * is only called when a mail is sent, so it may return what the process opens afterwards.
 */
export function provideRegistry(source: RegistrySource): void {
  provided = source;
}

/** Whether this process handed the worker a registry (npm start, tests running the worker in their process). */
export const registryProvided = (): boolean => provided !== undefined;

/** The registry in force, from whichever source the process has; none yet: an error the activity's retry outlives. */
export async function registryForMail(fallback: RegistrySource | undefined): Promise<Registry> {
  const source = provided ?? fallback;
  if (!source)
    throw new Error(
      'mail: this worker cannot read the registry (set PIPELINE_DATABASE_URL to the database the API uses)',
    );
  return source();
}
