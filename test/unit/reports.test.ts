/** The committee's figures and the secretary's checklist, computed from plain data (no server). */
import { join } from 'node:path';
import { addMonths, iso } from '../../src/charter/dates';
import { policyOn } from '../../src/charter/policy';
import { initialContext } from '../../src/machine/apply';
import { createRegistry } from '../../src/org/registry';
import { loadRegistryFile } from '../../src/org/load';
import { dossierOf } from '../../src/reports/dossier';
import { stageTimes } from '../../src/reports/stage-times';
import { targetShareOf, targetsReport, workforceOf } from '../../src/reports/targets';
import { Registration } from '../../src/schemas/candidate';
import type { TrailEntry } from '../../src/schemas/trail';

const demo = loadRegistryFile(join(__dirname, '..', '..', 'data', 'demo-province.json'));
const tree = demo.on(iso('2026-11-23'));

describe('targets', () => {
  const report = (admittedCells: string[], committeeId = 'tu-demo') =>
    targetsReport({
      tree,
      committeeId,
      year: 2026,
      asOf: '2026-11-23',
      admittedCells,
      funnel: [],
      stageTimes: [],
      stageTimesFrom: 0,
    });

  test('the demo province: 3% of 304 official members is a target of 10; 2 admitted is 20% of plan', () => {
    const r = report(['cb-thpt-a', 'cb-bv-noi']);
    expect(r.totals).toMatchObject({ officialMembers: 304, probationaryMembers: 5, target: 10, admitted: 2 });
    expect(r.totals.percentOfPlan).toBe(20);
    expect(r.rows.map((x) => [x.id, x.depth, x.target, x.admitted])).toEqual([
      ['tu-demo', 0, 10, 2],
      ['du-xa-a', 1, 2, 1],
      ['cb-thpt-a', 2, 1, 1],
      ['cb-thon-1', 2, 1, 0],
      ['cb-thon-2', 2, 1, 0],
      ['du-bv', 1, 8, 1],
      ['dbb-bv-noi', 2, 4, 1],
      ['cb-bv-noi', 3, 4, 1],
      ['cb-bv-ngoai', 2, 4, 0],
    ]);
    expect(r.cellsWithoutAdmission.map((c) => c.id)).toEqual(['cb-thon-1', 'cb-thon-2', 'cb-bv-ngoai']);
  });

  test('a committee sees only what is under it', () => {
    const r = report(['cb-thpt-a', 'cb-bv-noi'], 'du-xa-a');
    expect(r.totals).toMatchObject({ officialMembers: 51, target: 2, admitted: 1, percentOfPlan: 50 });
    expect(r.rows).toHaveLength(4);
  });

  test("the share is the unit's own, else the nearest committee's above, else 3%; 3% of 300 is 9, not 10", () => {
    const registry = createRegistry({
      province: 'P',
      versions: [
        {
          effectiveFrom: iso('2025-07-01'),
          units: [
            {
              id: 'p',
              name: 'P',
              kind: 'provincial_committee',
              parentId: null,
              officialMembers: 0,
              probationaryMembers: 0,
            },
            {
              id: 'g',
              name: 'G',
              kind: 'grassroots_committee',
              parentId: 'p',
              officialMembers: 0,
              probationaryMembers: 0,
              admissionTargetShare: 0.05,
            },
            {
              id: 'c',
              name: 'C',
              kind: 'cell',
              parentId: 'g',
              officialMembers: 300,
              probationaryMembers: 0,
              competentCommitteeId: 'g',
            },
            {
              id: 'h',
              name: 'H',
              kind: 'grassroots_committee',
              parentId: 'p',
              officialMembers: 0,
              probationaryMembers: 0,
            },
            {
              id: 'd',
              name: 'D',
              kind: 'cell',
              parentId: 'h',
              officialMembers: 300,
              probationaryMembers: 0,
              competentCommitteeId: 'h',
            },
          ],
        },
      ],
    });
    const t = registry.on(iso('2026-01-01'));
    expect([targetShareOf(t, 'c'), targetShareOf(t, 'g'), targetShareOf(t, 'd'), targetShareOf(t, 'p')]).toEqual([
      0.05, 0.05, 0.03, 0.03,
    ]);
    const r = targetsReport({
      tree: t,
      committeeId: 'h',
      year: 2026,
      asOf: '2026-01-01',
      admittedCells: [],
      funnel: [],
      stageTimes: [],
      stageTimesFrom: 0,
    });
    expect(r.totals.target).toBe(9);
    expect(r.totals.percentOfPlan).toBe(0);
  });

  test('workforce is counted once: a unit that knows it covers everything under it', () => {
    // du-xa-a's 5,200 include the school's 64; the hospital's 900 include its two departments.
    expect(workforceOf(tree, 'tu-demo')).toEqual({
      total: 6100,
      members: 52 + 257,
      potential: 6100 - 309,
      share: 309 / 6100,
    });
    expect(workforceOf(tree, 'cb-thon-1')).toBeNull();
  });
});

describe('stage times', () => {
  const entry = (date: string, stageBefore: string, stageAfter: string, kind: TrailEntry['kind'] = 'command') =>
    ({ seq: 0, at: '', kind, date, stageBefore, stageAfter }) as TrailEntry;
  test('conversion is the share that moved on; the median is over the cases that left the stage', () => {
    const trails = [
      [
        entry('2025-01-01', 'source', 'source', 'registered'),
        entry('2025-01-11', 'source', 'training'),
        entry('2025-02-10', 'training', 'dossier'),
      ],
      [
        entry('2025-01-01', 'source', 'source', 'registered'),
        entry('2025-01-21', 'source', 'training'),
        entry('2025-01-31', 'training', 'withdrawn'),
      ],
      [entry('2025-01-01', 'source', 'source', 'registered'), entry('2025-01-05', 'source', 'source')],
    ];
    const byStage = Object.fromEntries(stageTimes(trails).map((s) => [s.stage, s]));
    expect(byStage.source).toEqual({ stage: 'source', entered: 3, movedOn: 2, conversion: 2 / 3, medianDays: 15 });
    expect(byStage.training).toEqual({ stage: 'training', entered: 2, movedOn: 1, conversion: 0.5, medianDays: 20 });
    expect(byStage.dossier).toEqual({ stage: 'dossier', entered: 1, movedOn: 0, conversion: 0, medianDays: null });
    expect(byStage.probation).toEqual({
      stage: 'probation',
      entered: 0,
      movedOn: 0,
      conversion: null,
      medianDays: null,
    });
  });
});

describe('dossier checklist', () => {
  const ctx = initialContext(
    Registration.parse({
      caseId: 'd-1',
      profile: { fullName: 'A', birthDate: '1998-04-12', education: 'higher' },
      cellId: 'cb-thpt-a',
      committeeIds: ['du-xa-a', 'tu-demo'],
      registeredOn: '2025-07-01',
    }),
  );
  const signed = (on: string) => ({ on: iso(on), signedBy: 'B' });

  test('recorded, missing, expired and expiring before the meeting; what the vote would refuse', () => {
    // Comments signed so that, by the policy's own count, they are valid through 30/11/2026: gone by the meeting.
    const commentsOn = addMonths(iso('2026-12-01'), -policyOn(iso('2026-12-20')).papersValidity.commentsMonths);
    const c = {
      ...ctx,
      certificate: { ...signed('2022-01-10'), no: 'CN-1' },
      application: signed('2025-08-01'),
      comments: { on: commentsOn, signedBy: 'B' },
      verification: { ...signed('2026-01-02'), outcome: 'pass' as const },
    };
    const d = dossierOf('cell_vote', c, iso('2026-11-23'), iso('2026-12-20'));
    const status = Object.fromEntries(d.items.map((i) => [i.label.en, [i.status, i.expiresOn, i.ruleId]]));
    expect(status['Party-awareness course certificate']).toEqual(['recorded', '2027-01-10', 'certificate.valid']);
    expect(status['Application']).toEqual(['recorded', null, 'dossier.application']);
    expect(status['Personal history']).toEqual(['missing', null, 'dossier.personal_history']);
    expect(status["Mass organisations' and residence cell's comments"]).toEqual([
      'expires_before_vote',
      '2026-12-01',
      'papers.comments_valid',
    ]);
    expect(status["Cell's resolution proposing admission"]).toEqual(['missing', null, null]);
    expect(d.voteOn).toBe('2026-12-20');
    expect(d.eligible).toBe(false);
    expect(d.voteRefusals.map((r) => r.ruleId)).toEqual([
      'dossier.personal_history',
      'papers.introduction_valid',
      'papers.introduction_valid',
      'papers.comments_valid',
    ]);
  });
});
