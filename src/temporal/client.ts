/** The one way the worker's activities and the API reach Temporal: the configured connection and the payload codec. */
import { Client, Connection } from '@temporalio/client';
import type { TemporalConfig } from '../../temporal.config';
import { loadCodec } from '../codec/keys';
import { connectionOptions, explainConnectFailure } from './connection';

export const dataConverterOf = () => ({ payloadCodecs: [loadCodec()] });

export async function createClient(config: TemporalConfig): Promise<Client> {
  let connection: Connection;
  try {
    connection = await Connection.connect(connectionOptions(config));
  } catch (err) {
    throw await explainConnectFailure(config, err);
  }
  return new Client({ connection, namespace: config.namespace, dataConverter: dataConverterOf() });
}
