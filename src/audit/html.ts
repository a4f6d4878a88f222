/** The audit report as a printable page (Vietnamese first, English beside), dates as dd/MM/yyyy. */
import { formatVi, formatViDateTime, type IsoDate } from '../charter/dates';
import type { AuditReport } from './report';
import type { StepReview } from './compliance';
import type { Stage } from '../schemas/case';
import { STAGE_NAMES } from '../schemas/stage-names';

const esc = (v: unknown) =>
  String(v ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
const dmy = (d: string | undefined | null) =>
  d && /^\d{4}-\d{2}-\d{2}/.test(d) ? formatVi(d.slice(0, 10) as IsoDate) : '';

/** The candidate's name as registered: the first run's start holds it. */
function candidateName(r: AuditReport): string {
  const registered = r.timeline.find((e) => e.kind === 'registered') as
    { registration?: { profile?: { fullName?: string } } } | undefined;
  return registered?.registration?.profile?.fullName ?? '';
}

const stageName = (s: string | null | undefined) => (s && s in STAGE_NAMES ? STAGE_NAMES[s as Stage].vi : (s ?? ''));

const rows = (cells: unknown[][]) =>
  cells.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n');

/** A field's value as the report prints it: dates dd/MM/yyyy, a nested group (a tally) field by field. */
const shown = (v: unknown): string =>
  v === undefined || v === null
    ? '—'
    : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
      ? dmy(v)
      : Array.isArray(v)
        ? v.map(shown).join(', ')
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v);

/** Each changed field as "field: before → after", a nested group split into the fields that differ. */
function changeText(changed: NonNullable<StepReview['correction']>['changed']): string[] {
  const out: string[] = [];
  const walk = (field: string, before: unknown, after: unknown) => {
    const isGroup = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
    if (isGroup(before) || isGroup(after)) {
      const b = (isGroup(before) ? before : {}) as Record<string, unknown>;
      const a = (isGroup(after) ? after : {}) as Record<string, unknown>;
      for (const k of new Set([...Object.keys(b), ...Object.keys(a)]))
        if (JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null)) walk(`${field}.${k}`, b[k], a[k]);
    } else out.push(`${field}: ${shown(before)} → ${shown(after)}`);
  };
  for (const c of changed) walk(c.field, c.before, c.after);
  return out;
}

/** The steps table's cell for a corrected step: when, by whom, why, and what changed (empty when never corrected). */
const correctionCell = (c: StepReview['correction']) =>
  c
    ? `đã sửa / corrected ${dmy(c.on)} — ${c.recordedBy}: ${c.reason}${changeText(c.changed)
        .map((l) => `; ${l}`)
        .join('')}`
    : '';

const KIND_VI: Record<string, string> = {
  should_have_been_refused: 'Bước lẽ ra phải bị từ chối',
  paper_expired: 'Giấy tờ hết hạn',
  vote_below_two_thirds: 'Biểu quyết dưới hai phần ba',
  deadline_met_late: 'Thực hiện trễ hạn',
  deadline_overdue: 'Quá hạn chưa thực hiện',
};

export function auditHtml(r: AuditReport): string {
  const verdict = !r.replayed
    ? 'KHÔNG PHÁT LẠI ĐƯỢC / DOES NOT REPLAY'
    : r.clean
      ? 'ĐẠT / CLEAN'
      : `${r.findings.length} PHÁT HIỆN / FINDINGS`;
  const name = candidateName(r);
  const who = name ? `${name} (${r.caseId})` : r.caseId;
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Kiểm tra hồ sơ ${esc(who)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#111}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.85rem}td,th{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#eee}.verdict{font-weight:bold;font-size:1.1rem}.mono{font-family:monospace;word-break:break-all}
@media print{body{margin:1cm}}
</style></head><body>
<h1>Báo cáo kiểm tra hồ sơ kết nạp Đảng / Audit report — ${esc(who)}</h1>
<p>Họ và tên / name: <strong>${esc(name || '—')}</strong> · mã hồ sơ / case ${esc(r.caseId)}</p>
<p>Lập lúc / generated ${esc(formatViDateTime(r.generatedAt))} (giờ Việt Nam / Vietnam time) · <span class="verdict">${verdict}</span></p>
<h2>Phát lại lịch sử / Replay</h2>
<table><tr><th>run</th><th>số sự kiện / events</th><th>kết quả / result</th></tr>
${rows(r.runs.map((x) => [x.runId, x.events, x.replay]))}</table>
<h2>Các bước / Steps</h2>
<table><tr><th>ngày / date</th><th>bước / step</th><th>mẫu / form</th><th>người ký / signed by</th><th>người ghi / recorded by</th><th>quy định / policy</th><th>giai đoạn / stage</th><th>hồ sơ giấy / paper</th><th>quy tắc đã kiểm tra / rules checked</th><th>sửa / correction</th></tr>
${rows(r.steps.map((s) => [dmy(s.date), s.type, s.form, s.signedBy, s.recordedBy, s.policyId, stageName(s.stageAfter), s.paperRecord ? '✓' : '', (s.rules ?? []).map((x) => `${x.ok ? '✓' : '✗'} ${x.ruleId}`).join(', '), correctionCell(s.correction)]))}</table>
<h2>Thời hạn / Deadlines</h2>
<table><tr><th>việc / what</th><th>hạn / due</th><th>trách nhiệm / answers</th><th>hoàn thành / met on</th><th>trễ (ngày làm việc) / working days late</th><th>quy định / policy</th></tr>
${rows((r.deadlines ?? []).map((d) => [d.label.vi, dmy(d.dueDate), d.answerBy, d.metOn ? dmy(d.metOn) : '', d.workingDaysLate ?? '', d.policyId]))}</table>
<h2>Phát hiện / Findings</h2>
${
  r.findings.length
    ? `<table><tr><th>loại / kind</th><th>ngày / date</th><th>bước / step</th><th>quy tắc / rule</th><th>lý do / reason</th></tr>
${rows(r.findings.map((f) => [`${KIND_VI[f.kind]} / ${f.kind}`, dmy(f.date), f.step ?? f.deadlineId, f.ruleId, `${f.reason.vi} — ${f.reason.en}`]))}</table>`
    : '<p>Không có / none.</p>'
}
<h2>Chuỗi băm / Hash chain</h2>
<p>${r.chain.links.length} sự kiện / events · đầu chuỗi / head <span class="mono">${esc(r.chain.head)}</span></p>
<p>So sánh với bản xuất sau / compare with a later export: <code>pipeline audit ${esc(r.caseId)} --compare &lt;this report.json&gt;</code></p>
</body></html>
`;
}
