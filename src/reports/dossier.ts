/**
 * A case's dossier checklist for the secretary: which forms are recorded,
 * which are missing, and which papers will have expired by the next cell
 * meeting. Validity and the vote-day rules come from src/charter (the same
 * functions the cell-vote guard calls), so the checklist cannot promise a
 * vote the machine would refuse.
 */
import { addMonths, type IsoDate } from '../charter/dates';
import { policyOn } from '../charter/policy';
import { refusals, type Bilingual, type Refusal } from '../charter/rule';
import { eligibilityOnVote } from '../machine/checks';
import { STAGES, type CaseContext, type Stage } from '../schemas/case';

export type DossierStatus = 'recorded' | 'missing' | 'expired' | 'expires_before_vote' | 'optional';

export interface DossierItem {
  form: string;
  label: Bilingual;
  part: 'admission' | 'recognition';
  recordedOn: IsoDate | null;
  signedBy: string | null;
  /** The first day the paper is no longer valid for a vote. */
  expiresOn: IsoDate | null;
  status: DossierStatus;
}

export interface Dossier {
  items: DossierItem[];
  /** The vote date the papers were checked against: the next monthly meeting unless given. */
  voteOn: IsoDate | null;
  /** What the charter would refuse if the cell voted on `voteOn` with the dossier as it is. */
  voteRefusals: Refusal[];
}

const at = (stage: Stage) => STAGES.indexOf(stage);
type Signed = { on: IsoDate; signedBy: string } | undefined;

export function dossierOf(stage: Stage, ctx: CaseContext, today: IsoDate, voteOn?: IsoDate): Dossier {
  const p = policyOn(today);
  const beforeVote = at(stage) <= at('cell_vote');
  const vote = beforeVote ? (voteOn ?? addMonths(today, 1)) : null;
  const item = (
    form: string,
    part: DossierItem['part'],
    label: Bilingual,
    paper: Signed,
    validMonths?: number,
    optional = false,
  ): DossierItem => {
    const expiresOn = paper && validMonths !== undefined && beforeVote ? addMonths(paper.on, validMonths) : null;
    const status: DossierStatus = !paper
      ? optional
        ? 'optional'
        : 'missing'
      : expiresOn && expiresOn <= today
        ? 'expired'
        : expiresOn && vote && expiresOn <= vote
          ? 'expires_before_vote'
          : 'recorded';
    return { form, part, label, recordedOn: paper?.on ?? null, signedBy: paper?.signedBy ?? null, expiresOn, status };
  };
  const intro = (slot: number) => ctx.introductions.find((i) => i.slot === slot);
  const paperForm = (form: string) => ctx.recognitionPapers.find((r) => r.form === form);
  const v = p.papersValidity;

  const items: DossierItem[] = [
    item(
      'CN-NTVĐ',
      'admission',
      { vi: 'Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng', en: 'Party-awareness course certificate' },
      ctx.certificate,
      p.certificateValidityMonths,
    ),
    item('1-KNĐ', 'admission', { vi: 'Đơn xin vào Đảng', en: 'Application' }, ctx.application),
    item('2-KNĐ', 'admission', { vi: 'Lý lịch của người xin vào Đảng', en: 'Personal history' }, ctx.personalHistory),
    ...[1, 2].map((slot) =>
      item(
        intro(slot)?.form ?? '3-KNĐ',
        'admission',
        { vi: `Giấy giới thiệu thứ ${slot}`, en: `Introduction ${slot}` },
        intro(slot),
        v.introductionMonths,
      ),
    ),
    item(
      '5-KNĐ',
      'admission',
      { vi: 'Nhận xét của đoàn thể và chi ủy nơi cư trú', en: "Mass organisations' and residence cell's comments" },
      ctx.comments,
      v.commentsMonths,
    ),
    item(
      '2-KNĐ',
      'admission',
      { vi: 'Kết quả thẩm tra lý lịch', en: 'Personal-history verification' },
      ctx.verification,
      v.verificationMonths,
    ),
    item('6-KNĐ', 'admission', { vi: 'Nghị quyết chi bộ đề nghị kết nạp', en: "Cell's resolution" }, ctx.cellVote),
    item(
      '7-KNĐ',
      'admission',
      { vi: 'Báo cáo thẩm định của đảng ủy bộ phận', en: 'Sub-grassroots appraisal' },
      ctx.appraisals.find((a) => a.form === '7-KNĐ'),
      undefined,
      true,
    ),
    item('9-KNĐ', 'admission', { vi: 'Quyết định kết nạp', en: 'Admission decision' }, ctx.admission),
  ];
  if (at(stage) >= at('ceremony') && ctx.admission?.decision === 'admit') {
    items.push(
      item(
        'CN-ĐVM',
        'recognition',
        { vi: 'Giấy chứng nhận lớp bồi dưỡng đảng viên mới', en: 'New-member course certificate' },
        paperForm('CN-ĐVM'),
      ),
      item('10-KNĐ', 'recognition', { vi: 'Bản tự kiểm điểm', en: 'Self-review' }, paperForm('10-KNĐ')),
      item(
        '11-KNĐ',
        'recognition',
        { vi: 'Nhận xét của đảng viên giúp đỡ', en: "Helper's assessment" },
        paperForm('11-KNĐ'),
      ),
      item(
        '12-KNĐ',
        'recognition',
        { vi: 'Nhận xét của đoàn thể nơi làm việc', en: "Mass organisations' comments" },
        paperForm('12-KNĐ'),
      ),
      item(
        '13-KNĐ',
        'recognition',
        { vi: 'Nghị quyết chi bộ đề nghị công nhận chính thức', en: "Cell's recognition resolution" },
        ctx.recognitionVotes.at(-1),
      ),
      item(
        '16-KNĐ',
        'recognition',
        { vi: 'Quyết định công nhận đảng viên chính thức', en: 'Recognition decision' },
        ctx.recognition,
      ),
    );
  }
  const voteRefusals = vote && at(stage) >= at('dossier') ? refusals(eligibilityOnVote(policyOn(vote), ctx, vote)) : [];
  return { items, voteOn: vote, voteRefusals };
}
