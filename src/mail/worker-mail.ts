/**
 * What a worker needs for mail, made once at its start: the SMTP settings (or none, said once), the registry to
 * read addresses from, and the digest's Schedule, made sure of on the cluster.
 */
import type { Client } from '@temporalio/client';
import { Runtime } from '@temporalio/worker';
import { currentRegistry } from '../db/current-registry';
import { loadDatabaseConfig } from '../db/config';
import { openDatabase } from '../db/open';
import { ensureDigestSchedule } from '../temporal/digest-schedule';
import { status } from '@grpc/grpc-js';
import { describeMail, loadMailConfig, type MailConfig } from './config';
import { registryProvided, type RegistrySource } from './registry-source';

export interface WorkerMail {
  mail: MailConfig | null;
  registry?: RegistrySource;
}

/** The shared PostgreSQL database's registry, opened on first use; none with PGlite, which only its process reads. */
function postgresRegistry(): RegistrySource | undefined {
  const config = loadDatabaseConfig();
  if (config.kind !== 'postgres') return undefined;
  let registries: Promise<ReturnType<typeof currentRegistry>> | undefined;
  return async () => {
    registries ??= openDatabase(config).then((d) => currentRegistry(d.db));
    return (await (await registries).get()).registry;
  };
}

/**
 * A worker that is to mail but cannot read the addresses would fail every mail activity, retried for ever: it is
 * told at start instead, naming the setting.
 */
export function checkMailRegistry(mail: MailConfig | null, registry: RegistrySource | undefined): void {
  if (mail && !registry && !registryProvided())
    throw new Error(
      "configuration: PIPELINE_SMTP_URL is set but this worker cannot read the organisations' email addresses: set " +
        'PIPELINE_DATABASE_URL to the PostgreSQL database the API uses (a worker in its own process cannot open ' +
        "the API's PGlite), or unset PIPELINE_SMTP_URL to send no mail",
    );
}

export async function prepareWorkerMail(client: Client, taskQueue: string): Promise<WorkerMail> {
  const mail = loadMailConfig();
  const registry = postgresRegistry();
  checkMailRegistry(mail, registry);
  const logger = Runtime.instance().logger;
  const schedule = await ensureDigestSchedule(client, taskQueue).catch((err: unknown) => {
    // The time-skipping test server has no Schedules: a worker there runs everything else, without the digest.
    if (grpcCode(err) !== status.UNIMPLEMENTED) throw err;
    logger.warn('mail: this Temporal server has no Schedules (a test server): the daily digest is not scheduled');
    return 'unsupported' as const;
  });
  logger.info(describeMail(mail));
  if (schedule === 'created' || schedule === 'updated')
    logger.info(`mail: the daily digest's Schedule ${schedule} (07:00 Asia/Ho_Chi_Minh)`);
  return { mail, registry };
}

/** The gRPC status of a client call's failure, wherever the SDK keeps it (the error or its cause). */
function grpcCode(err: unknown): number | undefined {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'number') return code;
  }
  return undefined;
}
