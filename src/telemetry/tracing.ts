/**
 * Traces from the API through the workflow to its activities, with @temporalio/interceptors-opentelemetry, sent
 * over OTLP/HTTP (JSON) when OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set. Unset, nothing
 * of OpenTelemetry is even loaded: no provider, no interceptor, and the worker's workflow bundle is the same as
 * ever. Each process names itself (`pipeline-api`, `pipeline-worker`); `npm start`, with both in one process, has
 * one provider for each.
 */
import type { Tracer } from '@opentelemetry/api';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { WorkerOptions } from '@temporalio/worker';
import { tracesEndpoint } from './settings';

export interface Tracing {
  serviceName: string;
  tracer: Tracer;
  /** For the Temporal client: each call carries the current span in its headers, for the workflow to continue. */
  clientInterceptors: { workflow: WorkflowClientInterceptor[] };
  /** For the workflow bundle (src/temporal/bundle.ts): the workflow interceptor, bundled in only when tracing is on. */
  workflowInterceptorModules: string[];
  /** For the worker: the activity interceptor, and the sink through which the workflow sandbox hands out its spans. */
  workerOptions: Pick<WorkerOptions, 'interceptors' | 'sinks'>;
  /** Sends what is buffered now (tests; the processor otherwise sends every few seconds). */
  flush(): Promise<void>;
  /** Sends what is buffered and stops: call it before the process exits, or the last spans are lost. */
  shutdown(): Promise<void>;
}

/** The global context manager and propagator are the process's, set once however many providers it runs. */
let globalsRegistered = false;

/** A tracer provider for `serviceName`, or undefined when no OTLP endpoint is configured. */
export async function startTracing(
  serviceName: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Tracing | undefined> {
  const url = tracesEndpoint(env);
  if (!url) return undefined;
  const [{ NodeTracerProvider }, { BatchSpanProcessor }, { Resource }, { OTLPTraceExporter }, client, worker] =
    await Promise.all([
      import('@opentelemetry/sdk-trace-node'),
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@temporalio/interceptors-opentelemetry/lib/client'),
      import('@temporalio/interceptors-opentelemetry/lib/worker'),
    ]);
  const resource = new Resource({ 'service.name': serviceName });
  const processor = new BatchSpanProcessor(new OTLPTraceExporter({ url }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  if (!globalsRegistered) {
    // AsyncLocalStorage context (a span follows its request through awaits) and W3C trace-context propagation,
    // which the interceptors use to write and read the Temporal headers. Tracers are passed explicitly below, so
    // which provider also becomes the global one does not matter.
    provider.register();
    globalsRegistered = true;
  }
  const tracer = provider.getTracer('party-pipeline');
  return {
    serviceName,
    tracer,
    clientInterceptors: { workflow: [new client.OpenTelemetryWorkflowClientInterceptor({ tracer })] },
    workflowInterceptorModules: [require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')],
    workerOptions: {
      interceptors: {
        activity: [
          (ctx) => ({
            inbound: new worker.OpenTelemetryActivityInboundInterceptor(ctx, { tracer }),
            outbound: new worker.OpenTelemetryActivityOutboundInterceptor(ctx),
          }),
        ],
      },
      sinks: { exporter: withoutPersonalData(worker.makeWorkflowExporter(processor, resource)) },
    },
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}

type WorkflowExporter = ReturnType<
  (typeof import('@temporalio/interceptors-opentelemetry/lib/worker'))['makeWorkflowExporter']
>;

/** What of a workflow's info a span may carry: ids and counters, never its memo (the candidate's name). */
const TRACEABLE_INFO = ['workflowId', 'runId', 'workflowType', 'taskQueue', 'namespace', 'attempt', 'historyLength'];

/**
 * The SDK's exporter copies the whole WorkflowInfo into every workflow span's attributes, memo and search
 * attributes included; the memo holds the candidate's name (decoded by the worker's codec). Only ids go to traces.
 */
function withoutPersonalData(exporter: WorkflowExporter): WorkflowExporter {
  const fn = exporter.export.fn;
  return {
    export: {
      ...exporter.export,
      fn: (info, ...spans) =>
        fn(
          Object.fromEntries(
            TRACEABLE_INFO.flatMap((k) => (k in info ? [[k, info[k as keyof typeof info]]] : [])),
          ) as unknown as typeof info,
          ...spans,
        ),
    },
  };
}
