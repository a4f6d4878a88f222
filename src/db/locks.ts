/**
 * PostgreSQL advisory lock keys, one per thing that must happen one at a time across API instances. Constants, so
 * an operator looking at pg_locks (locktype 'advisory', objid) can tell which is held.
 */
export const ADVISORY_LOCKS = {
  /** Applying migrations: two instances starting together would both try to create the same tables. */
  migrate: 7_180_001,
  /** Seeding or replacing the registry: ids then follow commit order, and an empty table is seeded once. */
  registryWrite: 7_180_002,
} as const;
