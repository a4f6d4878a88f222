/** Asking at the terminal: a name (echoed) and a password (never echoed), or a password piped on stdin. */
import { createInterface } from 'node:readline/promises';
import { readFileSync } from 'node:fs';
import type { Bilingual } from '../charter/rule';
import { say } from './lang';
import { UsageError } from './usage';

const NO_TERMINAL = (what: Bilingual, flag: string) =>
  new UsageError({
    vi: `login: không có terminal để hỏi ${what.vi}: dùng ${flag}`,
    en: `login: no terminal to ask for the ${what.en}: use ${flag}`,
  });

export async function askName(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw NO_TERMINAL({ vi: 'tên đăng nhập', en: 'user name' }, '--user');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

/** Read in raw mode so nothing the user types reaches the screen; Ctrl-C leaves at once (exit 130). */
export function askSecret(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return Promise.reject(NO_TERMINAL({ vi: 'mật khẩu', en: 'password' }, '--password-stdin'));
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          finish();
          process.exit(130);
        }
        if (ch === '\u007f' || ch === '\b') value = Array.from(value).slice(0, -1).join('');
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** `--password-stdin`: everything piped in, less the one line end `echo` adds. */
export function readSecretFromStdin(): string {
  const text = readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  if (!text)
    throw new UsageError({
      vi: 'login: --password-stdin nhưng stdin không có mật khẩu',
      en: 'login: --password-stdin, but stdin held no password',
    });
  return text;
}

export const passwordPrompt = () => say({ vi: 'Mật khẩu: ', en: 'Password: ' });
export const userPrompt = () => say({ vi: 'Tên đăng nhập: ', en: 'User name: ' });
