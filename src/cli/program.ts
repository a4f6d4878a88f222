/**
 * The `pipeline` command line on commander: every command with its own --help, in the user's language, and
 * commander's errors rewritten to name the command and the option that was wrong.
 */
import { Command, Option, type ErrorOptions } from 'commander';
import type { Bilingual } from '../charter/rule';
import { translateCommanderError } from './commander-messages';
import { LANGS, say } from './lang';

const TITLES: Record<string, Bilingual> = {
  'Usage:': { vi: 'Cách dùng:', en: 'Usage:' },
  'Arguments:': { vi: 'Tham số:', en: 'Arguments:' },
  'Options:': { vi: 'Tùy chọn:', en: 'Options:' },
  'Global Options:': { vi: 'Tùy chọn chung:', en: 'Global options:' },
  'Commands:': { vi: 'Lệnh:', en: 'Commands:' },
};

/** A command whose parsing errors are in the user's language; its subcommands are the same kind. */
export class PipelineCommand extends Command {
  override createCommand(name?: string): PipelineCommand {
    return new PipelineCommand(name);
  }

  override error(message: string, options?: ErrorOptions): never {
    // `send: …` as the CLI's own usage errors say it; the root only for its own errors.
    const path = [this.name()];
    for (let c = this.parent; c?.parent; c = c.parent) path.unshift(c.name());
    return super.error(translateCommanderError(path.join(' '), message), options);
  }
}

/** The options of every command that talks to the API. */
export interface ApiOptions {
  api?: string;
  token?: string;
  json?: boolean;
}

export function withApiOptions(cmd: Command): Command {
  return cmd
    .option(
      '--api <url>',
      say({
        vi: 'địa chỉ API (hoặc PIPELINE_API_URL, hoặc địa chỉ đã đăng nhập; mặc định http://127.0.0.1:8080)',
        en: 'the API (or PIPELINE_API_URL, or the one signed in to; default http://127.0.0.1:8080)',
      }),
    )
    .option(
      '--token <token>',
      say({
        vi: 'mã truy cập (hoặc PIPELINE_TOKEN; mặc định mã của pipeline login)',
        en: 'access token (or PIPELINE_TOKEN; by default the one pipeline login saved)',
      }),
    )
    .option('--json', say({ vi: 'in JSON của API thay cho bảng', en: "print the API's JSON instead of tables" }));
}

const EXIT_CODES: Bilingual = {
  vi: `
Mã thoát: 0 xong; 1 không kết nối được hoặc lỗi máy chủ; 2 sai cú pháp lệnh; 3 có dòng bị từ chối (import)
hoặc hồ sơ không phát lại được (audit); 4 API từ chối (quyền, quy định, không tìm thấy).
Ngôn ngữ: --lang en hoặc PIPELINE_LANG=en để dùng tiếng Anh.`,
  en: `
Exit codes: 0 done; 1 the API cannot be reached or failed; 2 the command line is wrong; 3 rows were rejected
(import) or a case does not replay (audit); 4 the API said no (permission, charter rule, not found).
Language: Vietnamese unless --lang en or PIPELINE_LANG=en.`,
};

export function rootProgram(): PipelineCommand {
  const program = new PipelineCommand('pipeline');
  program
    .description(
      say({
        vi: 'Quy trình phát triển đảng viên từ dòng lệnh: hồ sơ, cảnh báo, nhập danh sách, kiểm tra.',
        en: 'The candidate pipeline from the command line: cases, alerts, imports, audits.',
      }),
    )
    .addOption(
      new Option('--lang <lang>', say({ vi: 'ngôn ngữ: vi hoặc en', en: 'language: vi or en' })).choices(LANGS),
    )
    .helpOption('-h, --help', say({ vi: 'xem hướng dẫn của lệnh', en: 'show the help of the command' }))
    .helpCommand('help [command]', say({ vi: 'xem hướng dẫn của một lệnh', en: 'show the help of a command' }))
    .configureHelp({
      styleTitle: (title) => (TITLES[title] ? say(TITLES[title]) : title),
      // Descriptions say their defaults and choices themselves, in the user's language.
      optionDescription: (option) => option.description,
      argumentDescription: (argument) => argument.description,
      showGlobalOptions: true,
    })
    .addHelpText('after', say(EXIT_CODES))
    .exitOverride();
  return program;
}
