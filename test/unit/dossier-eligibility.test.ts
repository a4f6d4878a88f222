/**
 * The dossier checklist and the cell vote's guard judge a dossier by the same
 * rules: a paper the checklist calls missing or expired is a rule the vote
 * fails, and the checklist says "eligible" exactly when the guard would let
 * the cell propose admission.
 */
import fc from 'fast-check';
import { addDays, addMonths, iso, type IsoDate } from '../../src/charter/dates';
import { policyOn } from '../../src/charter/policy';
import { ruleDoc } from '../../src/charter/rules/catalogue';
import { initialContext } from '../../src/machine/apply';
import { advance, restoreCase } from '../../src/machine/advance';
import { dossierOf } from '../../src/reports/dossier';
import { Education } from '../../src/schemas/candidate';
import type { CaseContext } from '../../src/schemas/case';
import { cmd, registration, tally } from '../helpers/commands';
import { propertyRuns } from '../helpers/property';

const signed = (on: IsoDate) => ({ on, signedBy: 'Bí thư Trần Văn Bình' });
const introducer = {
  kind: 'official_member' as const,
  fullName: 'Phạm Văn Dũng',
  memberStatus: 'official' as const,
  together_since: iso('2020-01-01'),
};
const justRegistered = () => initialContext(registration({ registeredOn: iso('2025-09-01') }));

/** Every paper of a complete dossier signed on `on`, verification passed. */
function complete(ctx: CaseContext, on: IsoDate): CaseContext {
  return {
    ...ctx,
    certificate: { ...signed(on), no: 'CN-1' },
    application: signed(on),
    personalHistory: signed(on),
    introductions: [1, 2].map((slot) => ({ ...signed(on), slot, form: '3-KNĐ', introducer })),
    comments: signed(on),
    verification: { ...signed(on), outcome: 'pass' },
    lastStepOn: on,
  };
}

/** The cell proposing admission on `on`, by a tally no rule about the vote itself can fault. */
const proposal = (on: IsoDate) =>
  cmd('RECORD_CELL_VOTE', on, {
    resolution: 'propose_admission',
    tally: tally({ officialMembers: 18, present: 18, excusedAbsent: 0, yes: 18, no: 0 }),
  });

/** What the machine itself answers to that proposal, from the cell-vote stage. */
function guard(ctx: CaseContext, on: IsoDate) {
  const r = advance(restoreCase({ stage: 'cell_vote', context: ctx }), proposal(on));
  return r.ok ? [] : r.refusals;
}

describe('a just-registered case', () => {
  const today = iso('2025-09-02');
  const d = dossierOf('source', justRegistered(), today);

  test('is not eligible, and each paper the vote needs is missing, with the rule the vote fails on it', () => {
    expect(d.eligible).toBe(false);
    const needed = d.items.filter((i) => i.ruleId !== null);
    expect(needed.map((i) => [i.label.en, i.status, i.ruleId])).toEqual([
      ['Party-awareness course certificate', 'missing', 'certificate.valid'],
      ['Application', 'missing', 'dossier.application'],
      ['Personal history', 'missing', 'dossier.personal_history'],
      ['Introduction 1', 'missing', 'papers.introduction_valid'],
      ['Introduction 2', 'missing', 'papers.introduction_valid'],
      ["Mass organisations' and residence cell's comments", 'missing', 'papers.comments_valid'],
      ['Personal-history verification', 'missing', 'papers.verification_valid'],
    ]);
    // Each missing line is one of the vote's refusals, in the same order, and nothing else is refused.
    expect(d.voteRefusals.map((r) => r.ruleId)).toEqual(needed.map((i) => i.ruleId));
    expect(d.voteOn).toBe(addMonths(today, 1));
  });

  test('the two new presence rules name the paper in both languages and are documented with their source', () => {
    for (const id of ['dossier.application', 'dossier.personal_history']) {
      expect(ruleDoc(id)?.source).toMatch(/Điều lệ Đảng, Điều 4/);
      const r = d.voteRefusals.find((x) => x.ruleId === id)!;
      expect(r.reason.vi).toMatch(/KNĐ/);
      expect(r.reason.en).toMatch(/KNĐ/);
    }
  });

  test('the application alone recorded: that line passes and the rest still fail', () => {
    const ctx = { ...justRegistered(), application: signed(iso('2025-09-02')) };
    const after = dossierOf('dossier', ctx, today);
    expect(after.items.find((i) => i.form === '1-KNĐ')).toMatchObject({ status: 'recorded', recordedOn: '2025-09-02' });
    expect(after.voteRefusals.map((r) => r.ruleId)).not.toContain('dossier.application');
    expect(after.voteRefusals.map((r) => r.ruleId)).toContain('dossier.personal_history');
    expect(after.eligible).toBe(false);
  });
});

describe('the statuses of a recorded paper come from its rule, today and on the vote date', () => {
  const today = iso('2026-11-23');
  const vote = iso('2026-12-20');
  const months = policyOn(vote).papersValidity.commentsMonths;
  // Signed so that the comments lapse on the vote date (or today), by the policy's own count: valid N months
  // means no longer valid on the day N months after signing.
  const lapsing = addMonths(vote, -months);
  const lapsed = addMonths(today, -months);
  const base = complete(justRegistered(), iso('2026-11-01'));
  const comments = (on: IsoDate) =>
    dossierOf('cell_vote', { ...base, comments: signed(on) }, today, vote).items.find((i) => i.form === '5-KNĐ')!;

  test('valid through the vote: recorded, eligible, and its expiry is the rule’s', () => {
    const d = dossierOf('cell_vote', base, today, vote);
    expect(d.eligible).toBe(true);
    expect(d.voteRefusals).toEqual([]);
    expect(d.items.find((i) => i.form === '5-KNĐ')).toMatchObject({
      status: 'recorded',
      expiresOn: addMonths(iso('2026-11-01'), months),
    });
  });

  test('valid today but not on the vote date: expires before the vote, and the vote is refused', () => {
    expect(comments(lapsing)).toMatchObject({ status: 'expires_before_vote', ruleId: 'papers.comments_valid' });
    // One day later it still holds on the vote date.
    expect(comments(addDays(lapsing, 1)).status).toBe('recorded');
    const d = dossierOf('cell_vote', { ...base, comments: signed(lapsing) }, today, vote);
    expect(d.eligible).toBe(false);
    expect(d.voteRefusals.map((r) => r.ruleId)).toEqual(['papers.comments_valid']);
  });

  test('already lapsed today: expired', () => {
    expect(comments(lapsed).status).toBe('expired');
    expect(comments(addDays(lapsed, 1)).status).toBe('expires_before_vote');
  });

  test('once the cell has voted the checklist gives no verdict', () => {
    const d = dossierOf('committee_review', base, today);
    expect(d).toMatchObject({ voteOn: null, eligible: null, voteRefusals: [] });
  });
});

describe('the checklist and the vote’s guard agree', () => {
  const day = (from: string, to: string) =>
    fc.integer({ min: 0, max: (Date.parse(to) - Date.parse(from)) / 86_400_000 }).map((n) => addDays(iso(from), n));
  /** A paper signed some days before the vote (mostly recently enough for every policy), or not on the dossier. */
  const paper = fc.option(
    fc.oneof({ arbitrary: fc.integer({ min: 0, max: 150 }), weight: 4 }, fc.integer({ min: 0, max: 2200 })),
    { freq: 10 },
  );
  const dossier = fc.record({
    vote: day('2022-01-01', '2029-12-31'),
    daysBefore: fc.integer({ min: 0, max: 90 }),
    ageMonths: fc.integer({ min: 200, max: 760 }),
    education: fc.constantFrom(...Education.options),
    over60Consent: fc.boolean(),
    certificate: paper,
    application: paper,
    personalHistory: paper,
    intro1: paper,
    intro2: paper,
    comments: paper,
    verification: paper,
  });

  type Generated = typeof dossier extends fc.Arbitrary<infer T> ? T : never;

  function contextOf(g: Generated): CaseContext {
    const on = (n: number | null) => (n === null ? undefined : addDays(g.vote, -n));
    const dates = [g.certificate, g.application, g.personalHistory, g.intro1, g.intro2, g.comments, g.verification];
    const earliest = addDays(g.vote, -Math.max(0, ...dates.map((n) => n ?? 0)) - 1);
    const ctx = initialContext(
      registration({
        registeredOn: earliest,
        profile: {
          ...registration().profile,
          birthDate: addMonths(g.vote, -g.ageMonths),
          education: g.education,
        },
      }),
    );
    const s = (n: number | null) => (on(n) ? signed(on(n)!) : undefined);
    return {
      ...ctx,
      certificate: s(g.certificate) && { ...s(g.certificate)!, no: 'CN-1' },
      application: s(g.application),
      personalHistory: s(g.personalHistory),
      introductions: (
        [
          [1, g.intro1],
          [2, g.intro2],
        ] as const
      ).flatMap(([slot, n]) => (on(n) ? [{ ...signed(on(n)!), slot, form: '3-KNĐ', introducer }] : [])),
      comments: s(g.comments),
      verification: s(g.verification) && { ...s(g.verification)!, outcome: 'pass' as const },
      documents: g.over60Consent ? [{ ...signed(earliest), kind: 'over_60_consent', no: 'QĐ-1' }] : [],
      lastStepOn: earliest,
    };
  }

  test('on many generated dossiers: eligible exactly when the guard passes, refused by exactly the same rules', () => {
    let eligible = 0;
    let runs = 0;
    for (const params of propertyRuns(400))
      fc.assert(
        fc.property(dossier, (g) => {
          const ctx = contextOf(g);
          const d = dossierOf('cell_vote', ctx, addDays(g.vote, -g.daysBefore), g.vote);
          const refused = guard(ctx, g.vote);
          expect(d.voteRefusals).toEqual(refused);
          expect(d.eligible).toBe(refused.length === 0);
          // The lines not shown as recorded are, in order, the guard's refusals about papers.
          const papers = d.items.filter((i) => i.ruleId !== null);
          const ids = new Set(papers.map((i) => i.ruleId));
          expect(papers.filter((i) => i.status !== 'recorded').map((i) => i.ruleId)).toEqual(
            refused.filter((r) => ids.has(r.ruleId)).map((r) => r.ruleId),
          );
          runs += 1;
          if (d.eligible) eligible += 1;
        }),
        params,
      );
    // Both verdicts were reached, so the comparison held on each side.
    expect(eligible).toBeGreaterThan(0);
    expect(eligible).toBeLessThan(runs);
  });

  test('a table of complete dossiers on the boundaries of the certificate’s validity', () => {
    const vote = iso('2026-06-10');
    const months = policyOn(vote).certificateValidityMonths;
    for (const [issued, ok] of [
      [addDays(addMonths(vote, -months), 1), true],
      [addMonths(vote, -months), false],
    ] as const) {
      const ctx = { ...complete(justRegistered(), iso('2026-05-01')), certificate: { ...signed(issued), no: 'CN-1' } };
      expect([issued, dossierOf('cell_vote', ctx, vote, vote).eligible]).toEqual([issued, ok]);
      expect(guard(ctx, vote).length === 0).toBe(ok);
    }
  });
});
