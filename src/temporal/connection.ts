/** Connection options for the client and the worker, from the validated config. */
import { readFileSync } from 'node:fs';
import { isIP, connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { TLSConfig } from '@temporalio/client';
import { ConfigError, type TemporalConfig } from '../../temporal.config';

/** A certificate file is read at start; one that cannot be read is a configuration error naming its variable. */
function readPem(path: string, variable: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new ConfigError(variable, `cannot be read: ${(err as Error).message}`);
  }
}

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
            ? readPem(tls.serverRootCACertificatePath, 'TEMPORAL_TLS_CA_PATH')
            : undefined,
          clientCertPair:
            tls.clientCertPath && tls.clientKeyPath
              ? {
                  crt: readPem(tls.clientCertPath, 'TEMPORAL_TLS_CERT_PATH'),
                  key: readPem(tls.clientKeyPath, 'TEMPORAL_TLS_KEY_PATH'),
                }
              : undefined,
        }
      : undefined,
  };
}

/** Temporal could not be reached; the message says where, with which settings, and why. */
export class TemporalConnectError extends Error {}

/** What the operator configured, without any secret, for the error message. */
function describeSettings(config: TemporalConfig): string {
  const tls = config.tls;
  const parts = [
    tls
      ? [
          'TLS',
          tls.serverRootCACertificatePath ? `CA ${tls.serverRootCACertificatePath}` : "the system's CAs",
          tls.serverName ? `server name ${tls.serverName}` : undefined,
          tls.clientCertPath ? `client certificate ${tls.clientCertPath}` : undefined,
        ]
          .filter(Boolean)
          .join(', ')
      : 'plain gRPC, no TLS',
    config.apiKey ? 'an API key' : undefined,
    `namespace ${config.namespace}`,
  ];
  return parts.filter(Boolean).join('; ');
}

function causes(err: unknown): string {
  const out: string[] = [];
  for (let e: unknown = err; e instanceof Error && out.length < 4; e = e.cause) out.push(e.message);
  return out.join(': ') || String(err);
}

const pem = (b: Uint8Array | undefined) => (b ? Buffer.from(b) : undefined);

/**
 * gRPC reports a refused certificate only as "Failed to connect before the deadline", so on a failure the
 * handshake is tried once more with Node's own TLS (what the client uses underneath), whose error names the
 * reason: unknown CA, a name the certificate does not cover, a client certificate the server wants.
 */
function probe(config: TemporalConfig, timeoutMs = 5000): Promise<string | undefined> {
  const colon = config.address.lastIndexOf(':');
  const [host, port] = [config.address.slice(0, colon), Number(config.address.slice(colon + 1))];
  let tls: ReturnType<typeof connectionOptions>['tls'];
  try {
    tls = connectionOptions(config).tls;
  } catch (err) {
    return Promise.resolve((err as Error).message);
  }
  return new Promise((resolve) => {
    let socket: Socket;
    const done = (reason: string | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(reason);
    };
    const timer = setTimeout(() => done(`no answer within ${timeoutMs} ms`), timeoutMs);
    if (tls) {
      socket = tlsConnect({
        host,
        port,
        // SNI takes no IP address; the certificate is then checked against the IP, as gRPC does.
        servername: tls.serverNameOverride ?? (isIP(host) ? undefined : host),
        ca: pem(tls.serverRootCACertificate),
        cert: pem(tls.clientCertPair?.crt),
        key: pem(tls.clientCertPair?.key),
        ALPNProtocols: ['h2'],
      });
      // Under TLS 1.3 a server refuses a client certificate only after the handshake; an HTTP/2 server speaks
      // first (its SETTINGS frame), so its first bytes mean the handshake was accepted both ways.
      socket.once('data', () => done(undefined));
    } else {
      socket = tcpConnect({ host, port }, () => done(undefined));
    }
    socket.once('error', (err) => done(err.message));
    socket.once('close', () => done('the server closed the connection'));
  });
}

const HINTS: Array<[RegExp, string]> = [
  [
    /self[- ]signed|unable to (verify|get)|unknown ca|issuer/i,
    'is TEMPORAL_TLS_CA_PATH the CA that signed the server?',
  ],
  [/altnames|hostname|does not match/i, "set TEMPORAL_TLS_SERVER_NAME to a name the server's certificate covers"],
  [
    /certificate required|handshake failure|bad certificate|alert/i,
    'the server wants a client certificate it trusts: TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH',
  ],
  [/UNAUTHENTICATED|PERMISSION_DENIED/, 'check TEMPORAL_API_KEY (or the client certificate) and TEMPORAL_NAMESPACE'],
  [/ECONNREFUSED/, 'is the server running, and is TEMPORAL_ADDRESS its frontend?'],
];

export async function explainConnectFailure(config: TemporalConfig, err: unknown): Promise<Error> {
  if (err instanceof ConfigError) return err;
  const cause = causes(err);
  const handshake = await probe(config);
  const reason = handshake
    ? `${cause}; ${config.tls ? 'TLS handshake' : 'TCP connection'}: ${handshake}`
    : config.tls
      ? `${cause} (the TLS handshake itself succeeds)`
      : cause;
  const hint = HINTS.find(([re]) => re.test(reason))?.[1];
  return new TemporalConnectError(
    `cannot connect to Temporal at ${config.address} (${describeSettings(config)}): ${reason}${hint ? ` — ${hint}` : ''}`,
    { cause: err },
  );
}
