/**
 * The registry in force, as every API instance sees it at once: each read asks the database for the newest
 * version's id (one index lookup) and parses that version only when the id is new to this instance. An admin's
 * replacement through any instance is therefore what the next request through any other instance is judged by.
 */
import type { Registry } from '../org/registry';
import type { RegistryFile } from '../schemas/organisation';
import { DatabaseUnavailable, messageOf, type Db } from './open';
import { appendRegistry, newestRegistryId, readRegistryVersion } from './registry-store';

export interface CurrentRegistry {
  /** The newest version, read now; DatabaseUnavailable (a 503 to the caller) when it cannot be read. */
  get(): Promise<{ id: number; registry: Registry }>;
  /** Makes `file` (checked whole first) the registry in force, saved by `savedBy`. */
  replace(file: RegistryFile, savedBy: string): Promise<{ id: number; registry: Registry }>;
}

export function currentRegistry(db: Db): CurrentRegistry {
  // One entry: only the newest version is ever asked for. A promise, so requests that arrive together parse once.
  let cached: { id: number; registry: Promise<Registry> } | undefined;
  return {
    async get() {
      try {
        const id = await newestRegistryId(db);
        if (id === null) throw new Error('the database holds no registry version (the API seeds one when it starts)');
        if (cached?.id !== id) {
          const registry = readRegistryVersion(db, id).then((v) => v.registry);
          cached = { id, registry };
          // A failed read is not kept: the next request tries again.
          registry.catch(() => {
            if (cached?.registry === registry) cached = undefined;
          });
        }
        return { id, registry: await cached.registry };
      } catch (err) {
        throw new DatabaseUnavailable(`reading the registry in force: ${messageOf(err)}`, { cause: err });
      }
    },
    async replace(file, savedBy) {
      const saved = await appendRegistry(db, file, { source: 'PUT /registry', savedBy });
      cached = { id: saved.id, registry: Promise.resolve(saved.registry) };
      return saved;
    },
  };
}
