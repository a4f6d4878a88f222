/**
 * The API's structured logs: Fastify's pino logger, one JSON object per line, and one line per request with only
 * its id, method, route template, status, duration and who asked (user id and role). Never a body, a header, the
 * URL (its path holds case ids, its query filters) or anything a candidate is: names and birth dates stay out.
 */
import { randomUUID } from 'node:crypto';
import { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import { errorFields, REDACT } from '../../telemetry/redaction';
import type { LogLevel } from '../../telemetry/settings';
import { routeTemplate } from './route-template';

export interface ApiLogOptions {
  level: LogLevel;
  /** Where the lines go: stdout unless given (tests capture them). */
  destination?: DestinationStream;
}

export const REQUEST_ID_HEADER = 'x-request-id';
/** A caller's request id is kept when it is a plain token (a UUID, a trace id), so it can be followed across services. */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The Fastify options that set up the logger and request ids. */
export function apiLogging(log: ApiLogOptions): FastifyServerOptions {
  return {
    logger: {
      level: log.level,
      stream: log.destination,
      redact: REDACT,
      // Whatever else hands Fastify's logger a request or a reply gets these, not pino's defaults (URL, host, …).
      serializers: {
        req: (req: { method?: string; routeOptions?: { url?: string } }) => ({
          method: req.method,
          route: req.routeOptions?.url,
        }),
        res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
        err: errorFields,
      },
    },
    // The built-in request lines carry the URL: ours (below) replace them.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    genReqId: (req) => {
      const given = req.headers[REQUEST_ID_HEADER];
      return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
    },
  };
}

/** The request id in every answer, and the request's one log line once it is answered. */
export function installRequestLog(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header(REQUEST_ID_HEADER, req.id);
    return payload;
  });
  app.addHook('onResponse', async (req, reply) => {
    let who: { userId?: string; role?: string } = {};
    try {
      const p = app.pipeline.principal(req);
      who = { userId: p.userId, role: p.role };
    } catch {
      // No token, or a public route: nobody to name.
    }
    req.log.info(
      {
        method: req.method,
        route: routeTemplate(req),
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        ...who,
      },
      'request',
    );
  });
}
