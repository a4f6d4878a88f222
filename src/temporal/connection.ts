/** Connection options for the client and the worker, from the validated config. */
import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import type { TemporalConfig } from '../../temporal.config';

/** Narrow enough to suit both the client's Connection and the worker's NativeConnection. */
export function connectionOptions(config: TemporalConfig): { address: string; apiKey?: string; tls?: TLSConfig } {
  const tls = config.tls;
  return {
    address: config.address,
    apiKey: config.apiKey,
    tls: tls
      ? {
          serverNameOverride: tls.serverName,
          serverRootCACertificate: tls.serverRootCACertificatePath
            ? readFileSync(tls.serverRootCACertificatePath)
            : undefined,
          clientCertPair:
            tls.clientCertPath && tls.clientKeyPath
              ? { crt: readFileSync(tls.clientCertPath), key: readFileSync(tls.clientKeyPath) }
              : undefined,
        }
      : undefined,
  };
}
