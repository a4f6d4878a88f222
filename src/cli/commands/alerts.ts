/** `pipeline alerts | ack`: a committee's inbox from the terminal, the open alerts unless asked for all. */
import { Option, type Command } from 'commander';
import type { InboxEntry } from '../../schemas/inbox';
import { apiTarget, call } from '../api-client';
import { dmy, print, table } from '../format';
import { deadlineName } from '../labels';
import { say } from '../lang';
import { withApiOptions, type ApiOptions } from '../program';

const STATUS = {
  open: { vi: 'đang mở', en: 'open' },
  closed: { vi: 'đã đóng', en: 'closed' },
};

interface AlertsOptions extends ApiOptions {
  status?: 'open' | 'closed' | 'all';
  all?: boolean;
  unacknowledged?: boolean;
}

export function addAlertCommands(program: Command) {
  withApiOptions(
    program
      .command('alerts')
      .summary(say({ vi: 'các cảnh báo của một cấp ủy', en: "a committee's alerts" }))
      .description(
        say({
          vi: 'Các cảnh báo quá hạn gửi tới một cấp ủy; mặc định chỉ cảnh báo đang mở.',
          en: 'The overdue alerts raised to a committee; only the open ones unless asked.',
        }),
      )
      .argument('<committee>', say({ vi: 'mã cấp ủy', en: 'the committee' }))
      .addOption(
        new Option(
          '--status <status>',
          say({ vi: 'open (mặc định), closed hoặc all', en: 'open (the default), closed or all' }),
        )
          .choices(['open', 'closed', 'all'])
          .conflicts('all'),
      )
      .option('--all', say({ vi: 'cả cảnh báo đã đóng (như --status all)', en: 'closed alerts too (as --status all)' }))
      .option('--unacknowledged', say({ vi: 'chỉ cảnh báo chưa xác nhận', en: 'only alerts not yet acknowledged' })),
  ).action(async (committee: string, opts: AlertsOptions) => {
    const target = apiTarget(opts);
    const query = new URLSearchParams({ status: opts.all ? 'all' : (opts.status ?? 'open') });
    if (opts.unacknowledged) query.set('acknowledged', 'false');
    const alerts: InboxEntry[] = [];
    for (let offset: number | null = 0; offset !== null;) {
      query.set('offset', String(offset));
      const page: { alerts: InboxEntry[]; nextOffset?: number | null } = await call(
        target,
        'GET',
        `/committees/${encodeURIComponent(committee)}/alerts?${query}`,
      );
      alerts.push(...page.alerts);
      offset = page.nextOffset ?? null;
    }
    print(opts.json, { alerts }, () =>
      [
        table(
          [
            'cảnh báo / alert',
            'hồ sơ / case',
            'việc / deadline',
            'trạng thái / status',
            'hạn / due',
            'cấp / level',
            'trả lời / answers',
            'xác nhận / acknowledged',
          ],
          alerts.map((a) => [
            a.alertId,
            a.caseId,
            deadlineName(a.deadlineKind),
            a.status === 'closed' ? `${say(STATUS.closed)} ${dmy(a.closedOn)}` : say(STATUS.open),
            dmy(a.dueDate),
            a.level,
            a.answerBy,
            a.acknowledged?.by ?? '',
          ]),
        ),
        say({ vi: `${alerts.length} cảnh báo`, en: `${alerts.length} alert(s)` }),
      ].join('\n'),
    );
  });

  withApiOptions(
    program
      .command('ack')
      .summary(say({ vi: 'xác nhận đã nhận một cảnh báo', en: 'acknowledge an alert' }))
      .description(
        say({
          vi: 'Xác nhận một cảnh báo thay mặt cấp ủy, với tên người dùng của bạn.',
          en: 'Acknowledge an alert for the committee, under your user name.',
        }),
      )
      .argument('<committee>', say({ vi: 'mã cấp ủy', en: 'the committee' }))
      .argument(
        '<alertId>',
        say({ vi: 'mã cảnh báo (cột đầu của pipeline alerts)', en: 'the alert (first column of pipeline alerts)' }),
      ),
  ).action(async (committee: string, alertId: string, opts: ApiOptions) => {
    const res = await call<InboxEntry>(
      apiTarget(opts),
      'POST',
      `/committees/${encodeURIComponent(committee)}/alerts/${encodeURIComponent(alertId)}/ack`,
    );
    print(opts.json, res, () =>
      say({
        vi: `đã xác nhận ${alertId} (${res.acknowledged?.by}, ${dmy(res.acknowledged?.on)})`,
        en: `acknowledged ${alertId} (${res.acknowledged?.by}, ${dmy(res.acknowledged?.on)})`,
      }),
    );
  });
}
