/**
 * What no log line may carry, for the API's and the worker's pino loggers alike. The request lines are built field
 * by field and never include a body, a header or a query; this list is the second line of defence, for whatever
 * else a library or a later change might hand the logger: credentials and the candidate's personal data are
 * censored wherever they sit in the first two levels of a log object.
 */
import type { LoggerOptions } from 'pino';

const SECRET_KEYS = ['authorization', 'cookie', 'token', 'password'];
/** The registration's and the steps' fields that hold a person's name or dates (src/schemas/candidate.ts, commands.ts). */
const PERSONAL_KEYS = [
  'body',
  'profile',
  'fullName',
  'birthDate',
  'family',
  'introducer',
  'signedBy',
  'helper',
  'mentor',
];

export const REDACT: LoggerOptions['redact'] = {
  paths: [...SECRET_KEYS, ...PERSONAL_KEYS].flatMap((k) => [k, `*.${k}`, `*.headers.${k}`]),
  censor: '[redacted]',
};

/** An error as an operator needs it to act: its class, code and message and where it was thrown, nothing it holds. */
export function errorFields(err: unknown): { type: string; message: string; stack: string; code?: unknown } {
  if (!(err instanceof Error)) return { type: typeof err, message: '', stack: '' };
  const code = (err as { code?: unknown }).code;
  return { type: err.name, ...(code === undefined ? {} : { code }), message: err.message, stack: err.stack ?? '' };
}
