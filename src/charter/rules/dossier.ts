/**
 * The papers a dossier must hold: the application and the personal history
 * before the cell votes on admission (the introductions, comments and
 * verification have validity rules of their own, in papers.ts), and the four
 * papers of a recognition vote. Each paper is named here once.
 */
import { declareRule, type RuleResult } from '../rule';
import { required } from './steps';

export const DOSSIER_APPLICATION = declareRule({
  id: 'dossier.application',
  source: 'Điều lệ Đảng, Điều 4.1; mẫu 1-KNĐ (Hướng dẫn 12-HD/BTCTW)',
  title: { vi: 'Có đơn xin vào Đảng', en: 'Application on the dossier' },
  summary: "The applicant's own application (1-KNĐ) is on the dossier before the cell votes.",
  guards: ['RECORD_CELL_VOTE'],
  reads: [],
});
export const DOSSIER_PERSONAL_HISTORY = declareRule({
  id: 'dossier.personal_history',
  source: 'Điều lệ Đảng, Điều 4.1; mẫu 2-KNĐ (Hướng dẫn 12-HD/BTCTW)',
  title: { vi: 'Có lý lịch của người xin vào Đảng', en: 'Personal history on the dossier' },
  summary: "The applicant's personal history (2-KNĐ) is on the dossier before the cell votes.",
  guards: ['RECORD_CELL_VOTE'],
  reads: [],
});
export const RECOGNITION_PAPERS = declareRule({
  id: 'recognition.papers',
  source: 'Hướng dẫn 12-HD/BTCTW',
  title: { vi: 'Hồ sơ công nhận chính thức', en: 'Recognition papers' },
  summary:
    'The new-member course certificate, 10-KNĐ, 11-KNĐ and 12-KNĐ are on the dossier before the cell recognises.',
  guards: ['RECORD_RECOGNITION_VOTE'],
  reads: [],
});

/** The rules declared here, in the order docs/rules.md lists them. */
export const DECLARED = [DOSSIER_APPLICATION, DOSSIER_PERSONAL_HISTORY, RECOGNITION_PAPERS];

export const dossierApplication = (present: boolean): RuleResult =>
  required(DOSSIER_APPLICATION.id, present, { vi: 'đơn xin vào Đảng (1-KNĐ)', en: 'the application (1-KNĐ)' });

export const dossierPersonalHistory = (present: boolean): RuleResult =>
  required(DOSSIER_PERSONAL_HISTORY.id, present, {
    vi: 'lý lịch của người xin vào Đảng (2-KNĐ)',
    en: 'the personal history (2-KNĐ)',
  });

/** The papers a recognition vote needs on the dossier, by form, with their names. */
export const RECOGNITION_PAPERS_NEEDED = [
  {
    form: 'CN-ĐVM',
    name: { vi: 'giấy chứng nhận lớp bồi dưỡng đảng viên mới', en: 'the new-member course certificate' },
  },
  { form: '10-KNĐ', name: { vi: 'bản tự kiểm điểm (10-KNĐ)', en: 'the self-review (10-KNĐ)' } },
  { form: '11-KNĐ', name: { vi: 'nhận xét của đảng viên giúp đỡ (11-KNĐ)', en: "the helper's assessment (11-KNĐ)" } },
  {
    form: '12-KNĐ',
    name: { vi: 'nhận xét của đoàn thể và chi ủy nơi cư trú (12-KNĐ)', en: 'the comments (12-KNĐ)' },
  },
] as const;

/** One result per paper a recognition vote needs; `has` says whether the dossier holds a form. */
export const recognitionPapers = (has: (form: string) => boolean): RuleResult[] =>
  RECOGNITION_PAPERS_NEEDED.map(({ form, name }) => required(RECOGNITION_PAPERS.id, has(form), name));
