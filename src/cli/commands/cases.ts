/** `pipeline register | send | show | list`: a case's life from the terminal, through the API. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { CaseSummary } from '../../temporal/case-list';
import type { DeadlineRecord, TrailEntry } from '../../schemas/trail';
import { apiTarget, call } from '../api-client';
import { dmy, print, table } from '../format';
import { CliOptions, UsageError } from '../usage';

function readJson(what: string, file: string | undefined): unknown {
  if (!file) throw new UsageError(`${what}: missing <file.json> (or - for stdin)`);
  const text = readFileSync(file === '-' ? 0 : file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${what}: ${file} is not JSON (${(err as Error).message})`);
  }
}

export async function registerCommand(args: string[]) {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: CliOptions });
  const res = await call(apiTarget(values), 'POST', '/cases', readJson('register', positionals[0]));
  print(values.json, res, () => `registered ${String(res.caseId)} (stage ${String(res.stage)})`);
}

export async function sendCommand(args: string[]) {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: CliOptions });
  const [caseId, file] = positionals;
  if (!caseId) throw new UsageError('send: missing <caseId>');
  const res = await call<{ stage: string; openDeadlines: Array<{ id: string; dueDate: string }> }>(
    apiTarget(values),
    'POST',
    `/cases/${encodeURIComponent(caseId)}/commands`,
    readJson('send', file),
    { idempotencyKey: randomUUID() },
  );
  print(values.json, res, () =>
    [
      `accepted: ${caseId} is now at stage ${res.stage}`,
      ...res.openDeadlines.map((d) => `  due ${dmy(d.dueDate)}: ${d.id}`),
    ].join('\n'),
  );
}

interface CaseView {
  caseId: string;
  stage: string;
  context: { cellId: string; committeeIds: string[]; profile?: { fullName?: string } };
  deadlines: { open: Array<{ id: string; dueDate: string; answerBy: string }>; history: DeadlineRecord[] };
  trail: TrailEntry[];
}

export async function showCommand(args: string[]) {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: CliOptions });
  const [caseId] = positionals;
  if (!caseId) throw new UsageError('show: missing <caseId>');
  const c = await call<CaseView>(apiTarget(values), 'GET', `/cases/${encodeURIComponent(caseId)}`);
  print(values.json, c, () =>
    [
      `${c.caseId}  ${c.context.profile?.fullName ?? ''}`,
      `giai đoạn / stage: ${c.stage}   chi bộ / cell: ${c.context.cellId}   cấp ủy / committees: ${c.context.committeeIds.join(', ')}`,
      table(
        ['hạn / deadline', 'ngày hạn / due', 'trả lời / answers', 'xong / met', 'trễ (ngày LV) / late (working days)'],
        c.deadlines.history.map((d) => [d.id, dmy(d.dueDate), d.answerBy, dmy(d.metOn), d.workingDaysLate ?? '']),
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
          .map((e) => [e.seq, dmy(e.date), e.type ?? e.kind, e.form, e.signedBy, e.recordedBy?.userId, e.stageAfter]),
      ),
    ].join('\n'),
  );
}

export async function listCommand(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      ...CliOptions,
      cell: { type: 'string' },
      committee: { type: 'string' },
      stage: { type: 'string' },
      overdue: { type: 'boolean' },
      'due-before': { type: 'string' },
      closed: { type: 'boolean', default: false },
      'page-size': { type: 'string' },
      all: { type: 'boolean', default: false },
    },
  });
  const query = new URLSearchParams();
  const set = (k: string, v: string | boolean | undefined) => v !== undefined && query.set(k, String(v));
  set('cellId', values.cell);
  set('committeeId', values.committee);
  set('stage', values.stage);
  set('overdue', values.overdue);
  set('dueBefore', values['due-before']);
  if (values.closed) set('includeClosed', true);
  set('pageSize', values['page-size']);
  const target = apiTarget(values);
  const cases: CaseSummary[] = [];
  let nextPageToken: string | null = null;
  do {
    if (nextPageToken) query.set('pageToken', nextPageToken);
    const page: { cases: CaseSummary[]; nextPageToken: string | null } = await call(target, 'GET', `/cases?${query}`);
    cases.push(...page.cases);
    nextPageToken = page.nextPageToken;
  } while (values.all && nextPageToken);
  print(values.json, { cases, nextPageToken }, () =>
    [
      table(
        ['hồ sơ / case', 'giai đoạn / stage', 'chi bộ / cell', 'hạn tới / next due', 'cảnh báo / alert level'],
        cases.map((c) => [c.caseId, c.stage, c.cellId, dmy(c.nextDue), c.overdueLevel || '']),
      ),
      `${cases.length} case(s)${nextPageToken ? ' — more with --all' : ''}`,
    ].join('\n'),
  );
}
