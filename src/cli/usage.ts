/**
 * "You typed it wrong" (exit code 2): the CLI's own usage errors, in the user's language, and the parsers of
 * option values that say which option was wrong and why.
 */
import { InvalidArgumentError } from 'commander';
import { IsoDate } from '../schemas/iso-date';
import type { Bilingual } from '../charter/rule';
import { say } from './lang';

export class UsageError extends Error {
  constructor(readonly text: Bilingual) {
    super(say(text));
  }
}

const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** A date as people write it (dd/MM/yyyy) or as ISO (yyyy-MM-dd), checked to be a real day. */
export function parseDate(value: string): IsoDate {
  const m = DMY.exec(value.trim());
  const iso = m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : value.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso))
    throw new InvalidArgumentError(
      say({ vi: 'ngày phải viết dd/MM/yyyy hoặc yyyy-MM-dd.', en: 'write the date as dd/MM/yyyy or yyyy-MM-dd.' }),
    );
  const parsed = IsoDate.safeParse(iso);
  if (!parsed.success)
    throw new InvalidArgumentError(say({ vi: 'không có ngày này trong lịch.', en: 'there is no such day.' }));
  return parsed.data;
}

/** A whole number from `min` up. */
export const parseCount =
  (min: number) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(
        say({ vi: `cần một số nguyên từ ${min}.`, en: `expected a whole number from ${min}.` }),
      );
    return n;
  };
