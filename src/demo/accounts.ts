/**
 * The demo province's people for `npm start`: one of each role, with one-time passwords printed once, on the first
 * start only (an empty accounts table). The secretary and the commune committee are the ones who recorded the
 * demo cases' steps (full-case.ts), so the trail names them.
 */
import { count } from 'drizzle-orm';
import type { Grant } from '../auth/principal';
import { createAccount } from '../accounts/store';
import type { Db } from '../db/open';
import { accounts } from '../db/schema';
import { COMMITTEE, SECRETARY } from './full-case';

export const DEMO_PEOPLE: Array<{ username: string; fullName: string; grant: Grant }> = [
  { username: SECRETARY.userId, fullName: 'Trần Văn Bình', grant: { role: 'cell_secretary', orgId: SECRETARY.orgId } },
  { username: COMMITTEE.userId, fullName: 'Nguyễn Thị Hoa', grant: { role: 'committee', orgId: COMMITTEE.orgId } },
  { username: 'kiem-tra-tinh', fullName: 'Lê Minh Tuấn', grant: { role: 'auditor', orgId: 'tu-demo' } },
  { username: 'quan-tri', fullName: 'Phạm Quốc Việt', grant: { role: 'admin', orgId: 'tu-demo' } },
];

/** The demo accounts with their one-time passwords, or [] when the province already has accounts. */
export async function seedDemoAccounts(db: Db) {
  const [row] = await db.select({ n: count() }).from(accounts);
  if (row!.n > 0) return [];
  const created = [];
  for (const person of DEMO_PEOPLE) {
    const { oneTimePassword } = await createAccount(db, {
      username: person.username,
      fullName: person.fullName,
      grants: [person.grant],
      createdBy: null,
    });
    created.push({ ...person, oneTimePassword: oneTimePassword! });
  }
  return created;
}

/** The name the demo's recorded steps carry for a demo user. */
export const demoName = (userId: string) => DEMO_PEOPLE.find((p) => p.username === userId)?.fullName;
