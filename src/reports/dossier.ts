/**
 * A case's dossier checklist for the secretary: which forms are recorded,
 * which are missing, and which papers will have expired by the next cell
 * meeting. Each paper the vote needs is judged by the rule the cell-vote guard
 * runs on it (voteEligibility in src/machine/checks), and the verdict is that
 * guard's: a missing paper is a failing rule, so the checklist cannot promise
 * a vote the machine would refuse.
 */
import { addMonths, type IsoDate } from '../charter/dates';
import { policyInForce } from '../charter/policy';
import type { Bilingual, Refusal } from '../charter/rule';
import { policyCovers } from '../charter/rules/steps';
import { voteEligibility, type VoteCheck, type VotePaper } from '../machine/checks';
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
  /** The rule of the cell's vote that judges this paper (null for papers the vote does not need, and once it has voted). */
  ruleId: string | null;
}

export interface Dossier {
  items: DossierItem[];
  /** The vote date the papers were checked against: the next monthly meeting unless given. */
  voteOn: IsoDate | null;
  /**
   * Whether the cell could propose admission on `voteOn` with the dossier as it is: exactly when the
   * vote's guard would find nothing about the applicant or the papers to refuse (null once it has voted).
   */
  eligible: boolean | null;
  /** What the charter would refuse if the cell voted on `voteOn` with the dossier as it is. */
  voteRefusals: Refusal[];
}

const at = (stage: Stage) => STAGES.indexOf(stage);
type Signed = { on: IsoDate; signedBy: string } | undefined;

/** The vote's eligibility rules on `on`, or the one refusal that no policy set is in force then. */
function eligibilityOn(ctx: CaseContext, on: IsoDate): VoteCheck[] {
  const p = policyInForce(on);
  return p ? voteEligibility(p, ctx, on) : [{ result: policyCovers(on) }];
}

const refused = (checks: VoteCheck[]): Refusal[] => checks.flatMap((c) => (c.result.ok ? [] : [c.result.refusal]));

export function dossierOf(stage: Stage, ctx: CaseContext, today: IsoDate, voteOn?: IsoDate): Dossier {
  const beforeVote = at(stage) <= at('cell_vote');
  const vote = beforeVote ? (voteOn ?? addMonths(today, 1)) : null;
  // A paper is expired if it fails its rule already today (or on the vote, if that is earlier).
  const onVote = vote ? eligibilityOn(ctx, vote) : [];
  const now = vote ? eligibilityOn(ctx, vote < today ? vote : today) : [];
  const find = (checks: VoteCheck[], paper: VotePaper) => checks.find((c) => c.paper === paper);

  const item = (
    form: string,
    part: DossierItem['part'],
    label: Bilingual,
    paper: Signed,
    optional = false,
  ): DossierItem => ({
    form,
    part,
    label,
    recordedOn: paper?.on ?? null,
    signedBy: paper?.signedBy ?? null,
    expiresOn: null,
    status: paper ? 'recorded' : optional ? 'optional' : 'missing',
    ruleId: null,
  });
  /** A paper the vote needs: its status is the verdict of its rule, today and on the vote date. */
  const votePaper = (form: string, label: Bilingual, paper: Signed, key: VotePaper): DossierItem => {
    const base = item(form, 'admission', label, paper);
    const due = find(onVote, key);
    const rule = due && (due.result.ok ? due.result.ruleId : due.result.refusal.ruleId);
    if (!due || !vote) return { ...base, ruleId: rule ?? null };
    const already = find(now, key);
    const status: DossierStatus = !paper
      ? 'missing'
      : already && !already.result.ok
        ? 'expired'
        : !due.result.ok
          ? 'expires_before_vote'
          : 'recorded';
    return { ...base, ruleId: rule ?? null, expiresOn: due.expiresOn ?? null, status };
  };
  const intro = (slot: number) => ctx.introductions.find((i) => i.slot === slot);
  const paperForm = (form: string) => ctx.recognitionPapers.find((r) => r.form === form);

  const items: DossierItem[] = [
    votePaper(
      'CN-NTVĐ',
      { vi: 'Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng', en: 'Party-awareness course certificate' },
      ctx.certificate,
      'certificate',
    ),
    votePaper('1-KNĐ', { vi: 'Đơn xin vào Đảng', en: 'Application' }, ctx.application, 'application'),
    votePaper(
      '2-KNĐ',
      { vi: 'Lý lịch của người xin vào Đảng', en: 'Personal history' },
      ctx.personalHistory,
      'personal_history',
    ),
    ...([1, 2] as const).map((slot) =>
      votePaper(
        intro(slot)?.form ?? '3-KNĐ',
        { vi: `Giấy giới thiệu thứ ${slot}`, en: `Introduction ${slot}` },
        intro(slot),
        `introduction_${slot}`,
      ),
    ),
    votePaper(
      '5-KNĐ',
      { vi: 'Nhận xét của đoàn thể và chi ủy nơi cư trú', en: "Mass organisations' and residence cell's comments" },
      ctx.comments,
      'comments',
    ),
    votePaper(
      '2-KNĐ',
      { vi: 'Kết quả thẩm tra lý lịch', en: 'Personal-history verification' },
      ctx.verification,
      'verification',
    ),
    item('6-KNĐ', 'admission', { vi: 'Nghị quyết chi bộ đề nghị kết nạp', en: "Cell's resolution" }, ctx.cellVote),
    item(
      '7-KNĐ',
      'admission',
      { vi: 'Báo cáo thẩm định của đảng ủy bộ phận', en: 'Sub-grassroots appraisal' },
      ctx.appraisals.find((a) => a.form === '7-KNĐ'),
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
  const voteRefusals = refused(onVote);
  return { items, voteOn: vote, eligible: vote ? voteRefusals.length === 0 : null, voteRefusals };
}
