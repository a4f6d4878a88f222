/** Sends one message over SMTP with nodemailer: an HTML body with its plain-text part and a given Message-ID. */
import nodemailer from 'nodemailer';
import type { MailConfig } from './config';

export interface Message {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  language: 'vi' | 'en';
}

export interface Mailer {
  /** Resolves once the server accepted the message; rejects otherwise (the activity's retry sends it again). */
  send(message: Message): Promise<void>;
  close(): void;
}

export function createMailer(config: MailConfig): Mailer {
  // A server that hangs must not hold an activity for ever: the retry is the remedy.
  const url = new URL(config.smtpUrl);
  for (const [k, v] of Object.entries({ connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }))
    if (!url.searchParams.has(k)) url.searchParams.set(k, String(v));
  const transport = nodemailer.createTransport(url.toString());
  return {
    async send(m) {
      await transport.sendMail({
        from: config.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId: m.messageId,
        headers: { 'Content-Language': m.language },
      });
    },
    close: () => transport.close(),
  };
}
