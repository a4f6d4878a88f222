/**
 * The committee's annual admission report as an official document: the targets page's table (src/reports/targets.ts)
 * under the committee's header, numbered in its BC series. Pure.
 */
import type { IsoDate } from '../charter/dates';
import type { Registry } from '../org/registry';
import type { TargetsReport } from '../reports/targets';
import { heading, paragraph, REPORT_FORM, type DocumentNumber, type OfficialDocument } from './model';
import { asciiName, issuerOf, percent, placeOf, writtenDate } from './wording';

export interface ReportInput {
  report: TargetsReport;
  registry: Registry;
  /** The report's date: today, in Asia/Ho_Chi_Minh. */
  date: IsoDate;
  number: DocumentNumber;
  /** Who signs, where known (the signed-in user's name); else a blank for the office to fill. */
  signer?: string;
}

const share = (x: number) => `${(Math.round(x * 10_000) / 100).toLocaleString('vi-VN', { maximumFractionDigits: 2 })}%`;
const count = (n: number) => n.toLocaleString('vi-VN');

export function reportDocument(input: ReportInput): OfficialDocument {
  const { report, registry, date } = input;
  const tree = registry.on(date);
  const unit = tree.unit(report.committeeId);
  const issuer = issuerOf(unit, unit.parentId ? tree.unit(unit.parentId) : null);
  const t = report.totals;
  const rows = report.rows
    .filter((r) => r.depth > 0)
    .map((r, i) => ({
      cells: [
        String(i + 1),
        `${'  '.repeat(r.depth - 1)}${r.name}`,
        count(r.officialMembers),
        count(r.target),
        count(r.admitted),
        r.percentOfPlan === null ? '—' : `${r.percentOfPlan.toLocaleString('vi-VN')}%`,
      ],
    }));
  const body = [
    paragraph(
      `${report.committeeName} báo cáo kết quả kết nạp đảng viên năm ${report.year} so với chỉ tiêu hằng năm ` +
        `(${share(t.targetShare)} số đảng viên chính thức), số liệu tính đến ${writtenDate(report.asOf as IsoDate)}.`,
    ),
    paragraph(
      `Toàn đảng bộ có ${count(t.officialMembers)} đảng viên chính thức, ${count(t.probationaryMembers)} đảng viên dự bị; ` +
        `chỉ tiêu kết nạp ${count(t.target)} đảng viên, đã kết nạp ${count(t.admitted)} đảng viên` +
        (t.percentOfPlan === null ? '.' : `, đạt ${t.percentOfPlan.toLocaleString('vi-VN')}% kế hoạch.`),
    ),
    {
      kind: 'table' as const,
      columns: ['STT', 'Tổ chức đảng', 'Đảng viên chính thức', 'Chỉ tiêu', 'Đã kết nạp', 'Đạt (%)'],
      widths: [7, 41, 15, 11, 13, 13],
      rows: [
        ...rows,
        {
          cells: [
            '',
            'Tổng cộng',
            count(t.officialMembers),
            count(t.target),
            count(t.admitted),
            t.percentOfPlan === null ? '—' : `${t.percentOfPlan.toLocaleString('vi-VN')}%`,
          ],
          bold: true,
        },
      ],
    },
    ...(report.workforce
      ? [
          paragraph(
            `Tỷ lệ đảng viên trong tổng số ${count(report.workforce.total)} cán bộ, người lao động nơi có số liệu: ` +
              `${count(report.workforce.members)} đảng viên (${percent(report.workforce.members, report.workforce.total)}); ` +
              `còn ${count(report.workforce.potential)} người chưa là đảng viên.`,
          ),
        ]
      : []),
    ...(report.cellsWithoutAdmission.length
      ? [
          heading('Chi bộ chưa kết nạp được đảng viên trong năm'),
          paragraph(report.cellsWithoutAdmission.map((c) => c.name).join('; ') + '.'),
        ]
      : []),
  ];
  return {
    form: REPORT_FORM,
    trailSeq: null,
    issuer,
    number: input.number,
    place: placeOf(registry.province),
    date,
    title: 'BÁO CÁO',
    subject: `kết quả kết nạp đảng viên năm ${report.year}`,
    grounds: [],
    body,
    signature: { signsFor: issuer.signsFor, position: 'BÍ THƯ', name: input.signer ?? '' },
    recipients: [...(unit.parentId ? [`- ${tree.unit(unit.parentId).name},`] : []), '- Lưu Văn phòng cấp ủy.'],
    fileBase: asciiName(`bao-cao-ket-nap-${report.committeeId}-${report.year}`),
  };
}
