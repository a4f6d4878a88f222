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
import { RECOGNITION_FORMS } from '../charter/rules/dossier';
import { policyCovers } from '../charter/rules/steps';
import { voteEligibility, type VoteCheck, type VotePaper } from '../machine/checks';
import type { CaseContext } from '../schemas/case';
import { STAGES, type Stage } from '../schemas/stages';
import type { FormCode } from '../schemas/common';
import { FORM_NAMES } from '../schemas/forms';

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
  const paperForm = (form: FormCode) => ctx.recognitionPapers.find((r) => r.form === form);

  const items: DossierItem[] = [
    votePaper('CN-NTVĐ', FORM_NAMES['CN-NTVĐ'], ctx.certificate, 'certificate'),
    votePaper('1-KNĐ', FORM_NAMES['1-KNĐ'], ctx.application, 'application'),
    votePaper('2-KNĐ', FORM_NAMES['2-KNĐ'], ctx.personalHistory, 'personal_history'),
    ...([1, 2] as const).map((slot) =>
      votePaper(
        intro(slot)?.form ?? '3-KNĐ',
        { vi: `Giấy giới thiệu thứ ${slot}`, en: `Introduction ${slot}` },
        intro(slot),
        `introduction_${slot}`,
      ),
    ),
    votePaper('5-KNĐ', FORM_NAMES['5-KNĐ'], ctx.comments, 'comments'),
    votePaper(
      '2-KNĐ',
      { vi: 'Kết quả thẩm tra lý lịch', en: 'Personal-history verification' },
      ctx.verification,
      'verification',
    ),
    item('6-KNĐ', 'admission', FORM_NAMES['6-KNĐ'], ctx.cellVote),
    item('7-KNĐ', 'admission', FORM_NAMES['7-KNĐ'], ctx.appraisals.find((a) => a.form === '7-KNĐ'), true),
    item('9-KNĐ', 'admission', FORM_NAMES['9-KNĐ'], ctx.admission),
  ];
  if (at(stage) >= at('ceremony') && ctx.admission?.decision === 'admit') {
    items.push(
      ...RECOGNITION_FORMS.map((form) => item(form, 'recognition', FORM_NAMES[form], paperForm(form))),
      item('13-KNĐ', 'recognition', FORM_NAMES['13-KNĐ'], ctx.recognitionVotes.at(-1)),
      item('16-KNĐ', 'recognition', FORM_NAMES['16-KNĐ'], ctx.recognition),
    );
  }
  const voteRefusals = refused(onVote);
  return { items, voteOn: vote, eligible: vote ? voteRefusals.length === 0 : null, voteRefusals };
}
