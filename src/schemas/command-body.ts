/**
 * A command as a user sends it to the API. Kept apart from commands.ts,
 * which the workflow bundle imports: every workflow the worker creates
 * evaluates its modules again, and these 25 schemas are the API's alone.
 */
import { z } from 'zod';
import { Command, type CommandInput } from './commands';
import { Correction } from './correction';

/**
 * What the server fills in: who recorded a step (the token), a move's new chain of committees, and the
 * registry's figures a vote or decision is checked against (the registry).
 */
const SERVER_FILLED = ['recordedBy', 'toCommitteeIds', 'toCompetentCommitteeId', 'registry'] as const;
type ServerFilled = (typeof SERVER_FILLED)[number];
type WithoutServerFilled<T> = T extends unknown ? Omit<T, ServerFilled> : never;
/**
 * A command as a user sends it. The fields the server fills in may not be
 * sent (an unknown or server-filled key is refused by name).
 */
const stepBodies = (Command.options as readonly z.ZodObject[]).map((o) =>
  o.omit(Object.fromEntries(SERVER_FILLED.filter((k) => k in o.shape).map((k) => [k, true])) as never).strict(),
);
export const CommandBody = z.discriminatedUnion('type', stepBodies as [z.ZodObject]) as unknown as z.ZodType<
  WithoutServerFilled<Command>,
  WithoutServerFilled<CommandInput>
>;
export type CommandBody = z.infer<typeof CommandBody>;

/** A correction as a user sends it: which step (its trail seq), the step as it should have been, and why. */
const CorrectionBody = z.strictObject({
  type: z.literal('CORRECT_STEP'),
  seq: Correction.shape.seq,
  step: CommandBody,
  reason: Correction.shape.reason,
});
export type CorrectionBody = z.infer<typeof CorrectionBody>;

/**
 * What `POST /cases/:id/commands` takes: a step, or the correction of one. One union keyed by `type`, so a bad
 * body is answered by the schema of the kind it names (a plain union would only say that none matched).
 */
export const CaseCommandBody = z.discriminatedUnion('type', [
  ...(stepBodies as [z.ZodObject]),
  CorrectionBody,
]) as unknown as z.ZodType<
  CommandBody | CorrectionBody,
  WithoutServerFilled<CommandInput> | z.input<typeof CorrectionBody>
>;
