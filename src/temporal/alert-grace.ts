/**
 * PIPELINE_ALERT_GRACE_MINUTES: how long a new case's raised alerts wait before they are sent, instead of the policy
 * set's grace (escalation.grace in src/charter/data/policies.json). Read when a case is registered and kept by it.
 * The test suites set 0 so that alerts arrive as before; a province done digitising its old cases may too.
 */
import { z } from 'zod';

const Minutes = z.coerce
  .number()
  .int()
  .min(0)
  .max(24 * 60);

/** The override for a new case's input, or nothing (the policy decides). */
export function alertGraceOverride(env: NodeJS.ProcessEnv = process.env): { alertGraceMinutes?: number } {
  const raw = env.PIPELINE_ALERT_GRACE_MINUTES?.trim();
  if (!raw) return {};
  const parsed = Minutes.safeParse(raw);
  if (!parsed.success)
    throw new Error(`configuration: PIPELINE_ALERT_GRACE_MINUTES must be whole minutes from 0 to 1440 (got ${raw})`);
  return { alertGraceMinutes: parsed.data };
}
