/** A case's audit: replay, timeline from the history, compliance re-check, state on a date; JSON or printable HTML. */
import { z } from 'zod';
import { IsoDate } from '../../schemas/iso-date';
import { auditHtml } from '../../audit/html';
import { auditCase, auditCases } from '../../audit/report';
import type { Principal } from '../../auth/principal';
import { HttpError } from '../errors';
import { stepsWithNames } from '../people';
import { replayDeps } from '../../temporal/bundle';
import { CaseNotFound, caseCellId } from '../../temporal/cases';
import { CaseId } from '../../schemas/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
// Declares the `pipeline` decorator the server sets before it registers this plugin.
import '../context';

export const AUDIT_BATCH_MAX = 100;

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.pipeline;
  const { client } = ctx.deps;
  const deps = replayDeps(client);
  const readable = async (p: Principal, caseId: string) => {
    try {
      ctx.check(p, { kind: 'read_case', cellId: await caseCellId(client, caseId) });
      return true;
    } catch (err) {
      if (err instanceof HttpError || err instanceof CaseNotFound) return false;
      throw err;
    }
  };

  app.get(
    '/cases/:id/audit',
    {
      schema: {
        summary:
          "Replay the case's full history on the current code, rebuild its timeline from the events, re-check every step against the rules in force on its date, and hash-chain the history",
        params: z.object({ id: CaseId }),
        querystring: z.strictObject({
          /** The case's stage, deadlines and open alerts on this date. */
          asOf: IsoDate.optional(),
          format: z.enum(['json', 'html']).default('json'),
        }),
      },
    },
    async (req, reply) => {
      const p = ctx.principal(req);
      // From the visibility record, so even a case whose code no longer runs can be audited.
      ctx.check(p, { kind: 'read_case', cellId: await caseCellId(client, req.params.id) });
      const report = await stepsWithNames(
        ctx.deps.database.db,
        await auditCase(deps, req.params.id, { asOf: req.query.asOf }),
      );
      if (req.query.format === 'html') return reply.type('text/html; charset=utf-8').send(auditHtml(report));
      return report;
    },
  );

  app.post(
    '/audits',
    {
      schema: {
        summary: `Audit up to ${AUDIT_BATCH_MAX} cases in one replay (a bulk audit sends a committee's cases in batches); a case the caller may not read or that does not exist is reported as such`,
        body: z.strictObject({
          caseIds: z.array(CaseId).min(1).max(AUDIT_BATCH_MAX),
          asOf: IsoDate.optional(),
        }),
      },
    },
    async (req) => {
      const p = ctx.principal(req);
      const allowed = await Promise.all(req.body.caseIds.map((id) => readable(p, id)));
      const ids = req.body.caseIds.filter((_, i) => allowed[i]);
      const audited = new Map((await auditCases(deps, ids, { asOf: req.body.asOf })).map((r) => [r.caseId, r]));
      return {
        reports: req.body.caseIds.map(
          (caseId) =>
            audited.get(caseId) ?? {
              caseId,
              error: 'not_readable',
              message: `case ${caseId} does not exist or is outside ${p.orgId}`,
            },
        ),
      };
    },
  );
};
