/**
 * A few candidates of the demo province for `npm start`, so the dashboard
 * has something to show on first open: one at each of several stages, one
 * whose papers run out before the next meeting, one whose committee decision
 * is overdue (an alert in the commune committee's inbox), one already an
 * official member. Dated from today (timeline.ts), so each can take its next
 * step whenever the demo is seeded. Recorded through the real workflow
 * (registration and Updates, every charter rule checked), and only when the
 * server holds no case yet.
 */
import type { Client } from '@temporalio/client';
import { localDateOf, type IsoDate } from '../charter/dates';
import { registryFacts } from '../org/facts';
import type { Registry } from '../org/registry';
import type { CommandInput } from '../schemas/commands';
import { caseHandle, registerCase } from '../temporal/cases';
import { sendInTurn, signedBy } from './full-case';
import { demoCases } from './timeline';
import { demoName } from './accounts';

/** The steps whose registry figures the API adds (routes/cases.ts), added here the same way. */
const REGISTRY_CHECKED = new Set([
  'RECORD_CELL_VOTE',
  'RECORD_COMMITTEE_DECISION',
  'RECORD_RECOGNITION_VOTE',
  'RECORD_RECOGNITION_DECISION',
]);

export async function seedDemo(
  client: Client,
  taskQueue: string,
  registry: Registry,
  /** Asia/Ho_Chi_Minh; a parameter so a test can name the day. */
  today: IsoDate = localDateOf(Date.now()),
): Promise<number> {
  const { count } = await client.workflow.count(`WorkflowType = 'candidate'`);
  if (count > 0) return 0;
  const cases = demoCases(today);
  await Promise.all(
    cases.map(async (d) => {
      const tree = registry.on(d.registeredOn);
      await registerCase(
        client,
        taskQueue,
        {
          caseId: d.caseId,
          profile: {
            fullName: d.fullName,
            birthDate: d.birthDate,
            education: 'higher',
            // Of youth age at a school with a Youth Union: members, introduced by it (full-case.ts).
            youthUnionMember: true,
            tradeUnionMember: false,
            family: [],
          },
          cellId: d.cellId,
          committeeIds: tree.committeesAbove(d.cellId),
          competentCommitteeId: tree.competentCommittee(d.cellId),
          youthUnionExists: true,
          registeredOn: d.registeredOn,
        },
        // The grace holds back alerts that a later step of the entry meets (the official member's). A case entered
        // up to its cell's vote meets no deadline after it, so its overdue decision (demo-cuong) alerts at once
        // instead of 30 minutes after npm start.
        d.steps.at(-1)?.[1].type === 'RECORD_CELL_VOTE' ? { alertGraceMinutes: 0 } : {},
      );
      const c = caseHandle(client, d.caseId);
      for (const [who, step] of d.steps) {
        // As the API does: a vote's and a decision's figures and competent committee are the registry's on its date.
        const facts = REGISTRY_CHECKED.has(String(step.type))
          ? {
              registry: registryFacts(registry, d.cellId, step.committeeId as string | undefined, step.date as IsoDate),
            }
          : {};
        const command = {
          ...step,
          ...facts,
          signedBy,
          recordedBy: { userId: who.userId, role: who.role, name: demoName(who.userId) },
        } as CommandInput;
        await sendInTurn(c, command);
      }
    }),
  );
  return cases.length;
}

/** Whether the demo cases belong here: the embedded dev server, unless PIPELINE_DEMO=false. */
export const demoWanted = (embedded: boolean): boolean => embedded && process.env.PIPELINE_DEMO !== 'false';
