/** The options every API command takes, and the error that means "you typed it wrong" (exit code 2). */
export class UsageError extends Error {}

export const CliOptions = {
  api: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

export const USAGE = `usage: pipeline <command> [options]

Commands that use the API take --api <url> (or PIPELINE_API_URL, default http://127.0.0.1:8080),
--token <token> (or PIPELINE_TOKEN) and --json (machine-readable output instead of tables).

  register <registration.json>           register a candidate (caseId, profile, cellId, registeredOn, …)
  send <caseId> <command.json | ->       record a step (the JSON command; - reads it from stdin)
  show <caseId>                          a case: stage, deadlines, the trail of accepted steps
  list [--cell id] [--committee id] [--stage s] [--overdue] [--due-before yyyy-MM-dd]
       [--closed] [--page-size n] [--all]
                                         cases you may see, by cell, committee subtree, stage, overdue
  alerts <committee> [--status open|closed|all] [--unacknowledged]
                                         a committee's alerts
  ack <committee> <alertId>              acknowledge an alert
  import <file.csv|file.xlsx> --cell <id> [--dry-run] [--report rejected.csv] [--no-youth-union]
                                         register a cell's existing list; rejected rows and reasons go to
                                         the report file; re-running registers nobody twice
                                         (exit code 3 when some rows were rejected)
  audit <caseId> [--as-of yyyy-MM-dd] [--out report.json] [--html report.html] [--compare earlier.json]
                                         replay the case's history on the current code, rebuild its timeline,
                                         re-check every step by the rules of its date (exit code 3 when it does
                                         not replay or differs from the earlier export)
  audit --committee <id> [--out-dir dir] every case under a committee, with a progress bar and a summary
  token --role <role> --org <id> --user <id> [--expires 8h]
                                         issue a token with the server's secret (PIPELINE_TOKEN_SECRET or
                                         .data/token-secret): role cell_secretary, committee, auditor, admin
  simulate <scenario.json>... [--out file] [--check]
                                         run each candidate's dated steps on the time-skipping server (real
                                         worker and workflow) and print the outcome; --check compares it
                                         with the scenario's "expect"
`;
