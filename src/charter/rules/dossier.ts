/**
 * The papers a dossier must hold: the application and the personal history
 * before the cell votes on admission (the introductions, comments and
 * verification have validity rules of their own, in papers.ts), and the four
 * papers of a recognition vote. Each paper is named here once.
 */
import { declareRule, type RuleResult } from '../rule';
import type { FormCode } from '../../schemas/common';
import { formInProse } from '../../schemas/forms';
import { required } from './steps';

const DOSSIER_APPLICATION = declareRule({
  id: 'dossier.application',
  source: 'Điều lệ Đảng, Điều 4.1; mẫu 1-KNĐ (Hướng dẫn 12-HD/BTCTW)',
  title: { vi: 'Có đơn xin vào Đảng', en: 'Application on the dossier' },
  summary: "The applicant's own application (1-KNĐ) is on the dossier before the cell votes.",
  guards: ['RECORD_CELL_VOTE'],
  reads: [],
});
const DOSSIER_PERSONAL_HISTORY = declareRule({
  id: 'dossier.personal_history',
  source: 'Điều lệ Đảng, Điều 4.1; mẫu 2-KNĐ (Hướng dẫn 12-HD/BTCTW)',
  title: { vi: 'Có lý lịch của người xin vào Đảng', en: 'Personal history on the dossier' },
  summary: "The applicant's personal history (2-KNĐ) is on the dossier before the cell votes.",
  guards: ['RECORD_CELL_VOTE'],
  reads: [],
});
const RECOGNITION_PAPERS = declareRule({
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
  required(DOSSIER_APPLICATION.id, present, formInProse('1-KNĐ'));

export const dossierPersonalHistory = (present: boolean): RuleResult =>
  required(DOSSIER_PERSONAL_HISTORY.id, present, formInProse('2-KNĐ'));

/** The papers a recognition vote needs on the dossier. */
export const RECOGNITION_FORMS = ['CN-ĐVM', '10-KNĐ', '11-KNĐ', '12-KNĐ'] as const satisfies readonly FormCode[];

/** One result per paper a recognition vote needs; `has` says whether the dossier holds a form. */
export const recognitionPapers = (has: (form: FormCode) => boolean): RuleResult[] =>
  RECOGNITION_FORMS.map((form) => required(RECOGNITION_PAPERS.id, has(form), formInProse(form)));
