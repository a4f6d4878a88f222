/**
 * TLS and API-key connections, as an operator configures them: nothing but
 * environment variables, read by temporal.config.ts, turned into options by
 * src/temporal/connection.ts, used by the client and by the worker.
 *
 * The dev server speaks plain gRPC only (`temporal server start-dev` has no TLS
 * options), so the server side here is an HTTP/2 proxy that terminates TLS,
 * asks for a client certificate from the test's own CA and checks the API key
 * the way a cluster's authorizer would, then forwards every gRPC stream,
 * trailers included, to the dev server.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http2 from 'node:http2';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { loadConfig, ConfigError } from '../../temporal.config';
import { caseHandle, registerCase } from '../../src/temporal/cases';
import { createClient } from '../../src/temporal/client';
import { connectionOptions, TemporalConnectError } from '../../src/temporal/connection';
import { createWorker } from '../../worker/worker';
import { registration } from '../helpers/commands';
import { testCodecEnv } from '../helpers/codec';
import { freePort, startScratchServer, type ScratchServer } from '../helpers/scratch-server';

const API_KEY = 'pp-test-key-3f9c2b';
const SERVER_NAME = 'temporal.pipeline.test';
const taskQueue = 'connection-security';

const dir = mkdtempSync(join(tmpdir(), 'conn-sec-'));
const file = (name: string) => join(dir, name);

function openssl(...args: string[]) {
  execFileSync('openssl', args, { stdio: 'pipe' });
}
/** A throwaway CA: ECDSA P-256, valid one day. */
function makeCa(name: string) {
  openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-days',
    '1',
    '-subj',
    `/CN=${name}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-keyout',
    file(`${name}.key`),
    '-out',
    file(`${name}.pem`),
  );
}
/** A leaf signed by `ca`; rustls (the worker's side) wants a v3 certificate with the name in its SAN. */
function makeLeaf(name: string, ca: string, extensions: string) {
  openssl(
    'req',
    '-new',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-subj',
    `/CN=${name}`,
    '-keyout',
    file(`${name}.key`),
    '-out',
    file(`${name}.csr`),
  );
  writeFileSync(file(`${name}.ext`), extensions);
  openssl(
    'x509',
    '-req',
    '-in',
    file(`${name}.csr`),
    '-CA',
    file(`${ca}.pem`),
    '-CAkey',
    file(`${ca}.key`),
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    file(`${name}.ext`),
    '-out',
    file(`${name}.pem`),
  );
}

interface SeenCall {
  path: string;
  authorization?: string;
  userAgent?: string;
  clientCertCN?: string;
}

/** Terminates (mutual) TLS and forwards each HTTP/2 stream to the plain dev server, refusing a missing or wrong key. */
async function startGrpcTlsProxy(upstream: string, port: number) {
  const seen: SeenCall[] = [];
  const sessions = new Set<http2.Http2Session>();
  const up = http2.connect(`http://${upstream}`);
  up.on('error', () => {});
  const server = http2.createSecureServer({
    key: readFileSync(file('server.key')),
    cert: readFileSync(file('server.pem')),
    ca: readFileSync(file('ca.pem')),
    requestCert: true,
    rejectUnauthorized: true,
  });
  server.on('session', (s) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
  });
  server.on('stream', (stream, headers) => {
    stream.on('error', () => {});
    const socket = stream.session?.socket as TLSSocket | undefined;
    const call: SeenCall = {
      path: String(headers[':path']),
      authorization: headers.authorization as string | undefined,
      userAgent: headers['user-agent'] as string | undefined,
      clientCertCN: socket?.getPeerCertificate().subject?.CN as string | undefined,
    };
    seen.push(call);
    if (call.authorization !== `Bearer ${API_KEY}`) {
      stream.respond(
        {
          ':status': 200,
          'content-type': 'application/grpc',
          'grpc-status': '16',
          'grpc-message': 'test proxy: no valid API key',
        },
        { endStream: true },
      );
      return;
    }
    const forwarded = Object.fromEntries(
      Object.entries(headers).filter(([k]) => k !== ':authority' && k !== ':scheme'),
    ) as http2.OutgoingHttpHeaders;
    const req = up.request(forwarded);
    req.on('error', () => {});
    let trailers: http2.OutgoingHttpHeaders = { 'grpc-status': '14', 'grpc-message': 'test proxy: upstream ended' };
    req.on('trailers', (t) => (trailers = t));
    req.on('response', (h, flags) => {
      if (stream.closed) return;
      if (flags & http2.constants.NGHTTP2_FLAG_END_STREAM) {
        stream.respond(h, { endStream: true });
      } else {
        stream.respond(h, { waitForTrailers: true });
        stream.on('wantTrailers', () => stream.sendTrailers(trailers));
        req.pipe(stream);
      }
    });
    stream.pipe(req);
    stream.on('close', () => {
      if (!req.closed) req.close(http2.constants.NGHTTP2_CANCEL);
    });
    req.on('close', () => {
      if (!stream.closed && !stream.headersSent) stream.close(http2.constants.NGHTTP2_CANCEL);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    seen,
    async close() {
      for (const s of sessions) s.destroy();
      up.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

let scratch: ScratchServer;
let proxy: Awaited<ReturnType<typeof startGrpcTlsProxy>>;
let address: string;
const opened: Client[] = [];

/** What an operator pointing the service at a secured cluster sets. */
const operatorEnv = (over: Record<string, string | undefined> = {}): NodeJS.ProcessEnv => ({
  TEMPORAL_ADDRESS: address,
  TEMPORAL_TASK_QUEUE: taskQueue,
  TEMPORAL_TLS_CA_PATH: file('ca.pem'),
  TEMPORAL_TLS_SERVER_NAME: SERVER_NAME,
  TEMPORAL_TLS_CERT_PATH: file('worker.pem'),
  TEMPORAL_TLS_KEY_PATH: file('worker.key'),
  TEMPORAL_API_KEY: API_KEY,
  ...over,
});

async function connectError(env: NodeJS.ProcessEnv): Promise<Error> {
  const started = Date.now();
  const result = await createClient(loadConfig(env)).then(
    (c) => {
      opened.push(c);
      return new Error('connected');
    },
    (err: unknown) => err as Error,
  );
  // Refused at the handshake or the first call, not after a long hang.
  expect(Date.now() - started).toBeLessThan(30_000);
  return result;
}

beforeAll(async () => {
  Object.assign(process.env, testCodecEnv());
  makeCa('ca');
  makeCa('other-ca');
  makeLeaf('server', 'ca', `subjectAltName=DNS:${SERVER_NAME}\nextendedKeyUsage=serverAuth\n`);
  makeLeaf('worker', 'ca', 'subjectAltName=DNS:pipeline-worker\nextendedKeyUsage=clientAuth\n');
  scratch = await startScratchServer('conn-sec');
  const port = await freePort();
  address = `127.0.0.1:${port}`;
  proxy = await startGrpcTlsProxy(scratch.config.address, port);
});
afterAll(async () => {
  for (const c of opened) await c.connection.close();
  await proxy?.close();
  await scratch?.discard();
});

test('mutual TLS, the server name and an API key from the environment: the worker and the client carry a case through', async () => {
  const config = loadConfig(operatorEnv());
  expect(config.devServer).toBeUndefined();
  const worker: Worker = await createWorker(config);
  const running = worker.run();
  try {
    const client = await createClient(config);
    opened.push(client);
    await registerCase(client, taskQueue, registration({ caseId: 'tls-1', registeredOn: '2026-11-02' }));
    expect(await caseHandle(client, 'tls-1').stage()).toBe('source');
  } finally {
    worker.shutdown();
    await running;
  }

  const start = proxy.seen.filter((c) => c.path.endsWith('/StartWorkflowExecution'));
  const polls = proxy.seen.filter((c) => c.path.endsWith('/PollWorkflowTaskQueue'));
  const queries = proxy.seen.filter((c) => c.path.endsWith('/QueryWorkflow'));
  expect(start).toHaveLength(1);
  expect(queries).toHaveLength(1);
  expect(polls.length).toBeGreaterThan(0);
  // The client is grpc-js, the worker's connection the Rust core: both present the certificate and the key.
  expect(start[0]!.userAgent).toMatch(/grpc-node-js/);
  expect(polls.every((c) => !/grpc-node-js/.test(c.userAgent ?? ''))).toBe(true);
  for (const c of [...start, ...queries, ...polls]) {
    expect(c.authorization).toBe(`Bearer ${API_KEY}`);
    expect(c.clientCertCN).toBe('worker');
  }
});

test('a server certificate from another CA is refused, with an error that names the address, the cause and the variable', async () => {
  const err = await connectError(operatorEnv({ TEMPORAL_TLS_CA_PATH: file('other-ca.pem') }));
  expect(err).toBeInstanceOf(TemporalConnectError);
  expect(err.message).toContain(`cannot connect to Temporal at ${address}`);
  expect(err.message).toContain(`CA ${file('other-ca.pem')}`);
  expect(err.message).toMatch(/TLS handshake: .*(self[- ]signed|unable to verify|unable to get)/i);
  expect(err.message).toContain('TEMPORAL_TLS_CA_PATH');
  expect(err.message).not.toContain(API_KEY);
});

test('without TEMPORAL_TLS_SERVER_NAME the certificate does not cover the address, and the error says to set it', async () => {
  const err = await connectError(operatorEnv({ TEMPORAL_TLS_SERVER_NAME: undefined }));
  expect(err).toBeInstanceOf(TemporalConnectError);
  expect(err.message).toMatch(/TLS handshake: .*(altnames|not in the cert)/i);
  expect(err.message).toContain('set TEMPORAL_TLS_SERVER_NAME');
});

test('a server that asks for a client certificate refuses a connection without one', async () => {
  const seenBefore = proxy.seen.length;
  const err = await connectError(operatorEnv({ TEMPORAL_TLS_CERT_PATH: undefined, TEMPORAL_TLS_KEY_PATH: undefined }));
  expect(err).toBeInstanceOf(TemporalConnectError);
  expect(err.message).toMatch(/TLS handshake: .*certificate required/i);
  expect(err.message).toContain('TEMPORAL_TLS_CERT_PATH');
  expect(proxy.seen.length).toBe(seenBefore);
});

test('a missing or wrong API key is refused by the server: the key sent is the configured one', async () => {
  const missing = await connectError(operatorEnv({ TEMPORAL_API_KEY: undefined }));
  expect(missing).toBeInstanceOf(TemporalConnectError);
  expect(missing.message).toMatch(
    /UNAUTHENTICATED: test proxy: no valid API key \(the TLS handshake itself succeeds\)/,
  );
  expect(missing.message).toContain('check TEMPORAL_API_KEY');
  expect(proxy.seen.at(-1)!.authorization).toBeUndefined();
  const wrong = await connectError(operatorEnv({ TEMPORAL_API_KEY: 'not-the-key' }));
  expect(wrong.message).toMatch(/UNAUTHENTICATED/);
  expect(wrong.message).not.toContain('not-the-key');
  expect(proxy.seen.at(-1)!.authorization).toBe('Bearer not-the-key');
});

test("the worker's failure to connect is explained as the client's: where, with which settings, why, what to set", async () => {
  const err = await createWorker(loadConfig(operatorEnv({ TEMPORAL_TLS_CA_PATH: file('other-ca.pem') }))).then(
    () => new Error('connected'),
    (e: unknown) => e as Error,
  );
  expect(err).toBeInstanceOf(TemporalConnectError);
  expect(err.message).toContain(`cannot connect to Temporal at ${address}`);
  expect(err.message).toContain('TEMPORAL_TLS_CA_PATH');
  const closed = await freePort();
  const refused = await createWorker(loadConfig({ TEMPORAL_ADDRESS: `127.0.0.1:${closed}` })).then(
    () => new Error('connected'),
    (e: unknown) => e as Error,
  );
  expect(refused.message).toContain(`cannot connect to Temporal at 127.0.0.1:${closed}`);
  expect(refused.message).toContain('is the server running, and is TEMPORAL_ADDRESS its frontend?');
});

test('a CA or a server name alone turns TLS on; an unreadable certificate file is refused naming its variable', () => {
  for (const only of [{ TEMPORAL_TLS_CA_PATH: file('ca.pem') }, { TEMPORAL_TLS_SERVER_NAME: SERVER_NAME }]) {
    const options = connectionOptions(loadConfig({ TEMPORAL_ADDRESS: address, ...only }));
    expect(options.tls).toBeDefined();
    expect(options.apiKey).toBeUndefined();
  }
  for (const variable of ['TEMPORAL_TLS_CA_PATH', 'TEMPORAL_TLS_CERT_PATH', 'TEMPORAL_TLS_KEY_PATH']) {
    const config = loadConfig(operatorEnv({ [variable]: file('no-such.pem') }));
    expect(() => connectionOptions(config)).toThrow(ConfigError);
    expect(() => connectionOptions(config)).toThrow(new RegExp(`${variable} cannot be read: ENOENT`));
  }
});
