/**
 * A server span per request, named by method and route template, so the Temporal client's spans (StartWorkflow,
 * StartWorkflowUpdate, …) that the request's handler causes are its children, and through them the workflow's and
 * the activities'. A caller's W3C `traceparent` is honoured. Installed only when tracing is on.
 */
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { routeTemplate } from './route-template';

export function installRequestTracing(app: FastifyInstance, tracer: Tracer): void {
  const spans = new WeakMap<FastifyRequest, Span>();
  const start = (req: FastifyRequest, startTime?: number) => {
    const route = routeTemplate(req);
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer.startSpan(
      `${req.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        startTime,
        attributes: { 'http.request.method': req.method, 'http.route': route, 'pipeline.request_id': req.id },
      },
      parent,
    );
    spans.set(req, span);
    return span;
  };

  app.addHook('onRequest', async (req) => {
    start(req);
  });
  // Hooks cannot wrap what follows them, so each route's handler runs inside its request's span instead: every
  // Temporal call it makes, however deep in awaits, finds that span as its parent.
  app.addHook('onRoute', (route) => {
    const handler = route.handler;
    route.handler = function (this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) {
      const span = spans.get(req);
      if (!span) return handler.call(this, req, reply);
      return context.with(trace.setSpan(context.active(), span), () => handler.call(this, req, reply));
    } as RouteHandlerMethod;
  });
  app.addHook('onResponse', async (req, reply) => {
    // A request refused by an earlier onRequest hook (no token) never reached ours: its span starts when it began.
    const span = spans.get(req) ?? start(req, Date.now() - reply.elapsedTime);
    span.setAttribute('http.response.status_code', reply.statusCode);
    if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
}
