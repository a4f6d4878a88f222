/**
 * Mail activities: what a step raised, mailed to the committees that asked for escalations at once, and a
 * committee's daily digest. A retry of a refused or failed send repeats only what was not sent yet, with the same
 * Message-IDs. Without PIPELINE_SMTP_URL each returns at once having sent nothing.
 */
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { addDays, dayOfWeek, localDateOf, type IsoDate } from '../src/charter/dates';
import type { MailConfig } from '../src/mail/config';
import { createMailer, type Mailer } from '../src/mail/mailer';
import { alertMessageId, digestMessageId } from '../src/mail/message-id';
import { digestBody, escalationBody, type Digest, type DigestOverdue } from '../src/mail/messages';
import { registryForMail, type RegistrySource } from '../src/mail/registry-source';
import type { OrgTree } from '../src/org/registry';
import type { Alert } from '../src/schemas/alert';
import type { OrgUnit } from '../src/schemas/organisation';
import { listCases } from '../src/temporal/case-list';
import { inboxHandle } from '../src/temporal/inbox';

export interface MailDeps {
  client: Client;
  mail: MailConfig | null;
  /** The registry when this process reads it itself (PIPELINE_DATABASE_URL); npm start provides the API's. */
  registry?: RegistrySource;
}

export type MailOutcome = { sent: string } | { skipped: string };

const wants = (u: OrgUnit, what: 'digest' | 'immediate') =>
  Boolean(u.email) && [what, 'both'].includes(u.mailPreference ?? 'digest');

/** The last day of the week `day` is in (Sunday), for "due this week". */
const endOfWeek = (day: IsoDate): IsoDate => addDays(day, (7 - dayOfWeek(day)) % 7);

export function createMailActivities({ client, mail, registry }: MailDeps) {
  let mailer: Mailer | undefined;
  const send: Mailer['send'] = (m) => (mailer ??= createMailer(mail!)).send(m);
  const treeOn = async (day: IsoDate): Promise<OrgTree> => (await registryForMail(registry)).on(day);
  const nameIn = (tree: OrgTree) => (id: string) => (tree.has(id) ? tree.unit(id).name : id);

  /** The committee's digest as it stands now: open overdue alerts from its inbox, cases due by Sunday. */
  async function buildDigest(committeeId: string, day: IsoDate): Promise<Digest> {
    const open = await inboxHandle(client, committeeId).alerts({ status: 'open' });
    const byDeadline = new Map<string, DigestOverdue>();
    for (const a of open) {
      const key = `${a.caseId}/${a.deadlineId}`;
      const seen = byDeadline.get(key);
      if (!seen || seen.level < a.level)
        byDeadline.set(key, {
          caseId: a.caseId,
          summary: a.summary,
          dueDate: a.dueDate,
          level: a.level,
          answerBy: a.answerBy,
        });
    }
    const overdue = [...byDeadline.values()].sort((a, b) =>
      a.dueDate !== b.dueDate ? (a.dueDate < b.dueDate ? -1 : 1) : a.caseId < b.caseId ? -1 : 1,
    );
    const { cases } = await listCases(client, { committeeId, dueBefore: endOfWeek(day) }, { pageSize: 200 });
    const dueThisWeek = cases
      .filter((c) => c.nextDue !== null && c.nextDue >= day)
      .map((c) => ({ caseId: c.caseId, dueDate: c.nextDue!, stage: c.stage ?? '' }))
      .sort((a, b) => (a.dueDate !== b.dueDate ? (a.dueDate < b.dueDate ? -1 : 1) : a.caseId < b.caseId ? -1 : 1));
    return { committeeId, day, overdue, dueThisWeek };
  }

  return {
    /**
     * What one step raised, mailed to each recipient that asked for escalations at once: one activity per step, as
     * its delivery is. Each sent message is recorded in the heartbeat, so a retry after a refused send goes on from
     * the next one instead of sending the earlier ones again (they keep their Message-IDs either way).
     */
    async mailAlerts(alerts: Alert[]): Promise<MailOutcome[]> {
      if (!mail) return [{ skipped: 'PIPELINE_SMTP_URL not set' }];
      const tree = await treeOn(localDateOf(Date.now()));
      const done = new Set<string>((Context.current().info.heartbeatDetails as string[] | undefined) ?? []);
      const outcomes: MailOutcome[] = [];
      for (const alert of alerts)
        for (const committeeId of alert.recipients) {
          const messageId = alertMessageId(alert.alertId, committeeId, mail.from);
          if (done.has(messageId)) {
            outcomes.push({ sent: messageId });
            continue;
          }
          if (!tree.has(committeeId)) {
            outcomes.push({ skipped: `${committeeId} not in the registry` });
            continue;
          }
          const unit = tree.unit(committeeId);
          if (!wants(unit, 'immediate')) {
            outcomes.push({ skipped: `${committeeId} takes no immediate mail` });
            continue;
          }
          const lang = unit.mailLanguage ?? 'vi';
          await send({
            to: unit.email!,
            messageId,
            language: lang,
            ...escalationBody(alert, unit.name, lang, nameIn(tree)),
          });
          done.add(messageId);
          Context.current().heartbeat([...done]);
          outcomes.push({ sent: messageId });
        }
      return outcomes;
    },

    /** The organisations that take the digest, on `day`'s registry. */
    async digestRecipients(day: IsoDate): Promise<string[]> {
      if (!mail) return [];
      return (await treeOn(day))
        .units()
        .filter((u) => wants(u, 'digest'))
        .map((u) => u.id);
    },

    /** Builds the committee's digest now and sends it with the (committee, day) Message-ID. */
    async sendDigest({ committeeId, day }: { committeeId: string; day: IsoDate }): Promise<MailOutcome> {
      if (!mail) return { skipped: 'PIPELINE_SMTP_URL not set' };
      const tree = await treeOn(day);
      if (!tree.has(committeeId)) return { skipped: `${committeeId} not in the registry` };
      const unit = tree.unit(committeeId);
      if (!wants(unit, 'digest')) return { skipped: `${committeeId} takes no digest` };
      const lang = unit.mailLanguage ?? 'vi';
      const digest = await buildDigest(committeeId, day);
      const messageId = digestMessageId(committeeId, day, mail.from);
      await send({ to: unit.email!, messageId, language: lang, ...digestBody(digest, unit.name, lang, nameIn(tree)) });
      return { sent: messageId };
    },
  };
}

export type MailActivities = ReturnType<typeof createMailActivities>;
