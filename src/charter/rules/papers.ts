/**
 * Charter rules 3 and 6: the course certificate and the dossier's papers must
 * still be valid on the date of the cell's vote: valid for N months means
 * expired from the day N months after issue (issued 01/01/2021, 60 months:
 * valid through 31/12/2025).
 */
import { addMonths, formatVi, type IsoDate } from '../dates';
import type { PolicySet } from '../policy';
import { pass, refuse, type RuleResult, declareRule, type RuleDeclaration } from '../rule';

export const CERTIFICATE_VALID = declareRule({
  id: 'certificate.valid',
  source: 'Hướng dẫn thi hành Điều lệ, 5.4',
  title: { vi: 'Giấy chứng nhận bồi dưỡng còn hạn', en: 'Course certificate valid' },
  summary:
    'The awareness-course certificate is valid for {certificateValidityMonths} months from issue and must be valid on the vote date.',
  guards: ['RECORD_CELL_VOTE'],
  reads: ['certificateValidityMonths'],
});
const PAPERS_INTRODUCTION_VALID = declareRule({
  id: 'papers.introduction_valid',
  source: 'Hướng dẫn thi hành Điều lệ ("quá 12 tháng, kể từ khi lập hồ sơ … phải làm lại")',
  title: { vi: 'Giấy giới thiệu còn hạn', en: 'Introduction still valid' },
  summary:
    "Each introduction (and the Youth Union's introduction resolution) is valid for {papersValidity.introductionMonths} months, counted to the vote date: signed 15/06/2025, it counts for a vote on 14/06/2026, not on 15/06/2026.",
  guards: ['RECORD_CELL_VOTE'],
  reads: ['papersValidity.introductionMonths'],
});
const PAPERS_COMMENTS_VALID = declareRule({
  id: 'papers.comments_valid',
  source: 'Hướng dẫn thi hành Điều lệ ("quá 12 tháng, kể từ khi lập hồ sơ … phải làm lại")',
  title: { vi: 'Nhận xét còn hạn', en: 'Comments still valid' },
  summary:
    "The mass organisations' comments (5-KNĐ) are valid for {papersValidity.commentsMonths} months, counted to the vote date.",
  guards: ['RECORD_CELL_VOTE'],
  reads: ['papersValidity.commentsMonths'],
});
const PAPERS_VERIFICATION_VALID = declareRule({
  id: 'papers.verification_valid',
  source: 'Hướng dẫn thi hành Điều lệ (unconfirmed)',
  title: { vi: 'Kết quả thẩm tra còn hạn', en: 'Verification still valid' },
  summary:
    'The personal-history verification is valid for {papersValidity.verificationMonths} months, counted to the vote date.',
  guards: ['RECORD_CELL_VOTE'],
  reads: ['papersValidity.verificationMonths'],
});

/** The rules declared here, in the order docs/rules.md lists them. */
export const DECLARED = [
  CERTIFICATE_VALID,
  PAPERS_INTRODUCTION_VALID,
  PAPERS_COMMENTS_VALID,
  PAPERS_VERIFICATION_VALID,
];

/** The first day a certificate issued on `issuedOn` no longer counts for a vote. */
export const certificateExpiresOn = (p: PolicySet, issuedOn: IsoDate): IsoDate =>
  addMonths(issuedOn, p.certificateValidityMonths);

export function certificateValid(p: PolicySet, issuedOn: IsoDate | undefined, voteDate: IsoDate): RuleResult {
  const expiresOn = issuedOn ? certificateExpiresOn(p, issuedOn) : undefined;
  if (expiresOn && voteDate < expiresOn) return pass(CERTIFICATE_VALID.id);
  return refuse(
    CERTIFICATE_VALID.id,
    { issuedOn: issuedOn ?? null, voteDate, validityMonths: p.certificateValidityMonths, expiresOn: expiresOn ?? null },
    issuedOn
      ? {
          vi: `Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng cấp ngày ${formatVi(issuedOn)} đã hết hạn ${p.certificateValidityMonths} tháng vào ngày chi bộ xét: phải học lại.`,
          en: `The Party-awareness course certificate issued ${formatVi(issuedOn)} is past its ${p.certificateValidityMonths} months on the vote date: the course must be retaken.`,
        }
      : {
          vi: 'Chưa có giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng.',
          en: 'No Party-awareness course certificate recorded.',
        },
  );
}

export type PaperKind = 'introduction' | 'comments' | 'verification';
const PAPER_RULES: Record<PaperKind, RuleDeclaration> = {
  introduction: PAPERS_INTRODUCTION_VALID,
  comments: PAPERS_COMMENTS_VALID,
  verification: PAPERS_VERIFICATION_VALID,
};

const PAPER_NAMES: Record<PaperKind, { vi: string; en: string }> = {
  introduction: { vi: 'Giấy giới thiệu', en: 'The introduction' },
  comments: { vi: 'Nhận xét của đoàn thể và chi ủy nơi cư trú', en: "The mass organisations' comments" },
  verification: { vi: 'Kết quả thẩm tra lý lịch', en: 'The personal-history verification' },
};
const MONTHS_KEY = {
  introduction: 'introductionMonths',
  comments: 'commentsMonths',
  verification: 'verificationMonths',
} as const;

/** The first day a paper signed on `signedOn` no longer counts for a vote. */
export const paperExpiresOn = (p: PolicySet, kind: PaperKind, signedOn: IsoDate): IsoDate =>
  addMonths(signedOn, p.papersValidity[MONTHS_KEY[kind]]);

export function paperValid(
  p: PolicySet,
  kind: PaperKind,
  signedOn: IsoDate | undefined,
  voteDate: IsoDate,
): RuleResult {
  const months = p.papersValidity[MONTHS_KEY[kind]];
  const expiresOn = signedOn ? paperExpiresOn(p, kind, signedOn) : undefined;
  const { id } = PAPER_RULES[kind];
  if (expiresOn && voteDate < expiresOn) return pass(id);
  const name = PAPER_NAMES[kind];
  return refuse(
    id,
    { kind, signedOn: signedOn ?? null, voteDate, validityMonths: months, expiresOn: expiresOn ?? null },
    signedOn
      ? {
          vi: `${name.vi} ký ngày ${formatVi(signedOn)} đã quá ${months} tháng vào ngày chi bộ xét ${formatVi(voteDate)}: cần làm lại.`,
          en: `${name.en} signed ${formatVi(signedOn)} is older than ${months} months on the vote date ${formatVi(voteDate)}: it must be renewed.`,
        }
      : { vi: `Chưa có: ${name.vi.toLowerCase()}.`, en: `Missing: ${name.en.toLowerCase()}.` },
  );
}
