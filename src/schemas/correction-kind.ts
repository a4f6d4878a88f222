/** What tells a correction from a step, without its schema (the workflows read both without zod). */
export const CORRECT_STEP = 'CORRECT_STEP';

export const isCorrection = (raw: unknown): boolean =>
  typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === CORRECT_STEP;
