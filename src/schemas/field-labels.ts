/**
 * What each field is called where a person reads it: the label the
 * dashboard's forms show beside it (src/web/public/form-labels.js holds the
 * same words for the browser; a unit test keeps the two equal). An error
 * names the field by this label, never by its path.
 */
import type { FieldName } from './text';

export const FIELD_LABELS: Record<string, FieldName> = {
  date: { vi: 'Ngày', en: 'Date' },
  signedBy: { vi: 'Người ký', en: 'Signed by' },
  form: { vi: 'Mẫu', en: 'Form' },
  note: { vi: 'Ghi chú', en: 'Note' },
  paperRecord: { vi: 'Nhập từ hồ sơ giấy', en: 'Copied from paper records' },
  mentor: { vi: 'Người hướng dẫn', en: 'Mentor' },
  certificateNo: { vi: 'Số giấy chứng nhận', en: 'Certificate no.' },
  slot: { vi: 'Người giới thiệu thứ', en: 'Introducer no.' },
  introducer: { vi: 'Người giới thiệu', en: 'Introducer' },
  kind: { vi: 'Loại', en: 'Kind' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  memberStatus: { vi: 'Tư cách đảng viên', en: 'Member status' },
  together_since: { vi: 'Cùng công tác từ', en: 'Together since' },
  reason: { vi: 'Lý do', en: 'Reason' },
  outcome: { vi: 'Kết quả', en: 'Outcome' },
  findings: { vi: 'Kết luận', en: 'Findings' },
  resolution: { vi: 'Nghị quyết', en: 'Resolution' },
  tally: { vi: 'Biểu quyết', en: 'Vote' },
  officialMembers: { vi: 'Số đảng viên chính thức', en: 'Official members' },
  attachedElsewhere: { vi: 'Sinh hoạt tạm thời nơi khác', en: 'Attached elsewhere' },
  present: { vi: 'Có mặt', en: 'Present' },
  excusedAbsent: { vi: 'Vắng được miễn sinh hoạt', en: 'Excused absent' },
  yes: { vi: 'Tán thành', en: 'Yes' },
  no: { vi: 'Không tán thành', en: 'No' },
  members: { vi: 'Số cấp ủy viên', en: 'Committee members' },
  agree: { vi: 'Số đồng ý', en: 'Agree' },
  against: { vi: 'Số không đồng ý', en: 'Against' },
  attachedElsewhereNames: { vi: 'Tên người sinh hoạt tạm thời nơi khác', en: 'Names of those attached elsewhere' },
  excusedAbsentNames: { vi: 'Tên người vắng được miễn sinh hoạt', en: 'Names of the excused absent' },
  minutesHash: { vi: 'Mã SHA-256 của biên bản', en: 'SHA-256 of the minutes' },
  decision: { vi: 'Quyết định', en: 'Decision' },
  committeeId: { vi: 'Cấp ủy', en: 'Committee' },
  receivedOn: { vi: 'Ngày chi bộ nhận quyết định', en: 'Received by the cell on' },
  deadline: { vi: 'Thời hạn', en: 'Deadline' },
  workingDays: { vi: 'Số ngày làm việc', en: 'Working days' },
  documentNo: { vi: 'Số văn bản', en: 'Document no.' },
  helper: { vi: 'Đảng viên giúp đỡ', en: 'Helper' },
  discipline: { vi: 'Hình thức kỷ luật', en: 'Discipline' },
  toCellId: { vi: 'Chi bộ mới', en: 'New cell' },
  caseId: { vi: 'Mã hồ sơ', en: 'Case id' },
  profile: { vi: 'Lý lịch', en: 'Profile' },
  birthDate: { vi: 'Ngày sinh', en: 'Birth date' },
  education: { vi: 'Trình độ học vấn', en: 'Education' },
  educationException: { vi: 'Trường hợp ngoại lệ học vấn', en: 'Education exception' },
  youthUnionMember: { vi: 'Là đoàn viên', en: 'Youth Union member' },
  tradeUnionMember: { vi: 'Là công đoàn viên', en: 'Trade union member' },
  cellId: { vi: 'Chi bộ', en: 'Cell' },
  youthUnionExists: { vi: 'Đơn vị có tổ chức Đoàn', en: 'The unit has a Youth Union' },
  registeredOn: { vi: 'Ngày đưa vào diện quần chúng ưu tú', en: 'Registered on' },
  correctionReason: { vi: 'Lý do sửa', en: 'Reason for the correction' },
  family: { vi: 'Người thân cần thẩm tra lý lịch', en: 'Relatives to verify' },
  relation: { vi: 'Quan hệ', en: 'Relation' },
  isPartyMember: { vi: 'Là đảng viên', en: 'Party member' },
  readmission: { vi: 'Kết nạp lại', en: 'Readmission' },
  type: { vi: 'Loại bước', en: 'Step' },
  seq: { vi: 'Bước được sửa', en: 'Step corrected' },
  step: { vi: 'Bước', en: 'Step' },
  'idempotency-key': { vi: 'Khóa chống ghi trùng (Idempotency-Key)', en: 'Idempotency-Key' },
  pageToken: { vi: 'Trang tiếp theo', en: 'Next page token' },
};

/** Keys that only group fields: the group is not named before its field ("Họ và tên", not "Lý lịch – Họ và tên"). */
const GROUPS_UNNAMED = new Set(['profile', 'step']);

/**
 * A field's label from its path: its own key's label, after its group's where the group says something
 * ("Người giới thiệu – Họ và tên", "Biểu quyết – Mã SHA-256 của biên bản"); a list's item by its number.
 */
export function fieldLabel(path: readonly PropertyKey[]): FieldName {
  const parts: FieldName[] = [];
  for (const [i, key] of path.entries()) {
    if (typeof key === 'number') {
      const last = parts.pop();
      if (last) parts.push({ vi: `${last.vi} ${key + 1}`, en: `${last.en} ${key + 1}` });
      continue;
    }
    const k = String(key);
    if (GROUPS_UNNAMED.has(k) && i < path.length - 1) continue;
    parts.push(FIELD_LABELS[k] ?? { vi: k, en: k });
  }
  if (!parts.length) return { vi: 'Nội dung gửi lên', en: 'Request' };
  return { vi: parts.map((p) => p.vi).join(' – '), en: parts.map((p) => p.en).join(' – ') };
}
