/**
 * drizzle-kit's settings: `npm run db:generate` compares src/db/schema.ts with the last snapshot under
 * src/db/migrations/meta and writes the SQL migration that gets from one to the other. The API applies them at start
 * (src/db/migrate.ts); nothing here connects to a database.
 */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './src/db/migrations',
});
