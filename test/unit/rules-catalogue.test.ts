/**
 * One home per rule: the catalogue and docs/rules.md are generated from the
 * declarations; a declaration's policy values exist in every set; and the
 * steps it says it guards are the steps that judge it. That each id is
 * written once is rule-ids-written-once.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { POLICY_SETS } from '../../src/charter/policy';
import { RULES } from '../../src/charter/rules/catalogue';
import { policyValue, renderRulesDoc } from '../../src/charter/rules/render-doc';
import { judgeEvent } from '../../src/machine/checks';
import { advance, startCase } from '../../src/machine/advance';
import type { MachineEvent } from '../../src/schemas/commands';
import { cmd, HAPPY_PATH, HASH, registration, tally } from '../helpers/commands';

const root = join(__dirname, '..', '..');
const ids = new Set(RULES.map((r) => r.id));

test('ids are unique, and every rule has both languages, a source and a meaning', () => {
  expect(ids.size).toBe(RULES.length);
  for (const r of RULES) expect(r.title.vi && r.title.en && r.summary && r.source).toBeTruthy();
});

test("a declaration's policy values exist in every set, and each one its meaning names is among those it reads", () => {
  for (const r of RULES) {
    const named = [...r.summary.matchAll(/\{([a-zA-Z.]+)\}/g)].map((m) => m[1]!);
    expect({ id: r.id, missing: named.filter((p) => !r.reads.includes(p)) }).toEqual({ id: r.id, missing: [] });
    for (const path of r.reads)
      for (const p of POLICY_SETS)
        expect({ id: r.id, path, set: p.id, found: policyValue(p, path) !== undefined }).toMatchObject({ found: true });
  }
});

test('no figure of the policy is written in a rule’s name', () => {
  expect(RULES.filter((r) => /\d/.test(r.title.vi + r.title.en)).map((r) => r.id)).toEqual([]);
});

test('the steps that judge a rule are among those its declaration says it guards', () => {
  // The happy path, and the steps it does not take, each judged against the case as it stood.
  let s = startCase(registration());
  const judged: Array<[string, string]> = [];
  const judge = (e: MachineEvent) => {
    for (const r of judgeEvent(s.context, e)) {
      const id = r.ok ? r.ruleId : r.refusal.ruleId;
      if (id) judged.push([e.type, id]);
    }
  };
  const extra: Partial<Record<string, MachineEvent[]>> = {
    RECORD_INTRODUCTION: [
      cmd('REPLACE_INTRODUCER', '2024-03-17', {
        slot: 1,
        introducer: { kind: 'official_member', fullName: 'Lê Văn Tư', together_since: '2020-01-01' },
        reason: 'Người giới thiệu chuyển công tác',
      }),
    ],
    RECORD_APPRAISAL: [
      cmd('EXTEND_DEADLINE', '2024-06-21', { deadline: 'committee_decision', workingDays: 10, reason: 'Chờ thẩm tra' }),
    ],
    ASSIGN_HELPER: [
      cmd('RECORD_DISCIPLINE', '2024-08-10', { discipline: 'reprimand', reason: 'Vi phạm' }),
      cmd('MOVE_CELL', '2024-08-12', { toCellId: 'cb-thon-1', toCommitteeIds: ['du-xa-a', 'hu-a', 'tu-demo'] }),
      cmd('RECORD_TRANSFER_LETTER', '2024-08-13'),
      cmd('RECORD_TRANSFER_PRESENTED', '2024-08-14'),
    ],
    RECORD_RECOGNITION_VOTE: [
      cmd('RECORD_RECOGNITION_DECISION', '2025-09-01', {
        decision: 'undecided',
        committeeId: 'du-xa-a',
        tally: { members: 9, agree: 5, against: 4, minutesHash: HASH },
      }),
    ],
  };
  for (const [e] of HAPPY_PATH) {
    judge(e);
    for (const x of extra[e.type] ?? []) judge(x);
    const r = advance(s, e);
    if (!r.ok) throw new Error(e.type);
    s = r.snapshot;
  }
  judge(cmd('RECORD_CELL_VOTE', '2025-09-02', { resolution: 'propose_admission', tally: tally() }));
  const undeclared = judged.filter(([type, id]) => {
    const guards = RULES.find((r) => r.id === id)!.guards;
    return !guards.includes(type) && !guards.includes('*');
  });
  expect([...new Set(undeclared.map((x) => x.join(' ')))]).toEqual([]);
  // Most of the catalogue was judged: the test is not vacuous.
  expect(new Set(judged.map(([, id]) => id)).size).toBeGreaterThan(30);
});

test('docs/rules.md is up to date (npm run rules-doc)', () => {
  expect(readFileSync(join(root, 'docs', 'rules.md'), 'utf8')).toBe(renderRulesDoc());
});
