/** The operations settings: defaults, the traces URL the OpenTelemetry variables make, and errors naming the variable. */
import { logLevelFrom, tracesEndpoint, workerMetricsAddress } from '../../src/telemetry/settings';
import { sdkLevelOf, sdkLogger } from '../../src/telemetry/sdk-logger';
import { throttledRefresh } from '../../src/util/throttled-refresh';
import pino from 'pino';
import { Writable } from 'node:stream';

const message = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected an error');
};

test('PIPELINE_LOG_LEVEL: the fallback when unset, a pino level when set, an error naming it otherwise', () => {
  expect(logLevelFrom({}, 'info')).toBe('info');
  expect(logLevelFrom({ PIPELINE_LOG_LEVEL: '' }, 'silent')).toBe('silent');
  expect(logLevelFrom({ PIPELINE_LOG_LEVEL: 'debug' }, 'silent')).toBe('debug');
  expect(message(() => logLevelFrom({ PIPELINE_LOG_LEVEL: 'verbose' }, 'info'))).toMatch(
    /^configuration: PIPELINE_LOG_LEVEL is invalid: expected one of fatal, error, warn, info, debug, trace, silent \(got "verbose"\)/,
  );
});

test('PIPELINE_WORKER_METRICS_ADDRESS: off unless set; host:port or an error naming it', () => {
  expect(workerMetricsAddress({})).toBeUndefined();
  expect(workerMetricsAddress({ PIPELINE_WORKER_METRICS_ADDRESS: '127.0.0.1:9464' })).toBe('127.0.0.1:9464');
  expect(workerMetricsAddress({ PIPELINE_WORKER_METRICS_ADDRESS: '0.0.0.0:9464' })).toBe('0.0.0.0:9464');
  expect(workerMetricsAddress({ PIPELINE_WORKER_METRICS_ADDRESS: '[::1]:9464' })).toBe('[::1]:9464');
  for (const bad of ['9464', 'localhost', 'host:99999', 'http://127.0.0.1:9464'])
    expect(message(() => workerMetricsAddress({ PIPELINE_WORKER_METRICS_ADDRESS: bad }))).toMatch(
      /^configuration: PIPELINE_WORKER_METRICS_ADDRESS is invalid: expected host:port/,
    );
});

test('traces go to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given, or to /v1/traces under OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  expect(tracesEndpoint({})).toBeUndefined();
  expect(tracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(
    'http://collector:4318/v1/traces',
  );
  expect(tracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toBe(
    'http://collector:4318/v1/traces',
  );
  expect(
    tracesEndpoint({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example.vn/otlp',
    }),
  ).toBe('https://traces.example.vn/otlp');
  expect(message(() => tracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }))).toMatch(
    /^configuration: OTEL_EXPORTER_OTLP_ENDPOINT is invalid/,
  );
  expect(message(() => tracesEndpoint({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'grpc://collector:4317' }))).toMatch(
    /^configuration: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is invalid: OTLP\/HTTP needs an http or https URL/,
  );
});

test('the SDK logger writes one JSON object per line, with the SDK fields at the top and its error as err', () => {
  const lines: string[] = [];
  const out = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).trim().split('\n'));
      done();
    },
  });
  const logger = sdkLogger(pino({ level: 'info' }, out));
  logger.debug('not shown at info', {});
  logger.warn('Activity failed', {
    sdkComponent: 'worker',
    workflowId: 'case-x',
    activityType: 'deliverBatch',
    error: new Error('webhook answered 503'),
  });
  logger.log('INFO', 'Worker state changed', { state: 'RUNNING' });
  const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(parsed).toHaveLength(2);
  expect(parsed[0]).toMatchObject({
    level: 40,
    msg: 'Activity failed',
    sdkComponent: 'worker',
    workflowId: 'case-x',
    activityType: 'deliverBatch',
    err: { message: 'webhook answered 503' },
  });
  expect(parsed[1]).toMatchObject({ level: 30, msg: 'Worker state changed', state: 'RUNNING' });
  expect(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'].map((l) => sdkLevelOf(l as never))).toEqual([
    'TRACE',
    'DEBUG',
    'INFO',
    'WARN',
    'ERROR',
    'ERROR',
    'ERROR',
  ]);
});

describe('a value refreshed at most once per interval', () => {
  const setup = () => {
    let clock = 0;
    let calls = 0;
    let fail = false;
    const errors: unknown[] = [];
    const r = throttledRefresh(
      async () => {
        calls++;
        if (fail) throw new Error('Temporal unreachable');
        return calls;
      },
      { ttlMs: 30_000, now: () => clock, onError: (e) => errors.push(e) },
    );
    return {
      r,
      errors,
      calls: () => calls,
      tick: (ms: number) => (clock += ms),
      failing: (f: boolean) => (fail = f),
    };
  };

  test('reads within the interval share one fetch; the next interval fetches again', async () => {
    const s = setup();
    expect(await Promise.all([s.r.get(), s.r.get(), s.r.get()])).toEqual([1, 1, 1]);
    s.tick(29_999);
    expect(await s.r.get()).toBe(1);
    expect(s.calls()).toBe(1);
    s.tick(1);
    expect(await s.r.get()).toBe(2);
  });

  test('a failure keeps the last value, is reported once, and is not retried before the interval', async () => {
    const s = setup();
    expect(await s.r.get()).toBe(1);
    s.failing(true);
    s.tick(30_000);
    expect(await s.r.get()).toBe(1);
    expect(await s.r.get()).toBe(1);
    expect(s.errors).toHaveLength(1);
    expect(s.calls()).toBe(2);
    s.failing(false);
    s.tick(30_000);
    expect(await s.r.get()).toBe(3);
  });

  test('nothing before the first success', async () => {
    const s = setup();
    s.failing(true);
    expect(await s.r.get()).toBeUndefined();
    expect(s.errors).toHaveLength(1);
  });
});
