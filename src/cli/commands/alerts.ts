/** `pipeline alerts | ack`: a committee's inbox from the terminal. */
import { parseArgs } from 'node:util';
import type { InboxEntry } from '../../schemas/inbox';
import { apiTarget, call } from '../api-client';
import { dmy, print, table } from '../format';
import { CliOptions, UsageError } from '../usage';

export async function alertsCommand(args: string[]) {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...CliOptions, status: { type: 'string' }, unacknowledged: { type: 'boolean', default: false } },
  });
  const [committee] = positionals;
  if (!committee) throw new UsageError('alerts: missing <committee>');
  const query = new URLSearchParams();
  if (values.status) query.set('status', values.status);
  if (values.unacknowledged) query.set('acknowledged', 'false');
  const { alerts } = await call<{ alerts: InboxEntry[] }>(
    apiTarget(values),
    'GET',
    `/committees/${encodeURIComponent(committee)}/alerts?${query}`,
  );
  print(values.json, { alerts }, () =>
    [
      table(
        [
          'cảnh báo / alert',
          'hồ sơ / case',
          'hạn / due',
          'cấp / level',
          'trả lời / answers',
          'xác nhận / acknowledged',
        ],
        alerts.map((a) => [a.alertId, a.caseId, dmy(a.dueDate), a.level, a.answerBy, a.acknowledged?.by ?? '']),
      ),
      `${alerts.length} alert(s)`,
    ].join('\n'),
  );
}

export async function ackCommand(args: string[]) {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: CliOptions });
  const [committee, alertId] = positionals;
  if (!committee || !alertId) throw new UsageError('ack: expected <committee> <alertId>');
  const res = await call<InboxEntry>(
    apiTarget(values),
    'POST',
    `/committees/${encodeURIComponent(committee)}/alerts/${encodeURIComponent(alertId)}/ack`,
  );
  print(values.json, res, () => `acknowledged ${alertId} (${res.acknowledged?.by}, ${dmy(res.acknowledged?.on)})`);
}
