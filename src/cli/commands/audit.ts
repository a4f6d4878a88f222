/**
 * `pipeline audit`: one case (report as JSON and printable HTML, compared
 * with an earlier export), or every case under a committee with a progress
 * bar and a summary.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { auditHtml } from '../../audit/html';
import { compareChains, type ChainComparison } from '../../audit/hash-chain';
import { AuditReport } from '../../audit/report';
import type { CaseSummary } from '../../temporal/case-list';
import { apiTarget, call, type ApiTarget } from '../api-client';
import { dmy, print, table } from '../format';
import { CliOptions, UsageError } from '../usage';

const BATCH = 50;

export async function auditCommand(args: string[]) {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...CliOptions,
      'as-of': { type: 'string' },
      out: { type: 'string' },
      html: { type: 'string' },
      compare: { type: 'string' },
      committee: { type: 'string' },
      'out-dir': { type: 'string' },
    },
  });
  const target = apiTarget(values);
  if (values.committee) return bulkAudit(target, values.committee, values['out-dir'], values.json);
  const [caseId] = positionals;
  if (!caseId) throw new UsageError('audit: expected <caseId>, or --committee <id> for every case under it');
  const query = values['as-of'] ? `?asOf=${encodeURIComponent(values['as-of'])}` : '';
  const report = await call<AuditReport>(target, 'GET', `/cases/${encodeURIComponent(caseId)}/audit${query}`);
  if (values.out) writeFileSync(values.out, JSON.stringify(report, null, 2) + '\n');
  if (values.html) writeFileSync(values.html, auditHtml(report));
  let comparison: ChainComparison | undefined;
  if (values.compare) {
    const earlier = AuditReport.safeParse(JSON.parse(readFileSync(values.compare, 'utf8')));
    if (!earlier.success) throw new UsageError(`audit: ${values.compare} is not an audit report of this tool`);
    comparison = compareChains(earlier.data.chain.links, report.chain.links);
  }
  print(values.json, comparison ? { ...report, comparedWith: comparison } : report, () =>
    [
      `${report.caseId}: ${report.replayed ? 'replays on the current code' : 'DOES NOT REPLAY'}; ${report.findings.length} finding(s)`,
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
        report.steps.map((s) => [dmy(s.date), s.type, s.form, s.signedBy, s.recordedBy, s.policyId, s.stageAfter]),
      ),
      report.findings.length
        ? table(
            ['phát hiện / finding', 'ngày / date', 'quy tắc / rule', 'lý do / reason'],
            report.findings.map((f) => [f.kind, dmy(f.date), f.ruleId ?? f.deadlineId, f.reason.vi]),
          )
        : 'no findings',
      report.asOf ? `as of ${dmy(report.asOf.date)}: stage ${report.asOf.stage ?? '(not yet registered)'}` : '',
      comparison ? `compared with ${values.compare}: ${JSON.stringify(comparison)}` : '',
      `hash chain head ${report.chain.head} (${report.chain.links.length} events)`,
    ]
      .filter(Boolean)
      .join('\n'),
  );
  if (comparison?.verdict === 'changed' || !report.replayed) process.exitCode = 3;
}

async function bulkAudit(target: ApiTarget, committee: string, outDir: string | undefined, json: boolean) {
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

  const bar = new SingleBar({ format: 'auditing [{bar}] {value}/{total} cases', stream: process.stderr });
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
      outDir ? `reports in ${outDir}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  if (tally.notReplayed) process.exitCode = 3;
}
