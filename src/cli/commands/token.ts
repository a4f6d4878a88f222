/** `pipeline token`: issue a token with the server's secret, for whoever runs the server. */
import { parseArgs } from 'node:util';
import { loadApiConfig } from '../../api/config';
import { issueToken, Principal } from '../../auth/tokens';
import { UsageError } from '../usage';

export async function tokenCommand(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      role: { type: 'string' },
      org: { type: 'string' },
      user: { type: 'string' },
      expires: { type: 'string', default: '8h' },
    },
  });
  const p = Principal.safeParse({ role: values.role, orgId: values.org, userId: values.user });
  if (!p.success) {
    const i = p.error.issues[0]!;
    const flag = { role: '--role', orgId: '--org', userId: '--user' }[String(i.path[0])] ?? String(i.path[0]);
    throw new UsageError(`token: ${flag}: ${i.message}`);
  }
  process.stdout.write((await issueToken(loadApiConfig().keys, p.data, values.expires)) + '\n');
}
