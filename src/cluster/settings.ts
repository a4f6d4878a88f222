/**
 * Where `npm run cluster` keeps its data and which ports it takes, from the environment: read by the cluster
 * script and by `npm run backup`, which must find the same PostgreSQL.
 */
import { z } from 'zod';

const port = z.coerce.number().int().min(1024).max(65535);
const Env = z.object({
  PIPELINE_CLUSTER_DIR: z.string().min(1).default('.data/cluster'),
  /** Temporal's, clear of `npm start`'s dev server on 7233. */
  PIPELINE_CLUSTER_BASE_PORT: port.default(17233),
  /** Clear of a PostgreSQL of the developer's own on 5432. */
  PIPELINE_CLUSTER_POSTGRES_PORT: port.default(55432),
});
export type ClusterSettings = z.infer<typeof Env>;

export function clusterSettings(env: NodeJS.ProcessEnv = process.env): ClusterSettings {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`configuration: ${String(issue.path[0])} is invalid: ${issue.message}`);
  }
  return parsed.data;
}
