/** `pipeline <command>`: the terminal face of the engine. */
import { CommanderError } from 'commander';
import { ApiError } from './api-client';
import { addAlertCommands } from './commands/alerts';
import { addAuditCommand } from './commands/audit';
import { addCaseCommands } from './commands/cases';
import { addDocumentCommand } from './commands/document';
import { addImportCommand } from './commands/import';
import { addLoginCommands } from './commands/login';
import { addSimulateCommand } from './commands/simulate';
import { chooseLang } from './lang';
import { rootProgram } from './program';
import { UsageError } from './usage';

/** 0 done; 1 unreachable or failed; 2 the command line was wrong; 3 set by import and audit; 4 the API said no. */
function exitCodeOf(err: unknown): number {
  if (err instanceof CommanderError)
    return ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(err.code) ? 0 : 2;
  if (err instanceof UsageError) return 2;
  if (err instanceof ApiError) return err.status < 500 ? 4 : 1;
  return 1;
}

async function main(argv: string[]) {
  chooseLang(argv);
  const program = rootProgram();
  addCaseCommands(program);
  addAlertCommands(program);
  addImportCommand(program);
  addAuditCommand(program);
  addDocumentCommand(program);
  addLoginCommands(program);
  addSimulateCommand(program);
  await program.parseAsync(argv, { from: 'user' });
}

main(process.argv.slice(2)).catch((err) => {
  // Commander has already written its own errors and help.
  if (!(err instanceof CommanderError)) process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(exitCodeOf(err));
});
