import { advance, startCase, stageOf } from '../../src/machine/advance';
import { cmd, registration } from '../helpers/commands';

describe('a step replayed from a history is applied whatever the rules now say, its breaches kept', () => {
  const reg = registration({ registeredOn: '2024-01-05' });
  // ENROL_COURSE dated before the registration: refused live, but a history recorded under laxer rules may hold it.
  const early = cmd('ENROL_COURSE', '2024-01-02', { mentor: 'Lê Văn Tâm' }, '2024-01-10');
  test('live, the step is refused and the case stays as it was', () => {
    const r = advance(startCase(reg), early);
    expect(r.ok).toBe(false);
  });
  test('replayed, it is applied, with exactly the refusals a live step would get as its irregularities', () => {
    const live = advance(startCase(reg), early);
    const replayed = advance(startCase(reg), { ...early, acceptedEarlier: true });
    expect(replayed.ok).toBe(true);
    if (!replayed.ok || live.ok) return;
    expect(stageOf(replayed.snapshot)).toBe('training');
    expect(replayed.irregularities).toEqual(live.refusals);
  });
  test('a replayed step the stage cannot take at all is still refused: replay never invents a transition', () => {
    const r = advance(startCase(reg), { ...cmd('RECORD_CEREMONY', '2024-02-01'), acceptedEarlier: true });
    expect(r).toMatchObject({ ok: false, refusals: [{ ruleId: 'stage.not_allowed' }] });
  });
});
