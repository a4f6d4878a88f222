/**
 * What a case's timer was set for, in both languages. The workflow gives each timer a one-line English summary
 * (src/case/wake.ts, nextWake: "admission decision due 01/03/2027: alert level 1", "probation ends 12/05/2027"),
 * and histories keep that text for good; the timeline reads it back into the deadline's own names, so a
 * Vietnamese screen never shows the English line.
 */
import type { Bilingual } from '../charter/rule';
import { DEADLINE_NAMES } from '../machine/deadlines';

const DATE = String.raw`\d{2}/\d{2}/\d{4}`;
const PROBATION = new RegExp(`^probation ends (${DATE})$`);
const ALERT = /^(.*): alert level (\d+)$/;

/** The deadline named by an English label as nextWake wrote it: "<name> <dd/MM/yyyy>", or a bare kind code. */
function deadlineNamed(text: string): Bilingual | null {
  for (const [kind, name] of Object.entries(DEADLINE_NAMES)) {
    if (text === kind || text === name.en) return { vi: name.vi, en: name.en };
    const dated = new RegExp(`^${name.en.replace(/[.*+?^${}()|[\]\\']/g, '\\$&')} (${DATE})$`).exec(text);
    if (dated) return { vi: `${name.vi} ${dated[1]}`, en: `${name.en} ${dated[1]}` };
  }
  return null;
}

/** The timer's summary in both languages; a summary of another shape is given back as it is, in both. */
export function timerLabel(summary: string | null): Bilingual {
  const text = summary ?? '';
  const probation = PROBATION.exec(text);
  if (probation) return { vi: `kết thúc thời gian dự bị ${probation[1]}`, en: text };
  const alert = ALERT.exec(text);
  const named = alert ? deadlineNamed(alert[1]!) : null;
  if (alert && named)
    return { vi: `${named.vi}: cảnh báo mức ${alert[2]}`, en: `${named.en}: alert level ${alert[2]}` };
  return { vi: text, en: text };
}
