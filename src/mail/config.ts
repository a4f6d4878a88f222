/**
 * Mail's settings: PIPELINE_SMTP_URL (e.g. smtp://user:password@smtp.example.vn:587, smtps:// for TLS from the
 * start) and PIPELINE_MAIL_FROM. Unset, the engine mails nothing and fails nothing: the worker says so once at start.
 */
import { z } from 'zod';
import { redactUrl } from '../db/config';

export interface MailConfig {
  smtpUrl: string;
  from: string;
}

export const DEFAULT_MAIL_FROM = 'Hệ thống phát triển đảng viên <no-reply@pipeline.example.vn>';

const SmtpUrl = z.url({
  protocol: /^smtps?$/,
  error: 'expected a URL such as smtp://user:password@smtp.example.vn:587 or smtps://…:465',
});

/** The settings, or null when PIPELINE_SMTP_URL is unset (no mail). A malformed value stops the start, named. */
export function loadMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig | null {
  const raw = env.PIPELINE_SMTP_URL?.trim();
  if (!raw) return null;
  const url = SmtpUrl.safeParse(raw);
  if (!url.success)
    throw new Error(
      `configuration: PIPELINE_SMTP_URL is invalid (${url.error.issues[0]!.message}; got ${JSON.stringify(redactUrl(raw))})`,
    );
  return { smtpUrl: url.data, from: env.PIPELINE_MAIL_FROM?.trim() || DEFAULT_MAIL_FROM };
}

/** One line for the worker's start: where mail goes, never the password; or that there is none. */
export const describeMail = (config: MailConfig | null): string =>
  config
    ? `mail: SMTP at ${redactUrl(config.smtpUrl)}, from ${config.from}`
    : 'mail: PIPELINE_SMTP_URL is not set, so no email is sent (alerts still reach inboxes and webhooks)';
