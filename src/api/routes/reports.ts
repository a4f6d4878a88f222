/** A committee's targets report (JSON for the dashboard, CSV or Excel to file). */
import { z } from 'zod';
import { localDateOf } from '../../charter/dates';
import { OrgId } from '../../schemas/common';
import { collectTargets } from '../../reports/collect';
import { targetsCsv, targetsXlsx } from '../../reports/export';
import { invalid } from '../errors';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
// Declares the `pipeline` decorator the server sets before it registers this plugin.
import '../context';

const TargetsQuery = z.strictObject({
  year: z.coerce.number().int().min(1930).max(2200).optional(),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  lang: z.enum(['vi', 'en']).default('vi'),
});

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.pipeline;
  app.get(
    '/committees/:id/targets',
    {
      schema: {
        summary:
          "A committee's admissions against its annual target (3% of official members unless the registry says otherwise), funnel, stage times, workforce; JSON, CSV or Excel",
        params: z.object({ id: OrgId }),
        querystring: TargetsQuery,
      },
    },
    async (req, reply) => {
      const p = ctx.principal(req);
      ctx.check(p, { kind: 'list_cases', orgId: req.params.id });
      const year = req.query.year ?? Number(localDateOf(Date.now()).slice(0, 4));
      const registry = ctx.registry(req);
      const tree = registry.on(localDateOf(Date.now()));
      if (!tree.has(req.params.id) || tree.unit(req.params.id).kind === 'cell')
        throw invalid('id', `no committee '${req.params.id}' in the registry`);
      const report = await collectTargets(ctx.deps.client, registry, req.params.id, year);
      const name = `chi-tieu-${req.params.id}-${year}`;
      if (req.query.format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(targetsCsv(report, req.query.lang));
      if (req.query.format === 'xlsx')
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .send(await targetsXlsx(report, req.query.lang));
      return report;
    },
  );
};
