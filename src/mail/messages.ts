/**
 * The words of the engine's mail, in Vietnamese or English as the organisation prefers: one escalation, and a
 * committee's daily digest. Each as a subject, an HTML body and the same in plain text; dates as dd/MM/yyyy.
 */
import { formatVi, type IsoDate } from '../charter/dates';
import type { Alert } from '../schemas/alert';
import type { Stage } from '../schemas/case';
import { STAGE_NAMES } from '../schemas/stage-names';

type Language = 'vi' | 'en';
export interface Body {
  subject: string;
  text: string;
  html: string;
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A name for an organisation id, as the registry calls it. */
export type NameOf = (orgId: string) => string;

export function escalationBody(alert: Alert, committeeName: string, lang: Language, nameOf: NameOf): Body {
  const due = formatVi(alert.dueDate);
  const what = alert.summary[lang];
  const rows: Array<[string, string]> =
    lang === 'vi'
      ? [
          ['Hồ sơ', alert.caseId],
          ['Thời hạn', what],
          ['Hạn', due],
          ['Mức cảnh báo', String(alert.level)],
          ['Đơn vị phải trả lời', nameOf(alert.answerBy)],
          ['Ngày cảnh báo', formatVi(alert.raisedOn)],
        ]
      : [
          ['Case', alert.caseId],
          ['Deadline', what],
          ['Due', due],
          ['Alert level', String(alert.level)],
          ['Must answer', nameOf(alert.answerBy)],
          ['Raised on', formatVi(alert.raisedOn)],
        ];
  const subject =
    lang === 'vi'
      ? `[Cảnh báo mức ${alert.level}] Hồ sơ ${alert.caseId} quá hạn: ${what}`
      : `[Alert level ${alert.level}] Case ${alert.caseId} overdue: ${what}`;
  const intro =
    lang === 'vi'
      ? `Kính gửi ${committeeName}: hồ sơ dưới đây đã quá hạn.`
      : `To ${committeeName}: the case below is overdue.`;
  return {
    subject,
    text: [intro, '', ...rows.map(([k, v]) => `${k}: ${v}`)].join('\n') + '\n',
    html:
      `<p>${escape(intro)}</p><table>` +
      rows.map(([k, v]) => `<tr><th align="left">${escape(k)}</th><td>${escape(v)}</td></tr>`).join('') +
      '</table>',
  };
}

/** One overdue deadline in a digest: the highest level its alerts reached this committee at. */
export interface DigestOverdue {
  caseId: string;
  summary: { vi: string; en: string };
  dueDate: IsoDate;
  level: number;
  answerBy: string;
}
/** A case whose next deadline falls due this week. */
export interface DigestDue {
  caseId: string;
  dueDate: IsoDate;
  stage: string;
}
export interface Digest {
  committeeId: string;
  day: IsoDate;
  /** Oldest first. */
  overdue: DigestOverdue[];
  /** Soonest first. */
  dueThisWeek: DigestDue[];
}

export function digestBody(d: Digest, committeeName: string, lang: Language, nameOf: NameOf): Body {
  const vi = lang === 'vi';
  const day = formatVi(d.day);
  const subject = vi
    ? `Tổng hợp ngày ${day}: ${d.overdue.length} hồ sơ quá hạn, ${d.dueThisWeek.length} đến hạn trong tuần`
    : `Digest of ${day}: ${d.overdue.length} overdue, ${d.dueThisWeek.length} due this week`;
  const overdueHead = vi
    ? ['Hồ sơ', 'Thời hạn', 'Hạn', 'Mức', 'Đơn vị phải trả lời']
    : ['Case', 'Deadline', 'Due', 'Level', 'Must answer'];
  const overdueRows = d.overdue.map((o) => [
    o.caseId,
    o.summary[lang],
    formatVi(o.dueDate),
    String(o.level),
    nameOf(o.answerBy),
  ]);
  const dueHead = vi ? ['Hồ sơ', 'Đến hạn', 'Giai đoạn'] : ['Case', 'Due', 'Stage'];
  // The stage by its name in the reader's language, as the dashboard shows it, not the machine's code.
  const stageName = (stage: string) => STAGE_NAMES[stage as Stage]?.[lang] ?? stage;
  const dueRows = d.dueThisWeek.map((x) => [x.caseId, formatVi(x.dueDate), stageName(x.stage)]);
  const sections: Array<[string, string[], string[][], string]> = [
    [vi ? 'Quá hạn (cũ nhất trước)' : 'Overdue (oldest first)', overdueHead, overdueRows, vi ? 'Không có.' : 'None.'],
    [vi ? 'Đến hạn trong tuần' : 'Due this week', dueHead, dueRows, vi ? 'Không có.' : 'None.'],
  ];
  const intro = vi
    ? `Kính gửi ${committeeName}: tình hình hồ sơ phát triển đảng viên ngày ${day}.`
    : `To ${committeeName}: the admission cases as of ${day}.`;
  const text =
    [
      intro,
      ...sections.flatMap(([title, head, rows, none]) => [
        '',
        title,
        ...(rows.length ? rows.map((r) => r.map((v, i) => `${head[i]}: ${v}`).join(' | ')) : [none]),
      ]),
    ].join('\n') + '\n';
  const html =
    `<p>${escape(intro)}</p>` +
    sections
      .map(
        ([title, head, rows, none]) =>
          `<h2>${escape(title)}</h2>` +
          (rows.length
            ? `<table border="1" cellpadding="4"><tr>${head.map((h) => `<th>${escape(h)}</th>`).join('')}</tr>` +
              rows.map((r) => `<tr>${r.map((v) => `<td>${escape(v)}</td>`).join('')}</tr>`).join('') +
              '</table>'
            : `<p>${escape(none)}</p>`),
      )
      .join('');
  return { subject, text, html };
}
