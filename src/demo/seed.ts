/**
 * A few candidates of the demo province for `npm start`, so the dashboard
 * has something to show on first open: one at each of several stages, one
 * whose committee decision is overdue (an alert in the commune committee's
 * inbox), one already an official member. Recorded through the real
 * workflow (registration and Updates, every charter rule checked), and only
 * when the server holds no case yet.
 */
import type { Client } from '@temporalio/client';
import { iso } from '../charter/dates';
import type { Registry } from '../org/registry';
import type { CommandInput } from '../schemas/commands';
import { caseHandle, registerCase } from '../temporal/cases';
import { sendInTurn, signedBy, STEPS } from './full-case';

const DEMO: Array<{ caseId: string; fullName: string; birthDate: string; cellId: string; steps: number }> = [
  { caseId: 'demo-an', fullName: 'Nguyễn Văn An', birthDate: '1999-03-08', cellId: 'cb-thpt-a', steps: 4 },
  { caseId: 'demo-binh', fullName: 'Trần Thị Bình', birthDate: '1997-11-20', cellId: 'cb-thpt-a', steps: 8 },
  { caseId: 'demo-cuong', fullName: 'Lê Văn Cường', birthDate: '1996-05-02', cellId: 'cb-thpt-a', steps: 9 },
  { caseId: 'demo-dung', fullName: 'Phạm Thị Dung', birthDate: '1998-04-12', cellId: 'cb-thpt-a', steps: STEPS.length },
  { caseId: 'demo-em', fullName: 'Hoàng Văn Em', birthDate: '2000-01-15', cellId: 'cb-thon-1', steps: 1 },
];

export async function seedDemo(client: Client, taskQueue: string, registry: Registry): Promise<number> {
  const { count } = await client.workflow.count(`WorkflowType = 'candidate'`);
  if (count > 0) return 0;
  const registeredOn = iso('2025-07-01');
  const tree = registry.on(registeredOn);
  await Promise.all(
    DEMO.map(async (d) => {
      await registerCase(client, taskQueue, {
        caseId: d.caseId,
        profile: {
          fullName: d.fullName,
          birthDate: iso(d.birthDate),
          education: 'higher',
          // Of youth age at a school with a Youth Union: members, introduced by it (STEPS).
          youthUnionMember: true,
          tradeUnionMember: false,
          family: [],
        },
        cellId: d.cellId,
        committeeIds: tree.committeesAbove(d.cellId),
        competentCommitteeId: tree.competentCommittee(d.cellId),
        youthUnionExists: true,
        registeredOn,
      });
      const c = caseHandle(client, d.caseId);
      for (const [who, step] of STEPS.slice(0, d.steps)) {
        const command = { ...step, signedBy, recordedBy: { userId: who.userId, role: who.role } } as CommandInput;
        await sendInTurn(c, command);
      }
    }),
  );
  return DEMO.length;
}

/** Whether the demo cases belong here: the embedded dev server, unless PIPELINE_DEMO=false. */
export const demoWanted = (embedded: boolean): boolean => embedded && process.env.PIPELINE_DEMO !== 'false';
