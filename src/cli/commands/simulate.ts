/** `pipeline simulate`: scenarios of dated steps run on the time-skipping server. */
import type { Command } from 'commander';
import { say } from '../lang';

/**
 * Loaded when the command runs, not when the CLI starts: its modules take seconds to load, which every other command
 * would pay. Required (tsx's CommonJS hook compiles it), since a dynamic import() would bypass that hook.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadSimulateRun = () => require('./simulate-run') as typeof import('./simulate-run');

export function addSimulateCommand(program: Command) {
  program
    .command('simulate')
    .summary(
      say({ vi: 'chạy kịch bản trên máy chủ tua nhanh thời gian', en: 'run scenarios on the time-skipping server' }),
    )
    .description(
      say({
        vi:
          'Chạy các bước có ngày của từng ứng viên trên máy chủ tua nhanh thời gian (worker và workflow thật) và in ' +
          'kết quả; --check so với phần "expect" của kịch bản.',
        en:
          "Run each candidate's dated steps on the time-skipping server (real worker and workflow) and print the " +
          'outcome; --check compares it with the scenario\'s "expect".',
      }),
    )
    .argument('<scenario.json...>', say({ vi: 'các tệp kịch bản', en: 'the scenario files' }))
    .option(
      '--out <file>',
      say({ vi: 'ghi kết quả vào tệp thay vì stdout', en: 'write the outcome to a file, not stdout' }),
    )
    .option('--check', say({ vi: 'so với phần "expect"', en: 'compare with "expect"' }))
    .action((files: string[], opts: { out?: string; check?: boolean }) => loadSimulateRun().simulate(files, opts));
}
