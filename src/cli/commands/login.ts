/**
 * `pipeline login | logout`: a personal access token asked of the API with the user's password (never echoed,
 * or piped with --password-stdin), kept in the user's credentials file for every later command; logout revokes
 * it on the server before forgetting it.
 */
import { hostname } from 'node:os';
import type { Command } from 'commander';
import { ApiError, apiUrl, call } from '../api-client';
import { credentialsPath, readCredentials, removeCredentials, writeCredentials } from '../credentials';
import { dmyInstant, print } from '../format';
import { say } from '../lang';
import { askName, askSecret, passwordPrompt, readSecretFromStdin, userPrompt } from '../prompt';
import { parseCount, UsageError } from '../usage';

interface LoginOptions {
  api?: string;
  user?: string;
  role?: string;
  org?: string;
  expiresDays?: number;
  passwordStdin?: boolean;
  json?: boolean;
}

interface Issued {
  token: string;
  id: string;
  role: string;
  orgId: string;
  expiresAt: string;
}

/** What the API's refusals of a sign-in mean for the person at the terminal, when it gives no reason itself. */
const HINTS: Record<number, { vi: string; en: string }> = {
  403: {
    vi: 'phải đổi mật khẩu trước: đăng nhập bảng điều khiển để đổi, rồi chạy lại pipeline login',
    en: 'the password must be changed first: sign in to the dashboard to change it, then run pipeline login again',
  },
  423: { vi: 'tài khoản đang bị khóa', en: 'the account is locked' },
  429: { vi: 'thử quá nhiều lần: đợi một lúc rồi thử lại', en: 'too many attempts: wait a while and try again' },
};

export function addLoginCommands(program: Command) {
  program
    .command('login')
    .summary(say({ vi: 'đăng nhập và lưu mã truy cập', en: 'sign in and keep an access token' }))
    .description(
      say({
        vi:
          'Đăng nhập bằng mật khẩu (không hiện khi gõ) để lấy một mã truy cập cá nhân, lưu ở ' +
          '$XDG_CONFIG_HOME/party-pipeline/credentials.json (chỉ bạn đọc được); các lệnh sau dùng nó khi không có ' +
          '--token hay PIPELINE_TOKEN.',
        en:
          'Sign in with your password (not shown as you type) for a personal access token, kept in ' +
          '$XDG_CONFIG_HOME/party-pipeline/credentials.json (readable by you only); later commands use it when ' +
          'neither --token nor PIPELINE_TOKEN is given.',
      }),
    )
    .option('--api <url>', say({ vi: 'địa chỉ API (hoặc PIPELINE_API_URL)', en: 'the API (or PIPELINE_API_URL)' }))
    .option('--user <name>', say({ vi: 'tên đăng nhập (mặc định: hỏi)', en: 'user name (asked if not given)' }))
    .option(
      '--role <role>',
      say({
        vi: 'vai trò dùng mã này, khi bạn có nhiều vai trò (cùng --org)',
        en: 'the role the token acts as, if you have several (with --org)',
      }),
    )
    .option('--org <id>', say({ vi: 'tổ chức của vai trò đó', en: "that role's organisation" }))
    .option(
      '--expires-days <n>',
      say({
        vi: 'mã hết hạn sau n ngày (mặc định theo máy chủ)',
        en: "the token expires after n days (the server's default otherwise)",
      }),
      parseCount(1),
    )
    .option('--password-stdin', say({ vi: 'đọc mật khẩu từ stdin', en: 'read the password from stdin' }))
    .option(
      '--json',
      say({ vi: 'in kết quả dạng JSON (không có mã)', en: 'print the outcome as JSON (without the token)' }),
    )
    .action(login);

  program
    .command('logout')
    .summary(say({ vi: 'thu hồi mã truy cập đã lưu và xóa nó', en: 'revoke the saved access token and forget it' }))
    .description(
      say({
        vi: 'Thu hồi trên máy chủ mã mà pipeline login đã lưu, rồi xóa tệp đăng nhập.',
        en: 'Revoke on the server the token pipeline login saved, then delete the credentials file.',
      }),
    )
    .action(logout);
}

async function login(opts: LoginOptions) {
  if (Boolean(opts.role) !== Boolean(opts.org))
    throw new UsageError({
      vi: 'login: --role và --org phải đi cùng nhau',
      en: 'login: --role and --org go together',
    });
  let saved;
  try {
    saved = readCredentials();
  } catch {
    // An unreadable file is about to be replaced.
  }
  const api = apiUrl(opts, process.env, saved?.api);
  const username = opts.user ?? (await askName(userPrompt()));
  if (!username) throw new UsageError({ vi: 'login: thiếu tên đăng nhập', en: 'login: missing the user name' });
  const password = opts.passwordStdin ? readSecretFromStdin() : await askSecret(passwordPrompt());
  let issued: Issued;
  try {
    issued = await call<Issued>(
      { url: api },
      'POST',
      '/auth/tokens',
      {
        username,
        password,
        ...(opts.role ? { role: opts.role, orgId: opts.org } : {}),
        ...(opts.expiresDays ? { expiresInDays: opts.expiresDays } : {}),
        // The API keeps labels up to 100 characters.
        label: `pipeline login, ${hostname()}`.slice(0, 100),
      },
      { anonymous: true },
    );
  } catch (err) {
    const hint = err instanceof ApiError && !err.body.reason ? HINTS[err.status] : undefined;
    if (hint) throw new ApiError((err as ApiError).status, { ...(err as ApiError).body, message: say(hint) });
    throw err;
  }
  const { token, ...kept } = issued;
  const path = writeCredentials({ api, token, ...kept, username });
  print(opts.json, { api, username, ...kept, file: path }, () =>
    say({
      vi: `đã đăng nhập ${api} là ${username} (${issued.role}, ${issued.orgId}); mã hết hạn ngày ${dmyInstant(issued.expiresAt)}, lưu ở ${path}`,
      en: `signed in to ${api} as ${username} (${issued.role}, ${issued.orgId}); the token expires on ${dmyInstant(issued.expiresAt)}, kept in ${path}`,
    }),
  );
}

async function logout() {
  const saved = readCredentials();
  if (!saved) {
    process.stdout.write(say({ vi: 'chưa đăng nhập\n', en: 'not signed in\n' }));
    return;
  }
  let note: { vi: string; en: string };
  try {
    await call({ url: saved.api, token: saved.token }, 'DELETE', `/auth/tokens/${encodeURIComponent(saved.id)}`);
    note = { vi: `đã thu hồi mã ${saved.id}`, en: `token ${saved.id} revoked` };
  } catch (err) {
    // Expired, revoked elsewhere or its account gone: nothing left to revoke, only the file to forget.
    if (!(err instanceof ApiError && (err.status === 401 || err.status === 404))) throw err;
    note = { vi: `mã ${saved.id} đã hết hiệu lực`, en: `token ${saved.id} was no longer valid` };
  }
  removeCredentials();
  process.stdout.write(
    say({
      vi: `đã đăng xuất ${saved.username} khỏi ${saved.api}: ${note.vi}; đã xóa ${credentialsPath()}\n`,
      en: `signed ${saved.username} out of ${saved.api}: ${note.en}; deleted ${credentialsPath()}\n`,
    }),
  );
}
