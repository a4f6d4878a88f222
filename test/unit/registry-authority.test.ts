/**
 * Issue 16, items 1, 2 and 10: the registry, not the minutes, gives a vote's
 * denominator and says which committee decides; three failed votes of the
 * competent committee send a recognition to the committee above it. The
 * rules alone at their boundaries, the registry's facts as the API reads them,
 * the API's authorisation, and the machine's guards end to end.
 */
import { join } from 'node:path';
import { authorize, type Action } from '../../src/auth/scope';
import type { Principal } from '../../src/auth/principal';
import { iso } from '../../src/charter/dates';
import { policyById } from '../../src/charter/policy';
import {
  cellMembersMatchRegistry,
  committeeCompetent,
  committeeMembersMatchRegistry,
  committeeResolutionMatches,
  type CellTallyFacts,
  type DecidingFacts,
} from '../../src/charter/rules/votes';
import { advance, stageOf, startCase, type CaseSnapshot } from '../../src/machine/advance';
import { judgeEvent, unverifiedOf } from '../../src/machine/checks';
import { openDeadlines } from '../../src/machine/deadlines';
import { registryFacts } from '../../src/org/facts';
import { loadRegistryFile, parseRegistryCsv } from '../../src/org/load';
import { checkRegistry } from '../../src/org/registry';
import { CommandBody } from '../../src/schemas/command-body';
import { CellTally, type CommandType, type MachineEvent, type RegistryFacts } from '../../src/schemas/commands';
import { recheck } from '../../src/audit/compliance';
import type { TimelineEntry } from '../../src/audit/timeline';
import type { RegistryFile } from '../../src/schemas/organisation';
import { cmd, eventsUntil, HASH, registration, tally } from '../helpers/commands';

const demo = loadRegistryFile(join(__dirname, '..', '..', 'data', 'demo-province.json'));
const p = policyById('2025-07');
const on = iso('2025-09-15');
const figures = (officialMembers: number | null, committeeMembers: number | null = null) => ({
  asOf: on,
  officialMembers,
  committeeMembers,
});
const facts = (t: Partial<CellTallyFacts>): CellTallyFacts => ({
  officialMembers: 18,
  attachedElsewhere: 0,
  present: 15,
  excusedAbsent: 0,
  yes: 13,
  no: 2,
  ...t,
});

describe("a cell's vote counts the registry's official members", () => {
  test('the figure itself passes; one fewer or one more is refused with the rule, naming both figures', () => {
    expect(cellMembersMatchRegistry(facts({ officialMembers: 18 }), figures(18))).toEqual({
      ok: true,
      ruleId: 'cell_vote.registry_members',
    });
    for (const officialMembers of [17, 19]) {
      const r = cellMembersMatchRegistry(facts({ officialMembers }), figures(18));
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.refusal.ruleId).toBe('cell_vote.registry_members');
      expect(r.refusal.facts).toMatchObject({ registryOfficialMembers: 18, officialMembers, registryDenominator: 18 });
      expect(r.refusal.reason.vi).toContain('18 đảng viên chính thức');
      expect(r.refusal.reason.en).toContain('15/09/2025');
    }
  });

  test("the issue's probe: 3 members typed in where the registry has 18 is refused", () => {
    const r = cellMembersMatchRegistry(facts({ officialMembers: 3, present: 3, yes: 2, no: 0 }), figures(18));
    expect(r.ok).toBe(false);
  });

  test('the exclusions the vote records come off the figure: 18 less 2 attached and 1 exempted is 15', () => {
    const t = facts({ officialMembers: 18, attachedElsewhere: 2, excusedAbsent: 1, present: 14 });
    expect(cellMembersMatchRegistry(t, figures(18)).ok).toBe(true);
    const r = cellMembersMatchRegistry(t, figures(17));
    expect(r.ok ? null : r.refusal.facts).toMatchObject({ denominator: 15, registryDenominator: 14 });
  });

  test('without a figure (none on that date, or a step recorded before the registry was read) the vote stands, unverified', () => {
    for (const registry of [undefined, figures(null)])
      expect(cellMembersMatchRegistry(facts({ officialMembers: 3 }), registry)).toEqual({
        ok: true,
        ruleId: 'cell_vote.members_unverified',
      });
  });

  test('names of the excluded members, where given, must be as many as the count, and each once', () => {
    const base = { officialMembers: 18, present: 14, yes: 12, no: 2, minutesHash: HASH };
    const parse = (over: Record<string, unknown>) => CellTally.safeParse({ ...base, ...over });
    expect(parse({ attachedElsewhere: 2, attachedElsewhereNames: ['Lê Văn A', 'Trần Thị B'] }).success).toBe(true);
    expect(parse({ attachedElsewhere: 2 }).success).toBe(true);
    for (const names of [['Lê Văn A'], ['Lê Văn A', 'Trần Thị B', 'Phạm C']]) {
      const r = parse({ attachedElsewhere: 2, attachedElsewhereNames: names });
      expect(r.success ? null : r.error.issues[0]!.path).toEqual(['attachedElsewhereNames']);
    }
    expect(parse({ excusedAbsent: 1, excusedAbsentNames: ['Võ Văn D'] }).success).toBe(true);
    expect(parse({ excusedAbsent: 1, excusedAbsentNames: [] }).success).toBe(false);
    expect(parse({ excusedAbsent: 2, excusedAbsentNames: ['Võ Văn D', 'võ văn d'] }).success).toBe(false);
  });
});

describe("a committee's vote counts the registry's executive members", () => {
  test('the size itself passes; one fewer or one more is refused; no size is unverified', () => {
    expect(committeeMembersMatchRegistry({ members: 9 }, 'du-xa-a', figures(18, 9)).ok).toBe(true);
    for (const members of [8, 10]) {
      const r = committeeMembersMatchRegistry({ members }, 'du-xa-a', figures(18, 9));
      expect(r.ok ? null : [r.refusal.ruleId, r.refusal.facts.registryMembers]).toEqual([
        'committee.registry_members',
        9,
      ]);
    }
    expect(committeeMembersMatchRegistry({ members: 3 }, 'du-xa-a', figures(18, null))).toEqual({
      ok: true,
      ruleId: 'committee.members_unverified',
    });
  });
});

describe('only the competent committee decides; its superior only a case referred to it', () => {
  const deciding = (committeeId: string, referredToSuperior = false): DecidingFacts => ({
    committeeId,
    competentCommitteeId: 'du-xa-a',
    superiorCommitteeId: 'tu-demo',
    referredToSuperior,
    date: on,
  });
  test('the competent committee passes; the province is refused, naming the competent committee', () => {
    expect(committeeCompetent(deciding('du-xa-a')).ok).toBe(true);
    const r = committeeCompetent(deciding('tu-demo'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusal.ruleId).toBe('committee.competent');
    expect(r.refusal.reason.vi).toContain('du-xa-a');
    expect(r.refusal.reason.en).toContain('du-xa-a');
  });
  test('after a referral the superior decides and the competent committee no longer does', () => {
    expect(committeeCompetent(deciding('tu-demo', true)).ok).toBe(true);
    const r = committeeCompetent(deciding('du-xa-a', true));
    expect(r.ok ? null : r.refusal.reason.en).toContain('only tu-demo may decide');
  });
});

describe('an undecided committee vote: neither side reaches two thirds (9 members: 6 needed)', () => {
  const undecided = (agree: number, against?: number) =>
    committeeResolutionMatches(p, 'recognition_decision.two_thirds', { members: 9, agree, against }, 'undecided');
  test('5 and 4 is undecided; 6 on either side is not', () => {
    expect(undecided(5, 4).ok).toBe(true);
    expect(undecided(6, 3).ok).toBe(false);
    expect(undecided(3, 6).ok).toBe(false);
    expect(undecided(5).ok).toBe(true);
  });
  test('recognising still needs two thirds', () => {
    const decided = (agree: number) =>
      committeeResolutionMatches(p, 'recognition_decision.two_thirds', { members: 9, agree }, 'recognise').ok;
    expect([decided(5), decided(6)]).toEqual([false, true]);
  });
});

describe("the registry's facts, as the API fills them into a command", () => {
  test('before the reform: 18 members, the district committee decides, the province above it', () => {
    expect(registryFacts(demo, 'cb-thpt-a', 'hu-a', iso('2025-06-30'))).toEqual({
      asOf: '2025-06-30',
      versionFrom: '2021-01-01',
      officialMembers: 18,
      committeeMembers: 33,
      competentCommitteeId: 'hu-a',
      superiorCommitteeId: 'tu-demo',
    });
  });
  test('from 1/7/2025 the commune committee decides; a committee no longer in the registry has no size', () => {
    expect(registryFacts(demo, 'cb-thpt-a', 'du-xa-a', iso('2025-07-01'))).toMatchObject({
      versionFrom: '2025-07-01',
      committeeMembers: 9,
      competentCommitteeId: 'du-xa-a',
      superiorCommitteeId: 'tu-demo',
    });
    expect(registryFacts(demo, 'cb-thpt-a', 'hu-a', iso('2025-07-01')).committeeMembers).toBeNull();
  });
  test('a date before the first version: no figure at all', () => {
    expect(registryFacts(demo, 'cb-thpt-a', 'hu-a', iso('2020-12-31'))).toEqual({
      asOf: '2020-12-31',
      versionFrom: null,
      officialMembers: null,
      committeeMembers: null,
      competentCommitteeId: null,
      superiorCommitteeId: null,
    });
  });
  test('a caller may not send the figures themselves', () => {
    const vote = {
      type: 'RECORD_CELL_VOTE',
      date: '2025-09-15',
      form: '6-KNĐ',
      signedBy: 'Bí thư',
      resolution: 'propose_admission',
      tally: { officialMembers: 3, present: 3, yes: 2, no: 0, minutesHash: HASH },
    };
    expect(CommandBody.safeParse(vote).success).toBe(true);
    const sent = CommandBody.safeParse({ ...vote, registry: { ...figures(3), versionFrom: null } });
    expect(sent.success ? null : sent.error.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['registry'] });
  });
});

describe("the registry file: a committee's executive size", () => {
  const file = (executiveMembers: number): RegistryFile => ({
    province: 'X',
    versions: [
      {
        effectiveFrom: iso('2021-01-01'),
        units: [
          {
            id: 'tu-x',
            name: 'Tỉnh ủy X',
            kind: 'provincial_committee',
            parentId: null,
            officialMembers: 0,
            probationaryMembers: 0,
            executiveMembers,
          },
          {
            id: 'cb-z',
            name: 'Chi bộ Z',
            kind: 'cell',
            parentId: 'tu-x',
            officialMembers: 5,
            probationaryMembers: 0,
            competentCommitteeId: 'tu-x',
            executiveMembers,
          },
        ],
      },
    ],
  });
  test('a cell has none', () => {
    expect(checkRegistry(file(3))).toEqual([
      'versions[0] (from 2021-01-01) units[1].executiveMembers: only committees have one',
    ]);
  });
  test('a CSV may carry it as an optional column', () => {
    const header =
      'effectiveFrom,id,name,kind,parentId,officialMembers,probationaryMembers,workforce,competentCommitteeId,admissionTargetShare';
    const rows = [
      '2021-01-01,tu-x,Tỉnh ủy X,provincial_committee,,0,0,,,',
      '2021-01-01,cb-z,Chi bộ Z,cell,tu-x,5,0,,tu-x,',
    ];
    const without = parseRegistryCsv([header, ...rows].join('\n'), 'x.csv', 'X');
    expect(without.on(iso('2022-01-01')).unit('tu-x').executiveMembers).toBeUndefined();
    const withSize = parseRegistryCsv(
      [`${header},executiveMembers`, ...rows.map((r, i) => `${r},${i === 0 ? 11 : ''}`)].join('\n'),
      'x.csv',
      'X',
    );
    expect(withSize.on(iso('2022-01-01')).unit('tu-x').executiveMembers).toBe(11);
  });
});

describe("the API's authorisation of a decision", () => {
  const tree = demo.on(iso('2025-09-15'));
  const committee = (orgId: string): Principal => ({ userId: `${orgId}-1`, role: 'committee', orgId });
  const decide = (committeeId: string, cellId = 'cb-thpt-a'): Action => ({
    kind: 'decide',
    cellId,
    committeeId,
    ...registryFacts(demo, cellId, committeeId, iso('2025-09-15')),
  });
  test('the competent committee, and its superior (whose referral the charter rule judges), may record a decision', () => {
    expect(authorize(committee('du-xa-a'), decide('du-xa-a'), tree).allowed).toBe(true);
    expect(authorize(committee('tu-demo'), decide('tu-demo'), tree).allowed).toBe(true);
  });
  test('any other committee above the cell is refused, naming the competent committee', () => {
    const d = authorize(committee('dbb-bv-noi'), decide('dbb-bv-noi', 'cb-bv-noi'), tree);
    expect(d.allowed ? null : d.reason.vi).toContain('du-bv');
    expect(authorize(committee('du-bv'), decide('du-bv', 'cb-bv-noi'), tree).allowed).toBe(true);
  });
});

describe('the machine judges with the registry filled in, and without it as before', () => {
  // No Youth Union in this cell: the happy path's introducers are two official members.
  const run = (
    events: MachineEvent[],
    s: CaseSnapshot = startCase(registration({ youthUnionExists: false })),
  ): CaseSnapshot => {
    for (const e of events) {
      const r = advance(s, e);
      if (!r.ok) throw new Error(`${e.type} on ${e.date} refused: ${JSON.stringify(r.refusals)}`);
      s = r.snapshot;
    }
    return s;
  };
  const registry = (over: Partial<RegistryFacts> = {}): RegistryFacts => ({
    asOf: iso('2024-06-05'),
    versionFrom: iso('2021-01-01'),
    officialMembers: 20,
    committeeMembers: 9,
    competentCommitteeId: 'du-xa-a',
    superiorCommitteeId: 'hu-a',
    ...over,
  });
  const vote = (officialMembers: number, extra: Record<string, unknown> = {}) =>
    cmd('RECORD_CELL_VOTE', '2024-06-05', {
      resolution: 'propose_admission',
      tally: tally({ officialMembers }),
      ...extra,
    });
  const rules = (s: CaseSnapshot, e: MachineEvent) =>
    judgeEvent(s.context, e).map((r) => (r.ok ? r.ruleId : r.refusal.ruleId));

  test("a vote against the registry's figure is refused and leaves the case as it was", () => {
    const s = run(eventsUntil('cell_vote'));
    const r = advance(s, vote(19, { registry: registry() }));
    expect(r.ok ? [] : r.refusals.map((x) => x.ruleId)).toEqual(['cell_vote.registry_members']);
    expect(stageOf(run([vote(20, { registry: registry() })], s))).toBe('committee_review');
  });

  test('a vote recorded without the registry (older histories, the simulator) is accepted and marked unverified', () => {
    const s = run(eventsUntil('cell_vote'));
    expect(rules(s, vote(20))).toContain('cell_vote.members_unverified');
    expect(rules(s, vote(20, { registry: registry({ officialMembers: null }) }))).toContain(
      'cell_vote.members_unverified',
    );
    expect(rules(s, vote(20, { registry: registry() }))).toContain('cell_vote.registry_members');
    expect(stageOf(run([vote(20)], s))).toBe('committee_review');
    expect(unverifiedOf(judgeEvent(s.context, vote(20)))).toEqual(['cell_vote.members_unverified']);
    expect(unverifiedOf(judgeEvent(s.context, vote(20, { registry: registry() })))).toEqual([]);
  });

  const decision = (committeeId: string, extra: Record<string, unknown> = {}) =>
    cmd('RECORD_COMMITTEE_DECISION', '2024-07-15', {
      decision: 'refuse',
      committeeId,
      tally: { members: 9, agree: 2, minutesHash: HASH },
      ...extra,
    });

  test("the issue's probe: the province refusing a case the commune committee decides is refused, naming it", () => {
    const s = run(eventsUntil('committee_review'));
    const r = advance(s, decision('tu-demo', { registry: registry({ asOf: iso('2024-07-15') }) }));
    expect(r.ok ? [] : r.refusals.map((x) => [x.ruleId, x.reason.en.includes('du-xa-a')])).toEqual([
      ['committee.competent', true],
    ]);
    expect(stageOf(run([decision('du-xa-a', { registry: registry() })], s))).toBe('rejected');
  });

  test("the registry's competent committee on the decision's date wins over the chain the case was registered with", () => {
    const s = run(eventsUntil('committee_review'));
    // Registered with du-xa-a competent; the registry says hu-a decides on that date.
    const r = advance(
      s,
      decision('du-xa-a', { registry: registry({ competentCommitteeId: 'hu-a', superiorCommitteeId: 'tu-demo' }) }),
    );
    expect(r.ok ? [] : r.refusals.map((x) => x.ruleId)).toEqual(['committee.competent']);
    expect(
      stageOf(
        run([decision('hu-a', { registry: registry({ competentCommitteeId: 'hu-a', committeeMembers: 9 }) })], s),
      ),
    ).toBe('rejected');
  });

  test("without the registry the case's own competent committee decides, and a committee of another size is not checked", () => {
    const s = run(eventsUntil('committee_review'));
    const r = advance(s, decision('hu-a'));
    expect(r.ok ? [] : r.refusals.map((x) => x.ruleId)).toEqual(['committee.competent']);
    expect(rules(s, decision('du-xa-a'))).toContain('committee.members_unverified');
    const wrongSize = decision('du-xa-a', { registry: registry({ committeeMembers: 11 }) });
    expect(advance(s, wrongSize).ok).toBe(false);
  });

  describe('three failed votes of the committee itself send the recognition up (4.2c)', () => {
    const recognitionDecision = (date: string, committeeId: string, decision: string, agree: number) =>
      cmd('RECORD_RECOGNITION_DECISION', date, {
        decision,
        committeeId,
        tally: { members: 9, agree, against: 9 - agree, minutesHash: HASH },
      });
    const atReview = () => run(eventsUntil('recognition_review'));
    const failed = (n: number) =>
      run(
        ['2025-09-01', '2025-09-08', '2025-09-15']
          .slice(0, n)
          .map((d) => recognitionDecision(d, 'du-xa-a', 'undecided', 5)),
        atReview(),
      );

    test('two failed votes: still the competent committee; the superior is refused', () => {
      const s = failed(2);
      expect(stageOf(s)).toBe('recognition_review');
      expect(s.context.referredToSuperior).toBe(false);
      expect(s.context.failedCommitteeVotes).toHaveLength(2);
      const r = advance(s, recognitionDecision('2025-09-20', 'hu-a', 'recognise', 8));
      expect(r.ok ? [] : r.refusals.map((x) => x.ruleId)).toEqual(['committee.competent']);
    });

    test('the third sends the case to the superior, which now answers for the deadline and alone decides', () => {
      const s = failed(3);
      expect(stageOf(s)).toBe('recognition_review');
      expect(s.context.referredToSuperior).toBe(true);
      expect(openDeadlines('recognition_review', s.context).map((d) => d.answerBy)).toEqual(['hu-a']);
      const r = advance(s, recognitionDecision('2025-09-20', 'du-xa-a', 'recognise', 8));
      expect(r.ok ? [] : r.refusals.map((x) => x.ruleId)).toEqual(['committee.competent']);
      const done = run([recognitionDecision('2025-09-20', 'hu-a', 'recognise', 8)], s);
      expect(stageOf(done)).toBe('official');
      expect(done.context.recognition).toMatchObject({ committeeId: 'hu-a', decision: 'recognise' });
    });

    test('an "undecided" the tally contradicts is refused', () => {
      const r = advance(atReview(), recognitionDecision('2025-09-01', 'du-xa-a', 'undecided', 6));
      expect(r.ok ? [] : r.refusals.map((x) => x.ruleId)).toEqual(['recognition_decision.two_thirds']);
    });
  });
});

describe("the audit says which steps' figures the registry did not verify", () => {
  const reg = registration({ youthUnionExists: false });
  const timeline = (voteExtra: Record<string, unknown>): TimelineEntry[] => {
    const steps = [
      ...eventsUntil('cell_vote'),
      cmd('RECORD_CELL_VOTE', '2024-06-05', { resolution: 'propose_admission', tally: tally(), ...voteExtra }),
    ];
    let s = startCase(reg);
    const at = (date: string) => `${date}T03:00:00.000Z`;
    return [
      { kind: 'registered', runId: 'r', eventId: 1, at: at(reg.registeredOn), registration: reg, clockOffsetMs: 0 },
      ...steps.map((e, i): TimelineEntry => {
        const r = advance(s, e);
        if (!r.ok) throw new Error(`${e.type} refused`);
        s = r.snapshot;
        const { recordedOn: _recordedOn, ...command } = e as MachineEvent & { type: CommandType };
        return {
          kind: 'command',
          runId: 'r',
          eventId: i + 2,
          at: at(e.date),
          updateId: `u${i}`,
          command,
          outcome: { stage: stageOf(s) },
        };
      }),
    ];
  };
  const voteRules = (t: TimelineEntry[]) =>
    recheck(t, iso('2026-11-27')).steps.find((x) => x.review.type === 'RECORD_CELL_VOTE')?.review.rules;

  test('a vote recorded without the registry is listed as unverified; one checked against it, as checked', () => {
    expect(voteRules(timeline({}))).toContainEqual({ ruleId: 'cell_vote.members_unverified', ok: true });
    const checked = voteRules(
      timeline({
        registry: {
          asOf: '2024-06-05',
          versionFrom: '2021-01-01',
          officialMembers: 20,
          committeeMembers: null,
          competentCommitteeId: 'du-xa-a',
          superiorCommitteeId: 'hu-a',
        },
      }),
    );
    expect(checked).toContainEqual({ ruleId: 'cell_vote.registry_members', ok: true });
    expect(checked).not.toContainEqual({ ruleId: 'cell_vote.members_unverified', ok: true });
  });
});
