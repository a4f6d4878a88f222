/**
 * `npm run accounts -- <command>`: an operator's way in when no admin can sign in (a new province, a lost password),
 * straight on the app database (PIPELINE_DATABASE_URL, else npm start's PGlite in .data/app-db, which only one
 * process may open: stop `npm start` first). Everything else about accounts is the dashboard's (Tài khoản).
 *
 *   create-admin <username> "<full name>" <orgId>   a new admin with a one-time password
 *   reset-password <username>                      a one-time password; the account's sessions end
 *   unlock <username>                              lifts a lock after repeated failed sign-ins
 */
import { logAuthEvent } from '../src/accounts/events';
import { createAccount, resetPassword, unlockAccount } from '../src/accounts/store';
import { loadDatabaseConfig } from '../src/db/config';
import { connectDatabase } from '../src/db/open';

const USAGE =
  'usage: npm run accounts -- create-admin <username> "<full name>" <orgId> | reset-password <username> | unlock <username>';

async function main() {
  const [command, ...args] = process.argv.slice(2);
  const database = await connectDatabase(loadDatabaseConfig());
  const db = database.db;
  const actor = `operator (${process.env.USER ?? 'unknown'})`;
  try {
    if (command === 'create-admin' && args.length === 3) {
      const [username, fullName, orgId] = args as [string, string, string];
      const { oneTimePassword } = await createAccount(db, {
        username,
        fullName,
        grants: [{ role: 'admin', orgId }],
        createdBy: actor,
      });
      await logAuthEvent(db, {
        kind: 'account_created',
        username,
        actor,
        detail: { grants: [{ role: 'admin', orgId }] },
      });
      console.log(`accounts: ${username} created; one-time password ${oneTimePassword} (change it at first sign-in)`);
    } else if (command === 'reset-password' && args.length === 1) {
      const otp = await resetPassword(db, args[0]!);
      await logAuthEvent(db, { kind: 'password_reset', username: args[0]!, actor });
      console.log(`accounts: ${args[0]}'s one-time password ${otp} (change it at first sign-in)`);
    } else if (command === 'unlock' && args.length === 1) {
      await unlockAccount(db, args[0]!);
      await logAuthEvent(db, { kind: 'account_unlocked', username: args[0]!, actor });
      console.log(`accounts: ${args[0]} unlocked`);
    } else {
      console.error(USAGE);
      process.exitCode = 2;
    }
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(
    `accounts: ${err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : err}`,
  );
  process.exit(1);
});
