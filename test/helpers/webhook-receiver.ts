/** A committee's webhook endpoint for tests: real HTTP on a free port, answering 200 and keeping every body posted. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookReceiver {
  url: string;
  /** Every body posted, in arrival order. */
  posted: string[];
  close(): void;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const posted: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      posted.push(body);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`,
    posted,
    close: () => server.close(),
  };
}
