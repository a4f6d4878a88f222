/**
 * Commander's own errors (unknown option, missing argument, …) in the user's language, naming the command and the
 * option. Commander writes them in English only; its message carries the option's name, which is kept.
 */
import type { Bilingual } from '../charter/rule';
import { lang } from './lang';

type Translate = (m: RegExpExecArray) => Bilingual;

const SUGGESTION = /\n\(Did you mean (?:one of )?(.+)\?\)$/;

const MESSAGES: Array<[RegExp, Translate]> = [
  [/^error: unknown option '([^']+)'/, (m) => ({ vi: `không có tùy chọn '${m[1]}'`, en: `unknown option '${m[1]}'` })],
  [/^error: unknown command '([^']+)'/, (m) => ({ vi: `không có lệnh '${m[1]}'`, en: `unknown command '${m[1]}'` })],
  [/^error: missing required argument '([^']+)'/, (m) => ({ vi: `thiếu tham số <${m[1]}>`, en: `missing <${m[1]}>` })],
  [
    /^error: option '([^']+)' argument missing/,
    (m) => ({ vi: `tùy chọn '${m[1]}' cần một giá trị`, en: `option '${m[1]}' needs a value` }),
  ],
  [
    /^error: required option '([^']+)' not specified/,
    (m) => ({ vi: `thiếu tùy chọn bắt buộc '${m[1]}'`, en: `missing the required option '${m[1]}'` }),
  ],
  [
    /^error: too many arguments.*Expected (\d+) arguments? but got (\d+)/,
    (m) => ({ vi: `thừa tham số: cần ${m[1]}, nhận ${m[2]}`, en: `too many arguments: expected ${m[1]}, got ${m[2]}` }),
  ],
  [
    /^error: option '([^']+)' argument '([^']*)' is invalid\. ?([^]*)$/,
    (m) => ({
      vi: `tùy chọn '${m[1]}': '${m[2]}' không hợp lệ: ${choices(m[3]!, 'vi')}`,
      en: `option '${m[1]}': '${m[2]}' is not valid: ${choices(m[3]!, 'en')}`,
    }),
  ],
  [
    /^error: command-argument value '([^']*)' is invalid for argument '([^']+)'\. ?([^]*)$/,
    (m) => ({
      vi: `<${m[2]}>: '${m[1]}' không hợp lệ: ${choices(m[3]!, 'vi')}`,
      en: `<${m[2]}>: '${m[1]}' is not valid: ${choices(m[3]!, 'en')}`,
    }),
  ],
  [
    /^error: option '([^']+)' cannot be used with option '([^']+)'/,
    (m) => ({ vi: `không dùng '${m[1]}' cùng với '${m[2]}'`, en: `'${m[1]}' cannot be used with '${m[2]}'` }),
  ],
];

/** Commander's "Allowed choices are a, b." (our own parsers' reasons are already in the user's language). */
function choices(reason: string, l: 'vi' | 'en'): string {
  const m = /^Allowed choices are (.+)\.$/.exec(reason.trim());
  if (!m) return reason.trim();
  return l === 'vi' ? `chỉ nhận ${m[1]}.` : `expected one of ${m[1]}.`;
}

/** `pipeline list: không có tùy chọn '--colour'`; the message as commander wrote it if it is not one of the above. */
export function translateCommanderError(commandPath: string, message: string): string {
  const suggestion = SUGGESTION.exec(message);
  const text = suggestion ? message.slice(0, suggestion.index) : message;
  for (const [re, translate] of MESSAGES) {
    const m = re.exec(text);
    if (!m) continue;
    const t = translate(m)[lang()];
    const hint = suggestion
      ? lang() === 'vi'
        ? ` (có phải là ${suggestion[1]}?)`
        : ` (did you mean ${suggestion[1]}?)`
      : '';
    return `${commandPath}: ${t}${hint}`;
  }
  return `${commandPath}: ${text.replace(/^error: /, '')}`;
}
