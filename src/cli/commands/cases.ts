/** `pipeline register | send | show | list`: a case's life from the terminal, through the API. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { Deadline } from '../../schemas/case';
import { STAGES } from '../../schemas/stages';
import type { CaseSummary } from '../../temporal/case-list';
import type { DeadlineRecord, TrailEntry } from '../../schemas/trail';
import { apiTarget, call } from '../api-client';
import { dmy, print, table } from '../format';
import { deadlineName, stageName, stepName } from '../labels';
import { say } from '../lang';
import { withApiOptions, type ApiOptions } from '../program';
import { parseCount, parseDate, UsageError } from '../usage';

function readJson(command: string, what: string, file: string | undefined): unknown {
  if (!file)
    throw new UsageError({
      vi: `${command}: thiếu <${what}> (hoặc - để đọc từ stdin)`,
      en: `${command}: missing <${what}> (or - for stdin)`,
    });
  const text = readFileSync(file === '-' ? 0 : file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError({
      vi: `${command}: ${file} không phải JSON (${(err as Error).message})`,
      en: `${command}: ${file} is not JSON (${(err as Error).message})`,
    });
  }
}

/** The candidate's name, where the case list gives it. */
const nameOf = (c: CaseSummary) => (c as CaseSummary & { fullName?: string | null }).fullName ?? '';

interface CaseView {
  caseId: string;
  stage: string;
  context: { cellId: string; committeeIds: string[]; profile?: { fullName?: string } };
  deadlines: { open: Array<{ id: string; dueDate: string; answerBy: string }>; history: DeadlineRecord[] };
  trail: TrailEntry[];
}

export function addCaseCommands(program: Command) {
  withApiOptions(
    program
      .command('register')
      .summary(say({ vi: 'đăng ký một quần chúng ưu tú', en: 'register a candidate' }))
      .description(
        say({
          vi: 'Đăng ký một quần chúng ưu tú từ tệp JSON (caseId, profile, cellId, registeredOn, …).',
          en: 'Register a candidate from a JSON file (caseId, profile, cellId, registeredOn, …).',
        }),
      )
      .argument(
        '[registration.json]',
        say({ vi: 'tệp JSON, hoặc - để đọc từ stdin', en: 'the JSON file, or - for stdin' }),
      ),
  ).action(async (file: string | undefined, opts: ApiOptions) => {
    const res = await call(apiTarget(opts), 'POST', '/cases', readJson('register', 'registration.json', file));
    print(opts.json, res, () =>
      say({
        vi: `đã đăng ký ${String(res.caseId)} (giai đoạn: ${stageName(String(res.stage))})`,
        en: `registered ${String(res.caseId)} (stage: ${stageName(String(res.stage))})`,
      }),
    );
  });

  withApiOptions(
    program
      .command('send')
      .summary(say({ vi: 'ghi nhận một bước của hồ sơ', en: 'record a step of a case' }))
      .description(
        say({
          vi: 'Ghi nhận một bước (lệnh JSON như mẫu trên bảng điều khiển ghi); gửi lại khi mất kết nối không ghi hai lần.',
          en: 'Record a step (the JSON command the dashboard form sends); a retry after a lost connection records it once.',
        }),
      )
      .argument('<caseId>', say({ vi: 'mã hồ sơ', en: 'the case' }))
      .argument(
        '[command.json]',
        say({ vi: 'tệp JSON của bước, hoặc - để đọc từ stdin', en: 'the JSON command, or - for stdin' }),
      ),
  ).action(async (caseId: string, file: string | undefined, opts: ApiOptions) => {
    const res = await call<{ stage: string; openDeadlines: Array<Partial<Deadline> & { dueDate: string }> }>(
      apiTarget(opts),
      'POST',
      `/cases/${encodeURIComponent(caseId)}/commands`,
      readJson('send', 'command.json', file),
      { idempotencyKey: randomUUID() },
    );
    print(opts.json, res, () =>
      [
        say({
          vi: `đã ghi nhận: ${caseId} nay ở giai đoạn ${stageName(res.stage)}`,
          en: `accepted: ${caseId} is now at stage ${stageName(res.stage)}`,
        }),
        ...res.openDeadlines.map(
          (d) => `  ${say({ vi: 'hạn', en: 'due' })} ${dmy(d.dueDate)}: ${deadlineName(d.kind ?? d.id)}`,
        ),
      ].join('\n'),
    );
  });

  withApiOptions(
    program
      .command('show')
      .summary(say({ vi: 'xem một hồ sơ', en: 'show a case' }))
      .description(
        say({
          vi: 'Một hồ sơ: giai đoạn, các thời hạn, và mọi bước đã ghi nhận với người ký và người ghi.',
          en: 'A case: its stage, deadlines, and every step recorded with who signed and who recorded it.',
        }),
      )
      .argument('<caseId>', say({ vi: 'mã hồ sơ', en: 'the case' })),
  ).action(async (caseId: string, opts: ApiOptions) => {
    const c = await call<CaseView>(apiTarget(opts), 'GET', `/cases/${encodeURIComponent(caseId)}`);
    print(opts.json, c, () =>
      [
        `${c.caseId}  ${c.context.profile?.fullName ?? ''}`,
        `giai đoạn / stage: ${stageName(c.stage)}   chi bộ / cell: ${c.context.cellId}   cấp ủy / committees: ${c.context.committeeIds.join(', ')}`,
        table(
          [
            'hạn / deadline',
            'ngày hạn / due',
            'trả lời / answers',
            'xong / met',
            'trễ (ngày LV) / late (working days)',
          ],
          c.deadlines.history.map((d) => [
            deadlineName(d.kind),
            dmy(d.dueDate),
            d.answerBy,
            dmy(d.metOn),
            d.workingDaysLate ?? '',
          ]),
        ),
        table(
          [
            '#',
            'ngày / date',
            'bước / step',
            'mẫu / form',
            'người ký / signed by',
            'người ghi / recorded by',
            'giai đoạn / stage',
          ],
          c.trail
            .filter((e) => e.kind !== 'alert' && e.kind !== 'alert_closed')
            .map((e) => [
              e.seq,
              dmy(e.date),
              stepName(e.type ?? e.kind),
              e.form,
              e.signedBy,
              e.recordedBy?.userId,
              stageName(e.stageAfter),
            ]),
        ),
      ].join('\n'),
    );
  });

  withApiOptions(
    program
      .command('list')
      .summary(say({ vi: 'các hồ sơ bạn được xem', en: 'the cases you may see' }))
      .description(
        say({
          vi: 'Các hồ sơ bạn được xem (chi bộ của bạn, hoặc cả cấp dưới của cấp ủy), lọc theo chi bộ, cấp ủy, giai đoạn, quá hạn.',
          en: "The cases you may see (your cell's, or a committee's whole subtree), by cell, committee, stage, overdue.",
        }),
      )
      .option('--cell <id>', say({ vi: 'chỉ chi bộ này', en: 'only this cell' }))
      .option('--committee <id>', say({ vi: 'mọi chi bộ dưới cấp ủy này', en: 'every cell under this committee' }))
      .addOption(
        new Option(
          '--stage <stage>',
          say({ vi: `chỉ giai đoạn này: ${STAGES.join(', ')}`, en: `only this stage: ${STAGES.join(', ')}` }),
        ).choices(STAGES),
      )
      .option('--overdue', say({ vi: 'chỉ hồ sơ quá hạn', en: 'only overdue cases' }))
      .option(
        '--due-before <date>',
        say({ vi: 'hạn tới vào hoặc trước ngày (dd/MM/yyyy)', en: 'next due on or before the date (dd/MM/yyyy)' }),
        parseDate,
      )
      .option('--closed', say({ vi: 'gồm cả hồ sơ đã kết thúc', en: 'include closed cases' }))
      .option('--page-size <n>', say({ vi: 'số hồ sơ mỗi trang', en: 'cases per page' }), parseCount(1))
      .option('--all', say({ vi: 'lấy hết các trang', en: 'follow every page' })),
  ).action(async (opts: ApiOptions & Record<string, unknown>) => {
    const query = new URLSearchParams();
    const set = (k: string, v: unknown) => v !== undefined && query.set(k, String(v));
    set('cellId', opts.cell);
    set('committeeId', opts.committee);
    set('stage', opts.stage);
    set('overdue', opts.overdue);
    set('dueBefore', opts.dueBefore);
    if (opts.closed) set('includeClosed', true);
    set('pageSize', opts.pageSize);
    const target = apiTarget(opts);
    const cases: CaseSummary[] = [];
    let nextPageToken: string | null = null;
    do {
      if (nextPageToken) query.set('pageToken', nextPageToken);
      const page: { cases: CaseSummary[]; nextPageToken: string | null } = await call(target, 'GET', `/cases?${query}`);
      cases.push(...page.cases);
      nextPageToken = page.nextPageToken;
    } while (opts.all && nextPageToken);
    print(opts.json, { cases, nextPageToken }, () =>
      [
        table(
          [
            'hồ sơ / case',
            'họ tên / name',
            'giai đoạn / stage',
            'chi bộ / cell',
            'hạn tới / next due',
            'cảnh báo / alert level',
          ],
          cases.map((c) => [c.caseId, nameOf(c), stageName(c.stage), c.cellId, dmy(c.nextDue), c.overdueLevel || '']),
        ),
        say({
          vi: `${cases.length} hồ sơ${nextPageToken ? ' — còn nữa, thêm --all' : ''}`,
          en: `${cases.length} case(s)${nextPageToken ? ' — more with --all' : ''}`,
        }),
      ].join('\n'),
    );
  });
}
