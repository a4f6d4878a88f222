/**
 * The HTTP API: register a candidate, send a command, read a case. Every
 * request carries a signed token; every body is parsed by the same zod
 * schemas the workflow uses, so a bad field is a 400 naming it before
 * anything reaches Temporal. Refusals of the charter are 422 with the rule.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, type Action } from '../auth/scope';
import { Unauthenticated, verifyToken, type Principal, type TokenKeys } from '../auth/tokens';
import { localDateOf } from '../charter/dates';
import { RegistryError, type Registry } from '../org/registry';
import { Registration } from '../schemas/candidate';
import { Command } from '../schemas/commands';
import { Acknowledgement, inboxWorkflowId } from '../schemas/inbox';
import { acknowledgeUpdate, listAlertsQuery } from '../../workflows/definitions';
import {
  CaseConflict,
  CaseNotFound,
  caseHandle,
  CommandRefused,
  InvalidCommand,
  registerCase,
} from '../temporal/cases';

export interface ApiDeps {
  client: Client;
  taskQueue: string;
  registry: Registry;
  keys: TokenKeys;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message ?? body.error));
  }
}

/** What a caller sends to register: the chain of committees comes from the registry, not from them. */
const RegisterBody = Registration.pick({
  caseId: true,
  profile: true,
  cellId: true,
  youthUnionExists: true,
  registeredOn: true,
  readmission: true,
}).strict();

const AlertsQuery = z.strictObject({
  status: z.enum(['open', 'closed', 'all']).optional(),
  acknowledged: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

const DECISIONS = new Set(['RECORD_COMMITTEE_DECISION', 'RECORD_RECOGNITION_DECISION']);

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.') || '(body)';
  throw new HttpError(400, { error: 'invalid', field, message: `${field}: ${issue.message}` });
}

export function buildApi(deps: ApiDeps): FastifyInstance {
  const app = Fastify({ bodyLimit: 64 * 1024, logger: false });

  const principalOf = async (req: FastifyRequest): Promise<Principal> => {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) throw new Unauthenticated('a Bearer token is required');
    return verifyToken(deps.keys, header.slice('Bearer '.length));
  };
  const tree = () => deps.registry.on(localDateOf(Date.now()));
  const check = (p: Principal, action: Action) => {
    const d = authorize(p, action, tree());
    if (!d.allowed) throw new HttpError(403, { error: 'forbidden', reason: d.reason, message: d.reason.en });
  };
  const cellOf = async (caseId: string) => (await caseHandle(deps.client, caseId).snapshot()).context.cellId;

  app.post('/cases', async (req, reply) => {
    const p = await principalOf(req);
    const body = parse(RegisterBody, req.body);
    check(p, { kind: 'record_step', cellId: body.cellId });
    const t = deps.registry.on(body.registeredOn);
    if (!t.has(body.cellId) || t.unit(body.cellId).kind !== 'cell')
      throw new HttpError(400, { error: 'invalid', field: 'cellId', message: `cellId: no cell '${body.cellId}'` });
    await registerCase(deps.client, deps.taskQueue, {
      ...body,
      committeeIds: t.committeesAbove(body.cellId),
      competentCommitteeId: t.competentCommittee(body.cellId),
    });
    return reply.code(201).send({ caseId: body.caseId, stage: 'source' });
  });

  app.post<{ Params: { id: string } }>('/cases/:id/commands', async (req) => {
    const p = await principalOf(req);
    const raw = typeof req.body === 'object' && req.body !== null ? req.body : {};
    // Who sent it is the token's, never the body's.
    const command = parse(Command, { ...raw, recordedBy: { userId: p.userId, role: p.role } });
    const cellId = await cellOf(req.params.id);
    check(
      p,
      DECISIONS.has(command.type) && 'committeeId' in command
        ? { kind: 'decide', cellId, committeeId: command.committeeId }
        : { kind: 'record_step', cellId },
    );
    return caseHandle(deps.client, req.params.id).send(command);
  });

  app.get<{ Params: { id: string } }>('/cases/:id', async (req) => {
    const p = await principalOf(req);
    const c = caseHandle(deps.client, req.params.id);
    const snapshot = await c.snapshot();
    check(p, { kind: 'read_case', cellId: snapshot.context.cellId });
    const [deadlines, trail] = await Promise.all([c.deadlines(), c.trail()]);
    return { caseId: req.params.id, stage: snapshot.stage, context: snapshot.context, deadlines, trail };
  });

  const inbox = (committeeId: string) => deps.client.workflow.getHandle(inboxWorkflowId(committeeId));

  app.get<{ Params: { id: string }; Querystring: Record<string, string> }>('/committees/:id/alerts', async (req) => {
    const p = await principalOf(req);
    check(p, { kind: 'read_inbox', committeeId: req.params.id });
    const filter = parse(AlertsQuery, req.query);
    try {
      return { alerts: await inbox(req.params.id).query(listAlertsQuery, filter) };
    } catch (err) {
      // A committee that was never alerted has no inbox yet.
      if (err instanceof WorkflowNotFoundError) return { alerts: [] };
      throw err;
    }
  });

  app.post<{ Params: { id: string; alertId: string } }>('/committees/:id/alerts/:alertId/ack', async (req) => {
    const p = await principalOf(req);
    check(p, { kind: 'acknowledge', committeeId: req.params.id });
    const ack = parse(Acknowledgement, { alertId: req.params.alertId, by: p.userId, on: localDateOf(Date.now()) });
    try {
      return await inbox(req.params.id).executeUpdate(acknowledgeUpdate, { args: [ack] });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError || err instanceof WorkflowUpdateFailedError)
        throw new HttpError(404, { error: 'not_found', message: `no alert ${ack.alertId} for ${req.params.id}` });
      throw err;
    }
  });

  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof HttpError) return reply.code(err.status).send(err.body);
    if (err instanceof Unauthenticated) return reply.code(401).send({ error: 'unauthenticated', message: err.message });
    if (err instanceof CaseNotFound) return reply.code(404).send({ error: 'not_found', message: err.message });
    if (err instanceof CaseConflict) return reply.code(409).send({ error: 'conflict', message: err.message });
    if (err instanceof CommandRefused)
      return reply.code(422).send({ error: 'refused', refusals: err.refusals, message: err.message });
    if (err instanceof InvalidCommand) return reply.code(400).send({ error: 'invalid', message: err.message });
    if (err instanceof RegistryError) return reply.code(400).send({ error: 'invalid', message: err.message });
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500)
      return reply.code(status).send({ error: 'invalid', message: (err as Error).message });
    reply.log.error(err);
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });
  return app;
}
