/** `pipeline <command>`: the terminal face of the engine. */
import { ApiError } from './api-client';
import { ackCommand, alertsCommand } from './commands/alerts';
import { auditCommand } from './commands/audit';
import { listCommand, registerCommand, sendCommand, showCommand } from './commands/cases';
import { importCommand } from './commands/import';
import { simulateCommand } from './commands/simulate';
import { tokenCommand } from './commands/token';
import { USAGE, UsageError } from './usage';

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  register: registerCommand,
  send: sendCommand,
  show: showCommand,
  list: listCommand,
  alerts: alertsCommand,
  ack: ackCommand,
  import: importCommand,
  audit: auditCommand,
  token: tokenCommand,
  simulate: simulateCommand,
};

async function main(argv: string[]) {
  const [name, ...rest] = argv;
  const command = name && COMMANDS[name];
  if (!command) {
    process.stderr.write(USAGE);
    process.exit(name && name !== '--help' ? 2 : 0);
  }
  await command(rest);
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  // 2: the command line was wrong; 4: the API said no (4xx); 1: anything else.
  process.exit(
    err instanceof UsageError || (err instanceof Error && err.name === 'TypeError' && 'code' in err)
      ? 2
      : err instanceof ApiError && err.status < 500
        ? 4
        : 1,
  );
});
