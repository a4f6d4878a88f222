/** A committee's inbox of alerts: list them, acknowledge one as the token's user. */
import { z } from 'zod';
import { localDateOf } from '../../charter/dates';
import { OrgId } from '../../schemas/common';
import { Acknowledgement } from '../../schemas/inbox';
import { caseNames } from '../../temporal/case-list';
import { inboxHandle } from '../../temporal/inbox';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
// Declares the `pipeline` decorator the server sets before it registers this plugin.
import '../context';

const AlertsQuery = z.strictObject({
  status: z.enum(['open', 'closed', 'all']).optional(),
  acknowledged: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Oldest due date first; a page of `limit` from `offset`. */
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const committeeRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.pipeline;
  const inbox = (committeeId: string) => inboxHandle(ctx.deps.client, committeeId);

  app.get(
    '/committees/:id/alerts',
    {
      schema: {
        summary: 'The alerts raised to a committee (overdue steps under it), filtered by status and acknowledgement',
        params: z.object({ id: OrgId }),
        querystring: AlertsQuery,
      },
    },
    async (req) => {
      const p = ctx.principal(req);
      ctx.check(p, { kind: 'read_inbox', committeeId: req.params.id });
      const { offset, limit, ...filter } = req.query;
      const all = await inbox(req.params.id).alerts(filter);
      const next = offset + limit;
      const page = all.slice(offset, next);
      // The candidates' names (the committee reads every case under it) from one visibility query, not one per alert.
      const names = await caseNames(
        ctx.deps.client,
        page.map((a) => a.caseId),
      );
      const alerts = page.map((a) => ({ ...a, fullName: names.get(a.caseId) ?? null }));
      return { alerts, total: all.length, nextOffset: next < all.length ? next : null };
    },
  );

  app.post(
    '/committees/:id/alerts/:alertId/ack',
    {
      schema: {
        summary: 'Acknowledge an alert as the calling committee user',
        params: z.object({ id: OrgId, alertId: Acknowledgement.shape.alertId }),
      },
    },
    async (req) => {
      const p = ctx.principal(req);
      ctx.check(p, { kind: 'acknowledge', committeeId: req.params.id });
      const ack = Acknowledgement.parse({ alertId: req.params.alertId, by: p.userId, on: localDateOf(Date.now()) });
      return inbox(req.params.id).acknowledge(ack);
    },
  );
};
