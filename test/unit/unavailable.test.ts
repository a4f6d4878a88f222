/**
 * Which failures of a call on a case the API answers 503 (retry later, the case is as it was): the client's
 * ServiceError carries the server's gRPC code and text in its cause, never in its own message.
 */
import { ServiceError } from '@temporalio/client';
import { unavailable } from '../../src/temporal/cases';

const grpc = (code: number, message: string) =>
  Object.assign(new Error(`${code} ${message}`), { code, details: message });
const service = (code: number, message: string) =>
  new ServiceError('Workflow Update failed', { cause: grpc(code, message) });

test("an Update refused while the case's workflow task is retried is unavailable, not a server error", () => {
  expect(
    unavailable(service(9, 'Unable to perform workflow execution update due to Workflow Task in failed state.')),
  ).toBe(true);
});

test('a deadline exceeded or an unreachable server is unavailable', () => {
  expect(unavailable(service(4, 'Deadline exceeded'))).toBe(true);
  expect(unavailable(service(14, 'No connection established'))).toBe(true);
});

test('other failed preconditions, other codes and other errors are not', () => {
  expect(unavailable(service(9, 'Namespace is not active'))).toBe(false);
  expect(unavailable(service(3, 'invalid argument'))).toBe(false);
  expect(unavailable(new Error('9 FAILED_PRECONDITION: Workflow Task in failed state'))).toBe(false);
});
