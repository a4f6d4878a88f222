/**
 * `pipeline audit`: one case (report as JSON and printable HTML, compared
 * with an earlier export, the case as it stood on a date), or every case
 * under a committee with a progress bar and a summary.
 */
import type { Command } from 'commander';
import type { IsoDate } from '../../charter/dates';
import { apiTarget } from '../api-client';
import { say } from '../lang';
import { withApiOptions, type ApiOptions } from '../program';
import { parseDate, UsageError } from '../usage';

/**
 * Loaded when the command runs, not when the CLI starts: its modules take seconds to load, which every other command
 * would pay. Required (tsx's CommonJS hook compiles it), since a dynamic import() would bypass that hook.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadAuditRun = () => require('./audit-run') as typeof import('./audit-run');

export interface AuditOptions extends ApiOptions {
  asOf?: IsoDate;
  out?: string;
  html?: string;
  compare?: string;
  committee?: string;
  outDir?: string;
}

export function addAuditCommand(program: Command) {
  withApiOptions(
    program
      .command('audit')
      .summary(
        say({ vi: 'kiểm tra một hồ sơ, hoặc mọi hồ sơ của một cấp ủy', en: "audit a case, or a committee's cases" }),
      )
      .description(
        say({
          vi:
            'Phát lại lịch sử của hồ sơ trên mã hiện tại, dựng lại diễn biến, kiểm tra lại từng bước theo quy định ' +
            'của ngày đó; --as-of cho giai đoạn, thời hạn và cảnh báo vào một ngày. Mã thoát 3 khi không phát lại ' +
            'được hoặc khác bản xuất trước.',
          en:
            "Replay the case's history on the current code, rebuild its timeline and re-check every step by the " +
            'rules of its date; --as-of gives the stage, deadlines and alerts on a date. Exit code 3 when it does ' +
            'not replay or differs from the earlier export.',
        }),
      )
      .argument('[caseId]', say({ vi: 'mã hồ sơ', en: 'the case' }))
      .option(
        '--as-of <date>',
        say({
          vi: 'giai đoạn, thời hạn và cảnh báo vào ngày này (dd/MM/yyyy hoặc yyyy-MM-dd)',
          en: 'the stage, deadlines and alerts on this day (dd/MM/yyyy or yyyy-MM-dd)',
        }),
        parseDate,
      )
      .option('--out <file>', say({ vi: 'lưu báo cáo JSON', en: 'save the JSON report' }))
      .option('--html <file>', say({ vi: 'lưu báo cáo để in (HTML)', en: 'save the printable report (HTML)' }))
      .option(
        '--compare <file>',
        say({ vi: 'so với một báo cáo JSON trước', en: 'compare with an earlier JSON report' }),
      )
      .option(
        '--committee <id>',
        say({ vi: 'mọi hồ sơ dưới cấp ủy này, kèm tổng kết', en: 'every case under this committee, with a summary' }),
      )
      .option(
        '--out-dir <dir>',
        say({ vi: 'lưu báo cáo từng hồ sơ (với --committee)', en: 'save each report (with --committee)' }),
      ),
  ).action(async (caseId: string | undefined, opts: AuditOptions) => {
    const target = apiTarget(opts);
    const { auditOne, bulkAudit } = loadAuditRun();
    if (opts.committee) return bulkAudit(target, opts.committee, opts.outDir, opts.json);
    if (!caseId)
      throw new UsageError({
        vi: 'audit: thiếu <caseId>, hoặc --committee <id> để kiểm tra mọi hồ sơ của cấp ủy',
        en: 'audit: expected <caseId>, or --committee <id> for every case under it',
      });
    await auditOne(target, caseId, opts);
  });
}
