/** A real SMTP server on a free port for the mail tests: it keeps what it accepts and can refuse the first few. */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string[];
  raw: string;
  header(name: string): string | undefined;
  /** The plain-text part, decoded (quoted-printable or base64). */
  text(): string;
  /** The HTML part, decoded likewise. */
  html(): string;
  subject(): string;
}

const decodeWords = (s: string) =>
  s.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, data: string) =>
    enc.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : decodeQp(data.replace(/_/g, ' ')),
  );
function decodeQp(s: string): string {
  const bytes: number[] = [];
  const clean = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < clean.length; i++)
    if (clean[i] === '=' && /^[0-9A-F]{2}$/i.test(clean.slice(i + 1, i + 3))) {
      bytes.push(parseInt(clean.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(clean[i]!, 'utf8'));
  return Buffer.from(bytes).toString('utf8');
}

/** A text part of a multipart message, decoded (quoted-printable or base64); '' when it has none. */
function partOf(raw: string, subtype: 'plain' | 'html'): string {
  const part = new RegExp(
    `Content-Type: text/${subtype}[^\\n]*\\r?\\n(?:[^\\r\\n]+\\r?\\n)*?Content-Transfer-Encoding: ([\\w-]+)\\r?\\n\\r?\\n([\\s\\S]*?)\\r?\\n--`,
    'i',
  ).exec(raw);
  if (!part) return '';
  const body =
    part[1]!.toLowerCase() === 'base64'
      ? Buffer.from(part[2]!.replace(/\s/g, ''), 'base64').toString('utf8')
      : decodeQp(part[2]!);
  // SMTP carries lines as CRLF: read back as they were written.
  return body.replace(/\r\n/g, '\n');
}

function parse(raw: string, to: string[]): Received {
  const [head] = raw.split(/\r?\n\r?\n/);
  const unfolded = head!.replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(unfolded)?.[1]?.trim();
  return {
    to,
    raw,
    header,
    subject: () => decodeWords(header('Subject') ?? ''),
    text: () => partOf(raw, 'plain'),
    html: () => partOf(raw, 'html'),
  };
}

export async function startSmtp(options: { refuseFirst?: number } = {}) {
  const received: Received[] = [];
  let refusals = options.refuseFirst ?? 0;
  // Refusals kept for the messages a test names (refuseNext), so other mail in flight is not the one refused.
  let refuseMatching: RegExp = /(?:)/;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refusals > 0 && refuseMatching.test(Buffer.concat(chunks).toString('utf8'))) {
          refusals--;
          return callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
        }
        received.push(
          parse(
            Buffer.concat(chunks).toString('utf8'),
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refusalsLeft: () => refusals,
    /** Refuses (451) the next `count` messages whose raw text matches, accepting the others. */
    refuseNext(count: number, matching: RegExp) {
      refusals = count;
      refuseMatching = matching;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
