/**
 * Putting right a step recorded wrongly (a mistyped date or tally): the step
 * as it should have been recorded, why, and who corrects it. The case is
 * judged again as if the step had been recorded so; the original stays in the
 * trail beside the correction.
 */
import { z } from 'zod';
import { Actor } from './common';
import { Command } from './commands';
import { CORRECT_STEP } from './correction-kind';
import { typedText } from './text';

export const Correction = z.object({
  type: z.literal(CORRECT_STEP),
  /** The trail entry of the step corrected (its "seq"), as the case page and `pipeline show` number it. */
  seq: z.number().int().min(1),
  /** The step as it should have been recorded: the same kind of step, every field given again. */
  step: Command,
  reason: typedText({ vi: 'Lý do sửa', en: 'reason for the correction' }, { max: 1000, multiline: true }),
  recordedBy: Actor,
});
export type Correction = z.infer<typeof Correction>;
export type CorrectionInput = z.input<typeof Correction>;
