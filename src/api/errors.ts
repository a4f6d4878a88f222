/**
 * How every failure reaches a caller: 400 naming the field, 401, 403 with
 * the reason in Vietnamese and English, 404, 409, 422 with the charter's
 * refusals. Anything else is a 500 whose detail stays in the server's log.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { Unauthenticated } from '../auth/principal';
import { DatabaseUnavailable } from '../db/open';
import { RegistryError } from '../org/registry';
import {
  CaseCellChanged,
  CaseConflict,
  CaseNotFound,
  CaseUnavailable,
  CommandRefused,
  InvalidCommand,
  KeyReused,
} from '../temporal/cases';
import { AlertNotFound } from '../temporal/inbox';
import { EXPLAINED_PARSE, fieldError, fieldErrorsOf, type FieldError } from '../schemas/field-errors';
import { z } from 'zod';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message ?? body.error));
  }
}

/**
 * A 400 the API raises itself about one field. `message` is the English detail kept for older clients; `errors`
 * says it in both languages when the caller gives the words (else the English is all there is).
 */
export const invalid = (field: string, message: string, words?: { code: FieldError['code']; vi: string; en: string }) =>
  new HttpError(400, {
    error: 'invalid',
    field,
    message: `${field}: ${message}`,
    errors: [fieldError(field, words?.code ?? 'invalid', words?.vi ?? message, words?.en ?? message)],
  });

/**
 * Every field's error in the request part that failed, not only the first: the part is parsed again with the
 * bilingual error map (zod's per-parse customisation), which keeps each issue's input, so a missing field is told
 * from a wrong one. Only a refused request pays for the second parse.
 */
function everyFieldError(req: FastifyRequest, part: string | undefined): FieldError[] {
  const schema = (req.routeOptions.schema as Record<string, unknown> | undefined)?.[part ?? ''];
  const data = { body: req.body, querystring: req.query, params: req.params, headers: req.headers }[part ?? ''];
  if (!(schema instanceof z.ZodType)) return [];
  const result = schema.safeParse(data, EXPLAINED_PARSE);
  return result.success ? [] : fieldErrorsOf(result.error.issues);
}

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issue = err.validation[0]!;
    const path = issue.instancePath.slice(1).replaceAll('/', '.');
    const keys = (issue.params as { keys?: string[] }).keys;
    const field =
      path && keys ? `${path}.${keys.join(', ')}` : path || keys?.join(', ') || `(${err.validationContext})`;
    const message = keys ? `not allowed here (${issue.message})` : issue.message;
    // Every field's error, not only the first: a form shows each beside its field.
    const errors = everyFieldError(req, err.validationContext);
    return reply.code(400).send({ error: 'invalid', field, message: `${field}: ${message}`, errors });
  }
  if (err instanceof HttpError) return reply.code(err.status).send(err.body);
  if (err instanceof Unauthenticated) return reply.code(401).send({ error: 'unauthenticated', message: err.message });
  if (err instanceof CaseNotFound || err instanceof AlertNotFound)
    return reply.code(404).send({ error: 'not_found', message: err.message });
  if (err instanceof CaseUnavailable)
    return reply.code(503).header('retry-after', '5').send({ error: 'unavailable', message: err.message });
  if (err instanceof DatabaseUnavailable) {
    // What failed is the operator's to read (/readyz names it too); the caller only needs to try again.
    req.log.error(err);
    return reply.code(503).header('retry-after', '5').send({
      error: 'unavailable',
      message:
        'Cơ sở dữ liệu của hệ thống tạm thời không trả lời, hãy thử lại sau ít giây / the service’s database is not answering; try again in a few seconds',
    });
  }
  if (err instanceof CaseConflict) return reply.code(409).send({ error: 'conflict', message: err.message });
  // Only when the case moved again between the route's two tries: nothing was recorded.
  if (err instanceof CaseCellChanged)
    return reply.code(409).send({
      error: 'case_moved',
      message: `Hồ sơ vừa được chuyển sang chi bộ khác, bước chưa được ghi nhận; hãy gửi lại / the case has just moved to another cell and the step was not recorded; send it again (${err.message})`,
    });
  if (err instanceof CommandRefused)
    return reply.code(422).send({ error: 'refused', refusals: err.refusals, message: err.message });
  if (err instanceof KeyReused)
    return reply.code(422).send({
      error: 'idempotency_key_reused',
      message: `Idempotency-Key này đã dùng cho một lệnh khác của hồ sơ / this Idempotency-Key was used for another command on this case (${err.message})`,
    });
  if (err instanceof InvalidCommand) return reply.code(400).send({ error: 'invalid', message: err.message });
  if (err instanceof RegistryError) return reply.code(400).send({ error: 'invalid', message: err.message });
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
    return reply.code(err.statusCode).send({ error: 'invalid', message: err.message });
  req.log.error(err);
  return reply.code(500).send({ error: 'internal', message: 'internal error' });
}
