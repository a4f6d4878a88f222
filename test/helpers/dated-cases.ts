/**
 * Cases for the dashboard's browser tests: the demo case's steps up to a stage, its dates moved by whole days, so
 * that several cases at one stage have different due dates, with a name of the test's choosing.
 */
import { signedBy, SECRETARY, STEPS } from '../../src/demo/full-case';
import type { Stack } from './stack';

const shifted = (d: string, days: number) => new Date(Date.parse(d) + days * 86_400_000).toISOString().slice(0, 10);

/** Registers `caseId` in cb-thpt-a and records STEPS up to (not including) `until`, every date `shiftDays` later. */
export async function datedCase(
  stack: Stack,
  caseId: string,
  until: string,
  { shiftDays = 0, fullName = `Ứng viên ${caseId}` }: { shiftDays?: number; fullName?: string } = {},
): Promise<void> {
  const r = await stack.as(SECRETARY)('POST', '/cases', {
    caseId,
    // Born as much later as the steps are moved, so the Youth Union still introduces a member of youth age.
    profile: { fullName, birthDate: shifted('1998-04-12', shiftDays), education: 'higher', youthUnionMember: true },
    cellId: 'cb-thpt-a',
    registeredOn: shifted('2025-07-01', shiftDays),
  });
  expect({ caseId, status: r.status, body: r.status === 201 ? null : r.body }).toEqual({
    caseId,
    status: 201,
    body: null,
  });
  for (const [who, step] of STEPS) {
    if (step.type === until) break;
    const res = await stack.as(who)('POST', `/cases/${caseId}/commands`, {
      ...step,
      date: shifted(step.date as string, shiftDays),
      signedBy,
    });
    expect({ step: step.type, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({
      step: step.type,
      status: 200,
      body: null,
    });
  }
}
