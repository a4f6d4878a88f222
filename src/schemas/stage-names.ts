/** What each stage is called, in the product's two languages: one list for the machine's messages, reports and dashboard. */
import type { Bilingual } from '../charter/rule';
import type { Stage } from './case';

export const STAGE_NAMES: Record<Stage, Bilingual> = {
  source: { vi: 'quần chúng ưu tú', en: 'outstanding masses' },
  training: { vi: 'học lớp bồi dưỡng nhận thức về Đảng', en: 'awareness course' },
  dossier: { vi: 'hoàn thiện hồ sơ', en: 'dossier' },
  verification: { vi: 'thẩm tra lý lịch', en: 'personal-history verification' },
  cell_vote: { vi: 'chi bộ xét kết nạp', en: "cell's vote" },
  committee_review: { vi: 'cấp ủy xem xét quyết định kết nạp', en: "committee's decision" },
  ceremony: { vi: 'chờ lễ kết nạp', en: 'awaiting the ceremony' },
  probation: { vi: 'đảng viên dự bị', en: 'probation' },
  recognition_vote: { vi: 'chi bộ xét công nhận chính thức', en: "cell's recognition vote" },
  recognition_review: { vi: 'cấp ủy xem xét công nhận chính thức', en: "committee's recognition decision" },
  official: { vi: 'đảng viên chính thức', en: 'official member' },
  rejected: { vi: 'không được kết nạp', en: 'not admitted' },
  withdrawn: { vi: 'đã rút hồ sơ', en: 'withdrawn' },
  removed: { vi: 'đã xóa tên', en: 'name removed' },
};
