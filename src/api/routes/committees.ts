/** A committee's inbox of alerts: list them, acknowledge one as the token's user. */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { z } from 'zod';
import { localDateOf } from '../../charter/dates';
import { OrgId } from '../../schemas/common';
import { Acknowledgement, inboxWorkflowId, type InboxEntry } from '../../schemas/inbox';
import { acknowledgeUpdate, listAlertsQuery } from '../../../workflows/definitions';
import { HttpError } from '../errors';
import type { ApiContext, ZodApp } from '../server';

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

export function committeeRoutes(app: ZodApp, ctx: ApiContext) {
  const inbox = (committeeId: string) => ctx.deps.client.workflow.getHandle(inboxWorkflowId(committeeId));

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
      let all: InboxEntry[];
      try {
        all = await inbox(req.params.id).query(listAlertsQuery, filter);
      } catch (err) {
        // A committee that was never alerted has no inbox yet.
        if (!(err instanceof WorkflowNotFoundError)) throw err;
        all = [];
      }
      const next = offset + limit;
      return { alerts: all.slice(offset, next), total: all.length, nextOffset: next < all.length ? next : null };
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
      try {
        return await inbox(req.params.id).executeUpdate(acknowledgeUpdate, { args: [ack] });
      } catch (err) {
        if (err instanceof WorkflowNotFoundError || err instanceof WorkflowUpdateFailedError)
          throw new HttpError(404, { error: 'not_found', message: `no alert ${ack.alertId} for ${req.params.id}` });
        throw err;
      }
    },
  );
}
