/**
 * The demo's cases dated from today, so their story stays true whenever `npm start` seeds them: each case's papers
 * are valid for the stage it is in, one case's papers run out before the next monthly meeting, and one committee
 * decision is overdue by a few working days. Every period comes from the policy set in force (validity months,
 * working days to decide, probation); nothing here restates a number of the charter.
 */
import { vnCalendar } from '../charter/calendar';
import { addDays, addMonths, type IsoDate } from '../charter/dates';
import { policyOn } from '../charter/policy';
import type { Principal } from '../auth/principal';
import { STEPS } from './full-case';

type Step = [Principal, Record<string, unknown>];

/** The working day `n` working days before `to` (addWorkingDays run backwards). */
export function workingDaysBefore(to: IsoDate, n: number): IsoDate {
  let d = to;
  for (let k = 0; k < n;) {
    d = addDays(d, -1);
    if (vnCalendar.isWorkingDay(d)) k++;
  }
  return d;
}

/** full-case.ts's step of `type`, re-dated: its form, signer, tallies and introducers as they are there. */
function step(type: string, date: IsoDate, extra: Record<string, unknown> = {}): Step {
  const found = STEPS.filter(([, s]) => s.type === type);
  const [who, s] = (extra.slot === 2 ? found[1] : found[0])!;
  const introducer = s.introducer as { together_since?: string } | undefined;
  // The official member introducing has worked with the applicant for years before the day they introduce.
  const since = introducer?.together_since ? { together_since: addMonths(date, -36) } : {};
  return [who, { ...s, ...extra, date, ...(introducer ? { introducer: { ...introducer, ...since } } : {}) }];
}

/** The dates a case needs to reach the cell's vote, counted back from its papers' dates. */
interface AdmissionDates {
  registeredOn: IsoDate;
  certificateOn: IsoDate;
  commentsOn: IsoDate;
  introductionsOn: IsoDate;
  verificationOn: IsoDate;
}

/** Listed a few months before the dossier, enrolled two days later; the course takes three weeks. */
function admissionSteps(d: AdmissionDates): Step[] {
  return [
    step('ENROL_COURSE', addDays(d.registeredOn, 2)),
    step('RECORD_CERTIFICATE', d.certificateOn),
    step('RECORD_APPLICATION', addDays(d.certificateOn, 3)),
    step('RECORD_PERSONAL_HISTORY', addDays(d.certificateOn, 4)),
    step('RECORD_COMMENTS', d.commentsOn),
    step('RECORD_INTRODUCTION', d.introductionsOn, { slot: 1 }),
    step('RECORD_INTRODUCTION', d.introductionsOn, { slot: 2 }),
    step('RECORD_VERIFICATION', d.verificationOn),
  ];
}

/** A dossier made in the weeks before the vote on `voteOn`, so every paper is fresh at it. */
function datesBefore(voteOn: IsoDate): AdmissionDates {
  const registeredOn = addMonths(voteOn, -4);
  return {
    registeredOn,
    certificateOn: addDays(registeredOn, 24),
    commentsOn: addDays(voteOn, -31),
    introductionsOn: addDays(voteOn, -28),
    verificationOn: addDays(voteOn, -10),
  };
}

/** From the cell's vote to official membership, each step well within its deadline. */
function afterVote(voteOn: IsoDate): Step[] {
  const decidedOn = vnCalendar.addWorkingDays(voteOn, 15);
  const ceremonyOn = vnCalendar.addWorkingDays(decidedOn, 10);
  const p = policyOn(ceremonyOn);
  const probationEndsOn = addMonths(ceremonyOn, p.deadlines.probation.months, p.deadlines.probation.monthEnd);
  const every = p.helperAssessments.everyMonths;
  const assessments = Array.from({ length: p.helperAssessments.count }, (_, i) =>
    addMonths(ceremonyOn, every * (i + 1), p.deadlines.probation.monthEnd),
  ).filter((on) => on < probationEndsOn);
  const recognisedOn = vnCalendar.addWorkingDays(probationEndsOn, 2);
  const paper = (form: string, on: IsoDate) => step('RECORD_RECOGNITION_PAPER', on, { form });
  return [
    step('RECORD_CELL_VOTE', voteOn),
    step('RECORD_COMMITTEE_DECISION', decidedOn),
    step('RECORD_CEREMONY', ceremonyOn),
    step('ASSIGN_HELPER', ceremonyOn),
    ...assessments.map((on) => step('RECORD_HELPER_ASSESSMENT', on)),
    paper('CN-ĐVM', addMonths(ceremonyOn, 5)),
    paper('10-KNĐ', addDays(probationEndsOn, -19)),
    paper('11-KNĐ', addDays(probationEndsOn, -18)),
    paper('12-KNĐ', addDays(probationEndsOn, -15)),
    step('RECORD_RECOGNITION_VOTE', recognisedOn),
    step('RECORD_RECOGNITION_DECISION', vnCalendar.addWorkingDays(recognisedOn, 10)),
  ].sort((a, b) => String(a[1].date).localeCompare(String(b[1].date)));
}

export interface DemoCase {
  caseId: string;
  fullName: string;
  /** Of youth age today, and a Youth Union member (full-case.ts's introductions). */
  birthDate: IsoDate;
  cellId: string;
  registeredOn: IsoDate;
  steps: Step[];
  /** What the case shows on the dashboard, for people reading the seed. */
  story: string;
}

/** How many days before their expiry the about-to-expire papers stand today: before next month's meeting. */
const EXPIRING_IN_DAYS = 12;

export function demoCases(today: IsoDate): DemoCase[] {
  const p = policyOn(today);
  const born = (years: number, days: number) => addDays(addMonths(today, -12 * years), -days);

  // At the dossier: the course done and the application written in the last two months.
  const dossier = datesBefore(addMonths(today, 2));
  // At the cell's vote, its papers signed long enough ago that the introductions and the comments run out in a few
  // days (the validity periods of the policy in force), the verification just back.
  const expiring = addDays(today, EXPIRING_IN_DAYS);
  const introductionsOn = addMonths(expiring, -p.papersValidity.introductionMonths);
  const commentsOn = addDays(addMonths(expiring, -p.papersValidity.commentsMonths), -2);
  const certificateOn = addMonths(introductionsOn < commentsOn ? introductionsOn : commentsOn, -2);
  const atVote: AdmissionDates = {
    registeredOn: addMonths(certificateOn, -1),
    certificateOn,
    commentsOn,
    introductionsOn,
    verificationOn: addDays(today, -14),
  };
  // Voted so long ago that the committee's decision is overdue by a few working days: an alert in its inbox.
  const overdueVote = workingDaysBefore(today, p.deadlines.committeeDecision.workingDays + 5);
  // Voted long enough ago to have served probation and been recognised a few weeks ago.
  const officialVote = addMonths(today, -(p.deadlines.probation.months + 4));

  const training = addDays(today, -20);
  return [
    {
      caseId: 'demo-an',
      fullName: 'Nguyễn Văn An',
      birthDate: born(27, 40),
      cellId: 'cb-thpt-a',
      registeredOn: dossier.registeredOn,
      steps: admissionSteps(dossier)
        .slice(0, 4)
        .filter(([, s]) => String(s.date) <= today),
      story: 'dossier: the application and personal history recorded, comments and introductions to come',
    },
    {
      caseId: 'demo-binh',
      fullName: 'Trần Thị Bình',
      birthDate: born(29, 120),
      cellId: 'cb-thpt-a',
      registeredOn: atVote.registeredOn,
      steps: admissionSteps(atVote),
      story: "at the cell's vote, the introductions and comments expiring before next month's meeting",
    },
    {
      caseId: 'demo-cuong',
      fullName: 'Lê Văn Cường',
      birthDate: born(28, 200),
      cellId: 'cb-thpt-a',
      registeredOn: datesBefore(overdueVote).registeredOn,
      steps: [...admissionSteps(datesBefore(overdueVote)), step('RECORD_CELL_VOTE', overdueVote)],
      story: "at the committee's decision, overdue: an alert for the commune committee",
    },
    {
      caseId: 'demo-dung',
      fullName: 'Phạm Thị Dung',
      birthDate: born(28, 15),
      cellId: 'cb-thpt-a',
      registeredOn: datesBefore(officialVote).registeredOn,
      steps: [...admissionSteps(datesBefore(officialVote)), ...afterVote(officialVote)],
      story: 'an official member',
    },
    {
      caseId: 'demo-em',
      fullName: 'Hoàng Văn Em',
      birthDate: born(25, 60),
      cellId: 'cb-thon-1',
      registeredOn: addDays(training, -2),
      steps: [step('ENROL_COURSE', training)],
      story: 'at the awareness course',
    },
  ];
}
