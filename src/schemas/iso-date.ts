/** A civil date in Vietnam as the domain carries it, yyyy-MM-dd (src/charter/dates.ts does its arithmetic). */
import { z } from 'zod';
import { DATE_PATTERN } from '../charter/dates';
import { namedCheck } from './compiled/named';

export const IsoDate = z
  .string()
  .regex(DATE_PATTERN, { message: 'expected a date as yyyy-MM-dd' })
  .check(namedCheck('realDate'))
  .brand<'IsoDate'>();
export type IsoDate = z.infer<typeof IsoDate>;
