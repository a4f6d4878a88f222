/**
 * The audit's hash chain is RFC 8785 (JCS) over each event, so an auditor can
 * check an export with any JCS tool: the canonical text below is written by
 * hand from the RFC's rules (keys in UTF-16 order, no whitespace, strings as
 * JSON escapes them), not by the library the code uses.
 */
import { createHash } from 'node:crypto';
import { compareChains, hashChain } from '../../src/audit/hash-chain';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
type Runs = Parameters<typeof hashChain>[0];

const event = {
  eventId: 1,
  eventTime: { seconds: 1700000000, nanos: 5 },
  eventType: 26,
  workflowExecutionSignaledEventAttributes: {
    signalName: 'ghi chú',
    header: { fields: { z: { data: Buffer.from('1') }, a: { data: Buffer.from('2') } } },
  },
};
const runs = (events: object[]): Runs => [{ runId: 'r1', history: { events } } as unknown as Runs[number]];

test('a link is SHA-256 of the previous link and the JCS text of the event in protobufjs JSON form', () => {
  const jcs =
    '{"eventId":"1","eventTime":{"nanos":5,"seconds":"1700000000"},"eventType":"EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED",' +
    '"workflowExecutionSignaledEventAttributes":{"header":{"fields":{"a":{"data":"Mg=="},"z":{"data":"MQ=="}}},' +
    '"signalName":"ghi chú"}}';
  const first = sha256('party-pipeline audit chain v1');
  expect(hashChain(runs([event]))).toEqual([{ runId: 'r1', eventId: 1, hash: sha256(first + jcs) }]);
});

test('the same event with its map written in another order hashes the same; another value does not', () => {
  const reordered = {
    ...event,
    workflowExecutionSignaledEventAttributes: {
      header: { fields: { a: { data: Buffer.from('2') }, z: { data: Buffer.from('1') } } },
      signalName: 'ghi chú',
    },
  };
  const edited = { ...event, workflowExecutionSignaledEventAttributes: { signalName: 'ghi chu' } };
  const [a, b, c] = [event, reordered, edited].map((e) => hashChain(runs([e])));
  expect(compareChains(a!, b!)).toEqual({ verdict: 'identical', events: 1 });
  expect(compareChains(a!, c!)).toMatchObject({ verdict: 'changed', firstDifference: { runId: 'r1', eventId: 1 } });
});
