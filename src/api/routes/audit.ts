/** A case's audit: replay, timeline from the history, compliance re-check, state on a date; JSON or printable HTML. */
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { z } from 'zod';
import { IsoDate } from '../../charter/dates';
import { auditHtml } from '../../audit/html';
import { auditCase } from '../../audit/report';
import { bundleWorkflows } from '../../temporal/bundle';
import { caseCellId } from '../../temporal/cases';
import { CaseId } from '../../schemas/common';
import type { ApiContext, ZodApp } from '../server';

export function auditRoutes(app: ZodApp, ctx: ApiContext) {
  // Bundled on the first audit (seconds), then shared by every replay.
  let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
  const workflowBundle = () => (bundle ??= bundleWorkflows());
  const { client } = ctx.deps;

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
      const report = await auditCase(
        {
          client,
          workflowBundle,
          dataConverter: client.options.dataConverter,
          loadedDataConverter: client.options.loadedDataConverter,
        },
        req.params.id,
        { asOf: req.query.asOf },
      );
      if (req.query.format === 'html') return reply.type('text/html; charset=utf-8').send(auditHtml(report));
      return report;
    },
  );
}
