// Signing in (username and password, or the province's identity provider when it is set up), the forced change
// after a one-time password, and the switch between the roles a person holds.
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { bi, t } from './i18n.js';
import { oidcSignIn } from './oidc-sign-in.js';

const field = (id, label, props) =>
  h('div', { class: 'field' }, h('label', { for: id }, label), h('input', { id, name: id, required: true, ...props }));

/** The message a refusal carries, in the page's language. */
const reasonOf = (err) =>
  err instanceof ApiError ? bi(err.body.reason) || err.body.message || err.message : String(err.message ?? err);

export function signInView(message, onDone) {
  const status = h('div', { class: 'form-status error', role: 'alert', id: 'sign-in-status' }, message ?? '');
  const form = h(
    'form',
    { class: 'card sign-in', 'aria-describedby': 'sign-in-status' },
    h('h1', {}, t('signIn')),
    field('username', bi({ vi: 'Tên đăng nhập', en: 'Username' }), {
      autocomplete: 'username',
      autocapitalize: 'none',
      spellcheck: 'false',
    }),
    field('password', bi({ vi: 'Mật khẩu', en: 'Password' }), { type: 'password', autocomplete: 'current-password' }),
    h('button', { type: 'submit' }, t('signIn')),
    status,
    oidcSignIn(),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.textContent = '';
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await api('POST', '/auth/sign-in', {
        username: form.elements.username.value,
        password: form.elements.password.value,
      });
      onDone();
    } catch (err) {
      // The form stays as typed (but the password), with the reason under it.
      form.elements.password.value = '';
      status.textContent = reasonOf(err);
      form.elements.password.focus();
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

export function changePasswordView(me, onDone) {
  const status = h('div', { class: 'form-status error', role: 'alert', id: 'password-status' });
  const form = h(
    'form',
    { class: 'card sign-in', 'aria-describedby': 'password-status' },
    h('h1', {}, bi({ vi: 'Đổi mật khẩu', en: 'Change your password' })),
    h(
      'p',
      {},
      bi({
        vi: `Chào ${me.name}. Mật khẩu bạn vừa dùng chỉ dùng được một lần: hãy chọn mật khẩu của riêng mình (ít nhất 10 ký tự; một câu dễ nhớ là tốt nhất).`,
        en: `Welcome, ${me.name}. The password you used works only once: choose your own (at least 10 characters; a memorable sentence is best).`,
      }),
    ),
    field('current-password', bi({ vi: 'Mật khẩu hiện tại', en: 'Current password' }), {
      type: 'password',
      autocomplete: 'current-password',
    }),
    field('new-password', bi({ vi: 'Mật khẩu mới', en: 'New password' }), {
      type: 'password',
      autocomplete: 'new-password',
    }),
    field('confirm-password', bi({ vi: 'Nhập lại mật khẩu mới', en: 'New password again' }), {
      type: 'password',
      autocomplete: 'new-password',
    }),
    h('button', { type: 'submit' }, bi({ vi: 'Đổi mật khẩu', en: 'Change password' })),
    status,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const next = form.elements['new-password'].value;
    if (next !== form.elements['confirm-password'].value) {
      status.textContent = bi({ vi: 'Hai lần nhập mật khẩu mới không khớp', en: 'the two new passwords differ' });
      return;
    }
    try {
      await api('POST', '/auth/password', {
        currentPassword: form.elements['current-password'].value,
        newPassword: next,
      });
      onDone();
    } catch (err) {
      status.textContent = reasonOf(err);
    }
  });
  return form;
}

const roleLabel = (g) => `${t(`roles.${g.role}`)} · ${g.orgName}`;

/** A person holding several roles picks the one they act as; every step they record carries it. */
export function roleSwitch(me, onDone) {
  if (!me.grants || me.grants.length < 2 || me.via !== 'session') return null;
  const select = h(
    'select',
    { id: 'acting-as', 'aria-label': bi({ vi: 'Làm việc với vai trò', en: 'Acting as' }) },
    me.grants.map((g) =>
      h(
        'option',
        { value: `${g.role} ${g.orgId}`, selected: g.role === me.role && g.orgId === me.orgId },
        roleLabel(g),
      ),
    ),
  );
  select.addEventListener('change', async () => {
    const [role, orgId] = select.value.split(' ');
    await api('POST', '/auth/act', { role, orgId });
    location.hash = '';
    onDone();
  });
  return select;
}
