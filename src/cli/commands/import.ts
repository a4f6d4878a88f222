/**
 * `pipeline import <file> --cell <id>`: a cell's existing list (CSV or .xlsx)
 * registered through the API in batches. Each row goes in or is rejected on
 * its own; rejected rows are written with their reasons to a report file;
 * running it again registers nobody twice.
 */
import type { Command } from 'commander';
import { say } from '../lang';
import { withApiOptions, type ApiOptions } from '../program';

/**
 * Loaded when the command runs, not when the CLI starts: its modules take seconds to load, which every other command
 * would pay. Required (tsx's CommonJS hook compiles it), since a dynamic import() would bypass that hook.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadImportRun = () => require('./import-run') as typeof import('./import-run');

export interface ImportOptions extends ApiOptions {
  cell: string;
  dryRun?: boolean;
  report?: string;
  youthUnion: boolean;
}

export function addImportCommand(program: Command) {
  withApiOptions(
    program
      .command('import')
      .summary(say({ vi: 'nhập danh sách của một chi bộ (CSV, Excel)', en: "import a cell's list (CSV, Excel)" }))
      .description(
        say({
          vi:
            'Đăng ký danh sách quần chúng ưu tú của một chi bộ (CSV hoặc .xlsx); dòng bị từ chối và lý do được ghi ' +
            'vào tệp báo cáo; chạy lại không đăng ký ai hai lần. Mã thoát 3 khi có dòng bị từ chối.',
          en:
            "Register a cell's existing list (CSV or .xlsx); rejected rows and their reasons go to the report file; " +
            'running it again registers nobody twice. Exit code 3 when some rows were rejected.',
        }),
      )
      .argument('<file>', say({ vi: 'tệp .csv hoặc .xlsx', en: 'the .csv or .xlsx file' }))
      .requiredOption('--cell <id>', say({ vi: 'chi bộ của danh sách', en: "the list's cell" }))
      .option('--dry-run', say({ vi: 'chỉ kiểm tra, không đăng ký', en: 'check only, register nobody' }))
      .option(
        '--report <file>',
        say({
          vi: 'tệp các dòng bị từ chối (mặc định <file>.rejected.csv)',
          en: 'rejected rows (default <file>.rejected.csv)',
        }),
      )
      .option('--no-youth-union', say({ vi: 'đơn vị không có tổ chức Đoàn', en: 'the unit has no Youth Union' })),
  ).action((file: string, opts: ImportOptions) => loadImportRun().importList(file, opts));
}
