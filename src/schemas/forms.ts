/**
 * The Party's forms a dossier holds (Guidance 12-HD/BTCTW), each named once:
 * the dossier checklist and the rules' reasons read these.
 */
import type { FormCode } from './common';

export const FORM_NAMES: Record<FormCode, { vi: string; en: string }> = {
  'CN-NTVĐ': { vi: 'Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng', en: 'Party-awareness course certificate' },
  '1-KNĐ': { vi: 'Đơn xin vào Đảng', en: 'Application' },
  '2-KNĐ': { vi: 'Lý lịch của người xin vào Đảng', en: 'Personal history' },
  '3-KNĐ': { vi: 'Giấy giới thiệu người vào Đảng', en: "A member's introduction" },
  '4-KNĐ': { vi: 'Nghị quyết giới thiệu đoàn viên vào Đảng', en: "The Youth Union's or trade union's introduction" },
  '5-KNĐ': {
    vi: 'Nhận xét của đoàn thể và chi ủy nơi cư trú',
    en: "Mass organisations' and residence cell's comments",
  },
  '6-KNĐ': { vi: 'Nghị quyết chi bộ đề nghị kết nạp', en: "Cell's resolution proposing admission" },
  '7-KNĐ': { vi: 'Báo cáo thẩm định của đảng ủy bộ phận', en: 'Sub-grassroots appraisal' },
  '8-KNĐ': { vi: 'Nghị quyết của đảng ủy cơ sở về việc kết nạp', en: "Grassroots committee's resolution on admission" },
  '9-KNĐ': { vi: 'Quyết định kết nạp đảng viên', en: 'Admission decision' },
  'CN-ĐVM': { vi: 'Giấy chứng nhận lớp bồi dưỡng đảng viên mới', en: 'New-member course certificate' },
  '10-KNĐ': { vi: 'Bản tự kiểm điểm của đảng viên dự bị', en: "Probationer's self-review" },
  '11-KNĐ': { vi: 'Nhận xét của đảng viên giúp đỡ', en: "Helper's assessment" },
  '12-KNĐ': {
    vi: 'Nhận xét của đoàn thể và chi ủy nơi cư trú đối với đảng viên dự bị',
    en: "Mass organisations' and residence cell's comments on the probationer",
  },
  '13-KNĐ': { vi: 'Nghị quyết chi bộ đề nghị công nhận đảng viên chính thức', en: "Cell's recognition resolution" },
  '14-KNĐ': { vi: 'Báo cáo thẩm định việc công nhận đảng viên chính thức', en: 'Appraisal for recognition' },
  '15-KNĐ': {
    vi: 'Nghị quyết của đảng ủy cơ sở về việc công nhận đảng viên chính thức',
    en: "Grassroots committee's resolution on recognition",
  },
  '16-KNĐ': { vi: 'Quyết định công nhận đảng viên chính thức', en: 'Recognition decision' },
  VB: { vi: 'Văn bản', en: 'Document' },
};

/** A form as a sentence names it: "bản tự kiểm điểm của đảng viên dự bị (10-KNĐ)", "the helper's assessment (11-KNĐ)". */
export function formInProse(code: FormCode): { vi: string; en: string } {
  const { vi, en } = FORM_NAMES[code];
  return {
    vi: `${vi.charAt(0).toLowerCase()}${vi.slice(1)} (${code})`,
    en: `the ${en.charAt(0).toLowerCase()}${en.slice(1)} (${code})`,
  };
}
