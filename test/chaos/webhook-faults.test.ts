/**
 * A committee's webhook that hangs, then fails, then answers slowly, on the
 * real dev server: the delivery retries with backoff until it lands, once,
 * with one idempotency key — and the case takes its next steps meanwhile.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Principal } from '../../src/auth/principal';
import { signedBy, STEPS } from '../../src/demo/full-case';
import { eventually, startStack, type Stack } from '../helpers/stack';

const COMMUNE: Principal = { userId: 'to-chuc-xa-a', role: 'committee', orgId: 'du-xa-a' };
/** The whole dossier to the cell's vote, copied from paper: its dates are past, so the commune's decision is overdue. */
const TO_CELL_VOTE = STEPS.slice(0, 9).map(([, s]) => s);

type Attempt = { key: string; answer: string };
const attempts: Attempt[] = [];
let receiver: Server;
let stack: Stack;

beforeAll(async () => {
  // Per idempotency key: the first attempt hangs, the second fails, the third answers after 3 s.
  receiver = createServer((req, res) => {
    const key = String(req.headers['idempotency-key']);
    req.resume();
    req.on('end', () => {
      const n = attempts.filter((a) => a.key === key).length + 1;
      if (!key.includes('/committee_decision/L1')) {
        attempts.push({ key, answer: 'ok' });
        return res.writeHead(200).end();
      }
      if (n === 1) return attempts.push({ key, answer: 'hung' }); // never answered: the client gives up
      if (n === 2) {
        attempts.push({ key, answer: '500' });
        return res.writeHead(500).end();
      }
      setTimeout(() => {
        attempts.push({ key, answer: n === 3 ? 'ok after 3 s' : 'ok' });
        res.writeHead(200).end();
      }, 3000);
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  process.env.PIPELINE_WEBHOOKS = JSON.stringify({
    'du-xa-a': `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`,
  });
  process.env.PIPELINE_WEBHOOK_SECRET = 'a-webhook-secret-of-32-characters';
  stack = await startStack('e2e-webhook');
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  receiver.closeAllConnections();
  receiver.close();
  delete process.env.PIPELINE_WEBHOOKS;
  delete process.env.PIPELINE_WEBHOOK_SECRET;
});

test('a hanging, failing, slow webhook: delivered once after retries, and the case never waits for it', async () => {
  const c = stack.as(COMMUNE);
  const registered = await c('POST', '/cases', {
    caseId: 'hook-1',
    profile: { fullName: 'Trần Thị Lan', birthDate: '1997-05-09', education: 'higher', youthUnionMember: true },
    cellId: 'cb-thpt-a',
    registeredOn: '2025-07-01',
  });
  expect(registered.status).toBe(201);
  for (const step of TO_CELL_VOTE)
    expect((await c('POST', '/cases/hook-1/commands', { ...step, signedBy, paperRecord: true })).status).toBe(200);

  // The overdue decision's alert goes out; the receiver holds the first attempt open.
  await eventually(
    async () => attempts.length,
    (n) => n > 0,
    30_000,
  );
  expect(attempts[0]).toMatchObject({ key: 'hook-1/committee_decision/L1@du-xa-a', answer: 'hung' });

  // Meanwhile the case takes its next step at once.
  const appraisal = await c('POST', '/cases/hook-1/commands', {
    date: '2025-09-20',
    type: 'RECORD_APPRAISAL',
    form: '7-KNĐ',
    signedBy,
    paperRecord: true,
  });
  expect(appraisal.status).toBe(200);
  expect(attempts.filter((a) => a.answer.startsWith('ok'))).toEqual([]);

  // Retried with backoff (10 s timeout, then 2 s, 4 s) until the slow answer lands; then no more.
  const done = await eventually(
    async () => attempts.filter((a) => a.key.includes('/committee_decision/L1')).map((a) => a.answer),
    (answers) => answers.includes('ok after 3 s'),
    90_000,
  );
  expect(done).toEqual(['hung', '500', 'ok after 3 s']);
  await new Promise((r) => setTimeout(r, 5000));
  expect(attempts.filter((a) => a.key.includes('/committee_decision/L1'))).toHaveLength(3);
  // The inbox had it all along.
  const inbox = await c('GET', '/committees/du-xa-a/alerts');
  expect(inbox.body.alerts).toContainEqual(expect.objectContaining({ caseId: 'hook-1', level: 1 }));
}, 180_000);
