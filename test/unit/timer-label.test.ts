/**
 * The audit timeline's timers in the reader's language: the summaries the workflow writes (nextWake) read back
 * into the deadline's Vietnamese and English names, and any other text given back as it was.
 */
import { iso } from '../../src/charter/dates';
import { timerLabel } from '../../src/audit/timer-label';
import { openCase, type CaseState, type Clock } from '../../src/case/state';
import { takeStep } from '../../src/case/step';
import { nextWake, runWake } from '../../src/case/wake';
import type { MachineEvent } from '../../src/schemas/commands';
import { eventsUntil, registration } from '../helpers/commands';

const clockOn = (today: string): Clock => ({ at: `${today}T03:00:00.000Z`, today: iso(today) });

function taken(events: MachineEvent[]): CaseState {
  let s = openCase(registration(), clockOn('2024-01-05'));
  for (const e of events) {
    const r = takeStep(s, e, 'command', clockOn(e.recordedOn));
    if (!r.ok) throw new Error(`${e.type}: ${JSON.stringify(r.refusals)}`);
    s = r.state;
  }
  return s;
}

test("each level of an overdue decision's timer, as the workflow summarised it, in Vietnamese and English", () => {
  let s = taken(eventsUntil('committee_review'));
  const labels = [];
  for (let w = nextWake(s); w; w = nextWake(s)) {
    labels.push([w.summary, timerLabel(w.summary)]);
    s = runWake(s, w, clockOn(w.on)).state;
  }
  expect(labels).toEqual([
    [
      'admission decision due 28/08/2024: alert level 1',
      {
        vi: 'hạn cấp ủy quyết định kết nạp 28/08/2024: cảnh báo mức 1',
        en: 'admission decision due 28/08/2024: alert level 1',
      },
    ],
    [
      'admission decision due 28/08/2024: alert level 2',
      {
        vi: 'hạn cấp ủy quyết định kết nạp 28/08/2024: cảnh báo mức 2',
        en: 'admission decision due 28/08/2024: alert level 2',
      },
    ],
  ]);
});

test("probation's end, a deadline named only by its kind, and a summary of another shape", () => {
  expect(timerLabel('probation ends 12/05/2027')).toEqual({
    vi: 'kết thúc thời gian dự bị 12/05/2027',
    en: 'probation ends 12/05/2027',
  });
  expect(timerLabel('ceremony: alert level 3')).toEqual({
    vi: 'hạn tổ chức lễ kết nạp: cảnh báo mức 3',
    en: 'admission ceremony due: alert level 3',
  });
  expect(timerLabel("helper's assessment due 01/02/2026: alert level 1").vi).toBe(
    'hạn đảng viên giúp đỡ nhận xét 01/02/2026: cảnh báo mức 1',
  );
  expect(timerLabel('something else')).toEqual({ vi: 'something else', en: 'something else' });
  expect(timerLabel(null)).toEqual({ vi: '', en: '' });
});
