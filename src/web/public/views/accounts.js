// Accounts: the admin's page (create with a one-time password, disable and enable, unlock, reset the password,
// assign roles over the registry's tree, end sessions), the sign-in log (auditors and admins), and everyone's own
// page (password, sign out everywhere, access tokens).
import { api, ApiError } from '../api.js';
import { h, table } from '../dom.js';
import { bi, fmtDateTime, t } from '../i18n.js';
import { section, setFlash, takeFlash } from '../ui.js';

const ROLES = ['cell_secretary', 'committee', 'auditor', 'admin'];
const reasonOf = (err) =>
  err instanceof ApiError ? bi(err.body.reason) || err.body.message || err.message : String(err.message ?? err);

/** A button that runs `work`, then redraws the page with a message; a refusal shows beside it. */
function action(label, work, { confirm: question, rerender, id } = {}) {
  const button = h('button', { type: 'button', class: 'secondary', id });
  button.textContent = label;
  button.addEventListener('click', async () => {
    if (question && !window.confirm(question)) return;
    button.disabled = true;
    try {
      const message = await work();
      if (message) setFlash(message);
      rerender();
    } catch (err) {
      button.disabled = false;
      button.after(h('span', { class: 'error', role: 'alert' }, ` ${reasonOf(err)}`));
    }
  });
  return button;
}

const grantText = (me, g) => `${t(`roles.${g.role}`)} · ${me.unitNames[g.orgId] ?? g.orgId}`;

function stateText(a) {
  if (!a.enabled) return bi({ vi: 'Đã khóa (vô hiệu)', en: 'Disabled' });
  if (a.lockedUntil)
    return bi({ vi: `Tạm khóa đến ${fmtDateTime(a.lockedUntil)}`, en: `Locked until ${fmtDateTime(a.lockedUntil)}` });
  if (a.mustChangePassword) return bi({ vi: 'Chờ đổi mật khẩu', en: 'Must change password' });
  return bi({ vi: 'Đang dùng', en: 'Active' });
}

/** Role and organisation pickers for one grant. */
function grantPicker(me, prefix) {
  const orgs = Object.entries(me.unitNames).sort((a, b) => a[1].localeCompare(b[1], 'vi'));
  return [
    h(
      'div',
      { class: 'field' },
      h('label', { for: `${prefix}-role` }, bi({ vi: 'Vai trò', en: 'Role' })),
      h(
        'select',
        { id: `${prefix}-role` },
        ROLES.map((r) => h('option', { value: r }, t(`roles.${r}`))),
      ),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: `${prefix}-org` }, bi({ vi: 'Tổ chức', en: 'Organisation' })),
      h(
        'select',
        { id: `${prefix}-org` },
        orgs.map(([id, name]) => h('option', { value: id }, `${name} (${id})`)),
      ),
    ),
  ];
}

/** The one-time password, shown once, for the admin to hand over. */
const oneTime = (username, otp) =>
  bi({
    vi: `Mật khẩu dùng một lần của ${username}: ${otp} — chỉ hiện lần này; người dùng phải đổi khi đăng nhập.`,
    en: `One-time password of ${username}: ${otp} — shown this once; they must change it at sign-in.`,
  });

export async function accountsView({ me, args, rerender }) {
  if (args[0]) return accountDetail(me, args[0], rerender);
  const { accounts } = await api('GET', '/admin/accounts');
  const status = h('div', { class: 'form-status error', role: 'alert' });
  const form = h(
    'form',
    { class: 'grid-form', id: 'new-account' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'new-username' }, bi({ vi: 'Tên đăng nhập', en: 'Username' })),
      h('input', { id: 'new-username', required: true, autocomplete: 'off', spellcheck: 'false' }),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'new-fullname' }, t('name')),
      h('input', { id: 'new-fullname', required: true, autocomplete: 'off' }),
    ),
    grantPicker(me, 'new'),
    h('button', { type: 'submit' }, bi({ vi: 'Tạo tài khoản', en: 'Create account' })),
    status,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const username = form.querySelector('#new-username').value.trim();
      const created = await api('POST', '/admin/accounts', {
        username,
        fullName: form.querySelector('#new-fullname').value,
        grants: [{ role: form.querySelector('#new-role').value, orgId: form.querySelector('#new-org').value }],
      });
      setFlash(oneTime(created.account.username, created.oneTimePassword));
      rerender();
    } catch (err) {
      status.textContent = reasonOf(err);
    }
  });
  const rows = accounts.map((a) =>
    h(
      'tr',
      {},
      h(
        'td',
        { 'data-label': bi({ vi: 'Tài khoản', en: 'Account' }) },
        h('a', { href: `#/accounts/${encodeURIComponent(a.username)}` }, `${a.fullName} (${a.username})`),
      ),
      h('td', { 'data-label': bi({ vi: 'Vai trò', en: 'Roles' }) }, a.grants.map((g) => grantText(me, g)).join('; ')),
      h('td', { 'data-label': bi({ vi: 'Trạng thái', en: 'State' }) }, stateText(a)),
    ),
  );
  return [
    takeFlash(),
    section(
      bi({ vi: 'Tài khoản', en: 'Accounts' }),
      table(
        [
          bi({ vi: 'Tài khoản', en: 'Account' }),
          bi({ vi: 'Vai trò', en: 'Roles' }),
          bi({ vi: 'Trạng thái', en: 'State' }),
        ],
        rows,
        { id: 'accounts' },
      ),
    ),
    section(bi({ vi: 'Tạo tài khoản', en: 'New account' }), form),
  ];
}

async function accountDetail(me, username, rerender) {
  const path = `/admin/accounts/${encodeURIComponent(username)}`;
  const { account: a, sessions, tokens } = await api('GET', path);
  const opts = { rerender };
  const actions = h(
    'div',
    { class: 'actions' },
    a.enabled
      ? action(bi({ vi: 'Vô hiệu hóa', en: 'Disable' }), () => api('PATCH', path, { enabled: false }).then(() => ''), {
          ...opts,
          id: 'disable',
          confirm: bi({
            vi: `Vô hiệu hóa ${a.fullName}? Mọi phiên sẽ kết thúc.`,
            en: `Disable ${a.fullName}? Every session ends.`,
          }),
        })
      : action(bi({ vi: 'Cho dùng lại', en: 'Enable' }), () => api('PATCH', path, { enabled: true }).then(() => ''), {
          ...opts,
          id: 'enable',
        }),
    a.lockedUntil
      ? action(bi({ vi: 'Mở khóa', en: 'Unlock' }), () => api('POST', `${path}/unlock`).then(() => ''), {
          ...opts,
          id: 'unlock',
        })
      : null,
    action(
      bi({ vi: 'Đặt lại mật khẩu', en: 'Reset password' }),
      async () => oneTime(a.username, (await api('POST', `${path}/reset-password`)).oneTimePassword),
      { ...opts, id: 'reset-password' },
    ),
    action(
      bi({ vi: 'Đăng xuất mọi nơi', en: 'Sign out everywhere' }),
      () => api('POST', `${path}/sign-out-everywhere`).then(() => ''),
      { ...opts, id: 'sign-out-all' },
    ),
  );
  const grants = h(
    'ul',
    { id: 'grants' },
    a.grants.map((g, i) =>
      h(
        'li',
        {},
        grantText(me, g),
        ' ',
        action(
          bi({ vi: 'Bỏ', en: 'Remove' }),
          () => api('PUT', `${path}/grants`, { grants: a.grants.filter((_, j) => j !== i) }).then(() => ''),
          opts,
        ),
      ),
    ),
  );
  const addGrant = h(
    'form',
    { class: 'grid-form', id: 'add-grant' },
    grantPicker(me, 'grant'),
    h('button', { type: 'submit' }, bi({ vi: 'Giao vai trò', en: 'Assign role' })),
  );
  const grantStatus = h('div', { class: 'form-status error', role: 'alert' });
  addGrant.append(grantStatus);
  addGrant.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const g = { role: addGrant.querySelector('#grant-role').value, orgId: addGrant.querySelector('#grant-org').value };
    try {
      await api('PUT', `${path}/grants`, { grants: [...a.grants, g] });
      rerender();
    } catch (err) {
      grantStatus.textContent = reasonOf(err);
    }
  });
  const sessionRows = sessions.map((s) =>
    h(
      'tr',
      {},
      h('td', {}, grantText(me, s)),
      h('td', {}, fmtDateTime(s.createdAt)),
      h('td', {}, fmtDateTime(s.lastSeenAt)),
      h('td', {}, s.ip ?? ''),
      h(
        'td',
        {},
        action(bi({ vi: 'Kết thúc', en: 'End' }), () => api('DELETE', `${path}/sessions/${s.id}`).then(() => ''), {
          ...opts,
          id: `end-${s.id}`,
        }),
      ),
    ),
  );
  const tokenRows = tokens.map((tk) =>
    h(
      'tr',
      {},
      h('td', {}, tk.label),
      h('td', {}, grantText(me, tk)),
      h('td', {}, fmtDateTime(tk.expiresAt)),
      h(
        'td',
        {},
        action(
          bi({ vi: 'Thu hồi', en: 'Revoke' }),
          () => api('DELETE', `${path}/tokens/${tk.id}`).then(() => ''),
          opts,
        ),
      ),
    ),
  );
  return [
    takeFlash(),
    section(`${a.fullName} (${a.username})`, h('p', { id: 'account-state' }, stateText(a)), actions),
    section(bi({ vi: 'Vai trò', en: 'Roles' }), grants, addGrant),
    section(
      bi({ vi: 'Phiên đang mở', en: 'Open sessions' }),
      table(
        [
          bi({ vi: 'Vai trò', en: 'Role' }),
          bi({ vi: 'Bắt đầu', en: 'Started' }),
          bi({ vi: 'Lần cuối', en: 'Last seen' }),
          'IP',
          '',
        ],
        sessionRows,
        { id: 'sessions' },
      ),
    ),
    section(
      bi({ vi: 'Mã truy cập', en: 'Access tokens' }),
      table(
        [bi({ vi: 'Tên', en: 'Label' }), bi({ vi: 'Vai trò', en: 'Role' }), bi({ vi: 'Hết hạn', en: 'Expires' }), ''],
        tokenRows,
      ),
    ),
  ];
}

const EVENT_NAMES = {
  sign_in: { vi: 'Đăng nhập', en: 'Signed in' },
  sign_in_failed: { vi: 'Đăng nhập không thành công', en: 'Sign-in failed' },
  locked: { vi: 'Tạm khóa do sai nhiều lần', en: 'Locked after failures' },
  sign_out: { vi: 'Đăng xuất', en: 'Signed out' },
  sign_out_everywhere: { vi: 'Đăng xuất mọi nơi', en: 'Signed out everywhere' },
  password_changed: { vi: 'Đổi mật khẩu', en: 'Password changed' },
  acting_as: { vi: 'Đổi vai trò làm việc', en: 'Switched role' },
  account_created: { vi: 'Tạo tài khoản', en: 'Account created' },
  account_updated: { vi: 'Sửa tài khoản', en: 'Account updated' },
  account_disabled: { vi: 'Vô hiệu hóa tài khoản', en: 'Account disabled' },
  account_enabled: { vi: 'Cho dùng lại tài khoản', en: 'Account enabled' },
  account_unlocked: { vi: 'Mở khóa tài khoản', en: 'Account unlocked' },
  password_reset: { vi: 'Đặt lại mật khẩu', en: 'Password reset' },
  grants_changed: { vi: 'Đổi vai trò được giao', en: 'Roles changed' },
  session_revoked: { vi: 'Kết thúc một phiên', en: 'Session ended' },
  token_created: { vi: 'Tạo mã truy cập', en: 'Access token created' },
  token_revoked: { vi: 'Thu hồi mã truy cập', en: 'Access token revoked' },
};

export async function signInsView() {
  const { events } = await api('GET', '/auth-events?limit=200');
  const rows = events.map((e) =>
    h(
      'tr',
      {},
      h('td', { 'data-label': bi({ vi: 'Thời gian', en: 'Time' }) }, fmtDateTime(e.at)),
      h('td', { 'data-label': bi({ vi: 'Sự kiện', en: 'Event' }) }, bi(EVENT_NAMES[e.kind]) || e.kind),
      h('td', { 'data-label': bi({ vi: 'Tài khoản', en: 'Account' }) }, e.username ?? e.detail?.triedUsername ?? ''),
      h('td', { 'data-label': bi({ vi: 'Người thực hiện', en: 'By' }) }, e.actor ?? ''),
      h('td', { 'data-label': 'IP' }, e.ip ?? ''),
    ),
  );
  return section(
    bi({ vi: 'Nhật ký đăng nhập và quản trị tài khoản', en: 'Sign-ins and account administration' }),
    table(
      [
        bi({ vi: 'Thời gian', en: 'Time' }),
        bi({ vi: 'Sự kiện', en: 'Event' }),
        bi({ vi: 'Tài khoản', en: 'Account' }),
        bi({ vi: 'Người thực hiện', en: 'By' }),
        'IP',
      ],
      rows,
      { id: 'auth-events' },
    ),
  );
}

export async function accountView({ me, rerender }) {
  const { tokens } = await api('GET', '/auth/tokens');
  const status = h('div', { class: 'form-status', role: 'status' });
  const form = h(
    'form',
    { class: 'grid-form', id: 'own-password' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'own-current' }, bi({ vi: 'Mật khẩu hiện tại', en: 'Current password' })),
      h('input', { id: 'own-current', type: 'password', required: true, autocomplete: 'current-password' }),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'own-new' }, bi({ vi: 'Mật khẩu mới', en: 'New password' })),
      h('input', { id: 'own-new', type: 'password', required: true, autocomplete: 'new-password' }),
    ),
    h('button', { type: 'submit' }, bi({ vi: 'Đổi mật khẩu', en: 'Change password' })),
    status,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api('POST', '/auth/password', {
        currentPassword: form.querySelector('#own-current').value,
        newPassword: form.querySelector('#own-new').value,
      });
      setFlash(
        bi({ vi: 'Đã đổi mật khẩu; các phiên khác đã kết thúc.', en: 'Password changed; your other sessions ended.' }),
      );
      rerender();
    } catch (err) {
      status.classList.add('error');
      status.textContent = reasonOf(err);
    }
  });
  const tokenRows = tokens.map((tk) =>
    h(
      'tr',
      {},
      h('td', {}, tk.label),
      h('td', {}, grantText(me, tk)),
      h('td', {}, fmtDateTime(tk.expiresAt)),
      h('td', {}, tk.lastUsedAt ? fmtDateTime(tk.lastUsedAt) : ''),
      h(
        'td',
        {},
        action(bi({ vi: 'Thu hồi', en: 'Revoke' }), () => api('DELETE', `/auth/tokens/${tk.id}`).then(() => ''), {
          rerender,
        }),
      ),
    ),
  );
  return [
    takeFlash(),
    section(
      `${me.name} (${me.userId})`,
      h('p', {}, me.grants.map((g) => grantText(me, g)).join('; ')),
      action(
        bi({ vi: 'Đăng xuất mọi nơi', en: 'Sign out everywhere' }),
        () => api('POST', '/auth/sign-out-everywhere').then(() => ''),
        {
          rerender: () => window.dispatchEvent(new Event('signed-out')),
          id: 'sign-out-everywhere',
        },
      ),
    ),
    section(bi({ vi: 'Đổi mật khẩu', en: 'Change password' }), form),
    section(
      bi({ vi: 'Mã truy cập (pipeline login)', en: 'Access tokens (pipeline login)' }),
      table(
        [
          bi({ vi: 'Tên', en: 'Label' }),
          bi({ vi: 'Vai trò', en: 'Role' }),
          bi({ vi: 'Hết hạn', en: 'Expires' }),
          bi({ vi: 'Dùng lần cuối', en: 'Last used' }),
          '',
        ],
        tokenRows,
      ),
    ),
  ];
}
