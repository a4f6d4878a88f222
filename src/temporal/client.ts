/** The one way the worker's activities and the API reach Temporal: the configured connection and the payload codec. */
import { Client, Connection } from '@temporalio/client';
import type { TemporalConfig } from '../../temporal.config';
import type { Tracing } from '../telemetry/tracing';
import { loadCodec } from '../codec/keys';
import { ensureNamespaceAndSearchAttributes } from './bootstrap';
import { connectionOptions, explainConnectFailure } from './connection';

export const dataConverterOf = () => ({ payloadCodecs: [loadCodec()] });

/**
 * Connects, then makes sure of the namespace and the search attributes (src/temporal/bootstrap.ts) before the
 * worker or the API serves anything: what is missing stops the process at start, named, and a case never meets it.
 */
export async function createClient(config: TemporalConfig, tracing?: Tracing): Promise<Client> {
  let connection: Connection;
  try {
    connection = await Connection.connect(connectionOptions(config));
  } catch (err) {
    throw await explainConnectFailure(config, err);
  }
  try {
    const made = await ensureNamespaceAndSearchAttributes(connection, config);
    const done = [
      made.namespaceCreated && `created namespace ${config.namespace}`,
      made.attributesCreated.length && `created search attributes ${made.attributesCreated.join(', ')}`,
      made.aliasesRepaired.length && `put ${made.aliasesRepaired.join(', ')} back on one column each`,
    ].filter(Boolean);
    if (done.length) console.log(`temporal at ${config.address}: ${done.join('; ')}`);
  } catch (err) {
    await connection.close();
    throw err;
  }
  return new Client({
    connection,
    namespace: config.namespace,
    dataConverter: dataConverterOf(),
    interceptors: tracing?.clientInterceptors,
  });
}
