/**
 * The schema of data/holidays.json, kept out of holidays.ts for the reason
 * given in policy.ts: checkCharterData() and the tests validate the file.
 */
import { z } from 'zod';
import { IsoDate } from '../schemas/iso-date';
import { dayOfWeek } from './dates';
import { HolidayDataError } from './holiday-error';

const Name = z.object({ vi: z.string().min(1), en: z.string().min(1) });
const DeclaredYear = z.object({
  source: z.string().min(1),
  daysOff: z.array(IsoDate),
  makeUpWorkdays: z.array(IsoDate),
});
export const HolidayFile = z
  .object({
    fixed: z.array(
      z.object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31), name: Name }),
    ),
    lunar: z.array(
      z.object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(30), name: Name }),
    ),
    years: z.record(z.string().regex(/^\d{4}$/, 'expected a year such as "2026"'), DeclaredYear),
  })
  .superRefine((f, ctx) => {
    for (const [year, y] of Object.entries(f.years))
      for (const [field, list] of [
        ['daysOff', y.daysOff],
        ['makeUpWorkdays', y.makeUpWorkdays],
      ] as const)
        list.forEach((d, i) => {
          if (!d.startsWith(year))
            ctx.addIssue({ code: 'custom', path: ['years', year, field, i], message: `${d} is not in ${year}` });
          if (field === 'makeUpWorkdays' && dayOfWeek(d) !== 6)
            ctx.addIssue({ code: 'custom', path: ['years', year, field, i], message: `${d} is not a Saturday` });
        });
  });
export type HolidayFile = z.infer<typeof HolidayFile>;

export function parseHolidays(raw: unknown): HolidayFile {
  const parsed = HolidayFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HolidayDataError(`holidays: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
