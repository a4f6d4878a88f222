/**
 * Committee webhooks: where alerts are POSTed, and how a receiver checks that
 * a body came from us (HMAC-SHA256 over the timestamp and the exact body).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export interface WebhookConfig {
  urls: Record<string, string>;
  secret: string;
}

class WebhookConfigError extends Error {}

export function loadWebhookConfig(env: NodeJS.ProcessEnv = process.env): WebhookConfig {
  const raw = env.PIPELINE_WEBHOOKS?.trim();
  let urls: Record<string, string> = {};
  if (raw) {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new WebhookConfigError(
        'configuration: PIPELINE_WEBHOOKS is not JSON (expected {"committee-id": "https://…"})',
      );
    }
    const parsed = z.record(z.string().min(1), z.url({ protocol: /^https?$/ })).safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new WebhookConfigError(`configuration: PIPELINE_WEBHOOKS.${issue.path.join('.')}: ${issue.message}`);
    }
    urls = parsed.data;
  }
  const secret = env.PIPELINE_WEBHOOK_SECRET ?? '';
  if (Object.keys(urls).length > 0 && secret.length < 16)
    throw new WebhookConfigError(
      'configuration: PIPELINE_WEBHOOK_SECRET is required (at least 16 characters) when PIPELINE_WEBHOOKS is set',
    );
  return { urls, secret };
}

export function signBody(body: string, timestamp: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifySignature(body: string, timestamp: string, header: string, secret: string): boolean {
  const expected = Buffer.from(signBody(body, timestamp, secret));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
