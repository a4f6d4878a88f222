/** What `pipeline audit` does, loaded only when it runs: the replay's modules are heavy for every other command. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { auditHtml } from '../../audit/html';
import type { StateAsOf } from '../../audit/as-of';
import { compareChains, type ChainComparison } from '../../audit/hash-chain';
import { AuditReport } from '../../audit/report';
import type { CaseSummary } from '../../temporal/case-list';
import { call, type ApiTarget } from '../api-client';
import { dmy, print, table } from '../format';
import { deadlineName, stageName, stepName } from '../labels';
import { say } from '../lang';
import { UsageError } from '../usage';
import type { AuditOptions } from './audit';

const BATCH = 50;

export async function auditOne(target: ApiTarget, caseId: string, opts: AuditOptions) {
  const query = opts.asOf ? `?asOf=${encodeURIComponent(opts.asOf)}` : '';
  const report = await call<AuditReport>(target, 'GET', `/cases/${encodeURIComponent(caseId)}/audit${query}`);
  if (opts.out) writeFileSync(opts.out, JSON.stringify(report, null, 2) + '\n');
  if (opts.html) writeFileSync(opts.html, auditHtml(report));
  let comparison: ChainComparison | undefined;
  if (opts.compare) {
    const earlier = AuditReport.safeParse(JSON.parse(readFileSync(opts.compare, 'utf8')));
    if (!earlier.success)
      throw new UsageError({
        vi: `audit: ${opts.compare} không phải báo cáo kiểm tra của công cụ này`,
        en: `audit: ${opts.compare} is not an audit report of this tool`,
      });
    comparison = compareChains(earlier.data.chain.links, report.chain.links);
  }
  print(opts.json, comparison ? { ...report, comparedWith: comparison } : report, () =>
    [
      say({
        vi: `${report.caseId}: ${report.replayed ? 'phát lại được trên mã hiện tại' : 'KHÔNG PHÁT LẠI ĐƯỢC'}; ${report.findings.length} phát hiện`,
        en: `${report.caseId}: ${report.replayed ? 'replays on the current code' : 'DOES NOT REPLAY'}; ${report.findings.length} finding(s)`,
      }),
      ...report.runs.filter((r) => r.replay !== 'ok').map((r) => `  run ${r.runId}: ${r.replay}`),
      table(
        [
          'ngày / date',
          'bước / step',
          'mẫu / form',
          'người ký / signed by',
          'người ghi / recorded by',
          'quy định / policy',
          'giai đoạn / stage',
        ],
        report.steps.map((s) => [
          dmy(s.date),
          stepName(s.type),
          s.form,
          s.signedBy,
          s.recordedBy,
          s.policyId,
          stageName(s.stageAfter),
        ]),
      ),
      report.findings.length
        ? table(
            ['phát hiện / finding', 'ngày / date', 'quy tắc / rule', 'lý do / reason'],
            report.findings.map((f) => [f.kind, dmy(f.date), f.ruleId ?? f.deadlineId, say(f.reason)]),
          )
        : say({ vi: 'không có phát hiện', en: 'no findings' }),
      report.asOf ? asOfText(report.asOf) : '',
      comparison
        ? say({ vi: `so với ${opts.compare}: `, en: `compared with ${opts.compare}: ` }) + JSON.stringify(comparison)
        : '',
      say({
        vi: `chuỗi băm: đầu ${report.chain.head} (${report.chain.links.length} sự kiện)`,
        en: `hash chain head ${report.chain.head} (${report.chain.links.length} events)`,
      }),
    ]
      .filter(Boolean)
      .join('\n'),
  );
  if (comparison?.verdict === 'changed' || !report.replayed) process.exitCode = 3;
}

/** The case as it stood on the day: its stage and last step, then its deadlines and open alerts as tables. */
function asOfText(s: StateAsOf): string {
  const day = dmy(s.date);
  if (!s.registered)
    return say({ vi: `Ngày ${day}: hồ sơ chưa được đăng ký.`, en: `On ${day} the case was not registered yet.` });
  const last = s.lastStep
    ? say({
        vi: `; bước gần nhất: ${stepName(s.lastStep.type)} (${dmy(s.lastStep.date)})`,
        en: `; last step: ${stepName(s.lastStep.type)} (${dmy(s.lastStep.date)})`,
      })
    : '';
  return [
    say({ vi: `Ngày ${day}: giai đoạn ${stageName(s.stage)}`, en: `On ${day}: stage ${stageName(s.stage)}` }) + last,
    s.deadlines.length
      ? table(
          ['thời hạn / deadline', 'bắt đầu / started', 'hạn / due', 'trả lời / answers', 'quá hạn / overdue'],
          s.deadlines.map((d) => [
            deadlineName(d.kind),
            dmy(d.startedOn),
            dmy(d.dueDate),
            d.answerBy,
            d.overdue ? say({ vi: 'quá hạn', en: 'overdue' }) : '',
          ]),
        )
      : say({ vi: 'không có thời hạn đang chạy', en: 'no deadline running' }),
    s.openAlerts.length
      ? table(
          ['cảnh báo / alert', 'việc / deadline', 'hạn / due', 'cấp / level', 'ngày báo / raised', 'gửi tới / sent to'],
          s.openAlerts.map((a) => [
            a.alertId,
            deadlineName(a.deadlineKind),
            dmy(a.dueDate),
            a.level,
            dmy(a.raisedOn),
            a.recipients.join(', '),
          ]),
        )
      : say({ vi: 'không có cảnh báo đang mở', en: 'no open alert' }),
  ].join('\n');
}

export async function bulkAudit(
  target: ApiTarget,
  committee: string,
  outDir: string | undefined,
  json: boolean | undefined,
) {
  const started = performance.now();
  const ids: string[] = [];
  let pageToken: string | null = null;
  do {
    const q = new URLSearchParams({ committeeId: committee, includeClosed: 'true', pageSize: '200' });
    if (pageToken) q.set('pageToken', pageToken);
    const page: { cases: CaseSummary[]; nextPageToken: string | null } = await call(target, 'GET', `/cases?${q}`);
    ids.push(...page.cases.map((c) => c.caseId));
    pageToken = page.nextPageToken;
  } while (pageToken);
  if (outDir) mkdirSync(outDir, { recursive: true });

  const bar = new SingleBar({
    format: say({ vi: 'đang kiểm tra [{bar}] {value}/{total} hồ sơ', en: 'auditing [{bar}] {value}/{total} cases' }),
    stream: process.stderr,
  });
  if (process.stderr.isTTY && !json) bar.start(ids.length, 0);
  const tally = { cases: ids.length, clean: 0, withFindings: 0, notReplayed: 0, unreadable: 0 };
  const byKind: Record<string, number> = {};
  const problems: Array<{ caseId: string; problem: string }> = [];
  try {
    for (let i = 0; i < ids.length; i += BATCH) {
      const { reports } = await call<{
        reports: Array<AuditReport | { caseId: string; error: string; message: string }>;
      }>(target, 'POST', '/audits', { caseIds: ids.slice(i, i + BATCH) });
      for (const r of reports) {
        if ('error' in r) {
          tally.unreadable++;
          problems.push({ caseId: r.caseId, problem: r.message });
          continue;
        }
        if (outDir) writeFileSync(join(outDir, `${r.caseId}.json`), JSON.stringify(r, null, 2) + '\n');
        if (!r.replayed) {
          tally.notReplayed++;
          problems.push({
            caseId: r.caseId,
            problem: r.runs.find((x) => x.replay !== 'ok')?.replay ?? 'does not replay',
          });
        } else if (r.clean) tally.clean++;
        else tally.withFindings++;
        for (const [k, n] of Object.entries(r.summary)) byKind[k] = (byKind[k] ?? 0) + n;
      }
      bar.increment(Math.min(BATCH, ids.length - i));
    }
  } finally {
    bar.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  const result = { committee, ...tally, findings: byKind, problems, seconds: Number(seconds.toFixed(1)) };
  print(json, result, () =>
    [
      table(
        ['kiểm tra / audit', committee],
        [
          ['hồ sơ / cases', tally.cases],
          ['đạt / clean', tally.clean],
          ['có phát hiện / with findings', tally.withFindings],
          ['không phát lại được / does not replay', tally.notReplayed],
          ['không đọc được / unreadable', tally.unreadable],
          ...Object.entries(byKind).map(([k, n]) => [`  ${k}`, n]),
          ['thời gian / time', `${seconds.toFixed(1)} s (${(tally.cases / seconds).toFixed(1)} cases/s)`],
        ],
      ),
      ...problems.slice(0, 20).map((p) => `${p.caseId}: ${p.problem}`),
      outDir ? say({ vi: `báo cáo lưu ở ${outDir}`, en: `reports in ${outDir}` }) : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  if (tally.notReplayed) process.exitCode = 3;
}
