/**
 * The workflow ids are how running workflows are found for years (and how the README tells an operator to find a
 * committee's inbox): a change of format would orphan every workflow started under the old one.
 */
import { CASE_WORKFLOW_PREFIX, candidateWorkflowId, inboxWorkflowId } from '../../workflows/definitions';

test("a case's workflow id is its case id after the prefix, and listing reads the case id back", () => {
  expect(candidateWorkflowId('paper-1')).toBe('candidate-paper-1');
  expect(candidateWorkflowId('paper-1').slice(CASE_WORKFLOW_PREFIX.length)).toBe('paper-1');
});

test("a committee's inbox id is its committee id after 'inbox-'", () => {
  expect(inboxWorkflowId('du-xa-a')).toBe('inbox-du-xa-a');
});
