// The dashboard shell: sign-in with a username and password (a forced change after a one-time password), the menu
// of the role the person acts as (and a switch between their roles),
// and a hash router (#/cases, #/case/<id>, #/register, #/alerts, #/decisions, #/targets, #/audit/<id>).
import { api, ApiError, session } from './api.js';
import { errorBox } from './ui.js';
import { h, mount } from './dom.js';
import { lang, loadLabels, setLang, t } from './i18n.js';
import { auditView } from './views/audit.js';
import { alertsView, decisionsView } from './views/committee.js';
import { caseView } from './views/case.js';
import { casesView, registerView } from './views/cases.js';
import { importView } from './views/import.js';
import { targetsView } from './views/targets.js';
import { accountsView, accountView, signInsView } from './views/accounts.js';
import { changePasswordView, roleSwitch, signInView } from './sign-in.js';

const MENUS = {
  cell_secretary: ['cases', 'register', 'import'],
  committee: ['alerts', 'decisions', 'targets', 'cases', 'import'],
  auditor: ['audit', 'targets', 'cases', 'signins'],
  admin: ['accounts', 'signins', 'targets'],
};
// Every role's own page: password, sessions, access tokens.
const ALWAYS = ['account'];

const ROUTES = {
  cases: casesView,
  case: caseView,
  register: registerView,
  import: importView,
  alerts: alertsView,
  decisions: decisionsView,
  targets: targetsView,
  audit: auditView,
  accounts: accountsView,
  signins: signInsView,
  account: accountView,
};

let me = null;
const currentRoute = () => location.hash.replace(/^#\/?/, '').split(/[/?]/)[0];
const main = () => document.getElementById('main');

function header() {
  const nav = me
    ? [...MENUS[me.role], ...ALWAYS].map((r) =>
        h('a', { href: `#/${r}`, class: currentRoute() === r ? 'active' : null }, t(`nav.${r}`)),
      )
    : [];
  return h(
    'header',
    {},
    h('div', { class: 'brand' }, t('title')),
    h('nav', {}, me && !me.mustChangePassword ? nav : []),
    h(
      'div',
      { class: 'user' },
      me ? h('span', { class: 'who' }, `${me.name} · ${t(`roles.${me.role}`)} · ${me.orgName}`) : null,
      me && !me.mustChangePassword ? roleSwitch(me, signedIn) : null,
      h(
        'button',
        { class: 'link', id: 'lang', onclick: () => (setLang(lang === 'vi' ? 'en' : 'vi'), render()) },
        t('language'),
      ),
      me ? h('button', { class: 'link', id: 'sign-out', onclick: signOut }, t('signOut')) : null,
    ),
  );
}

/** After signing in, changing the password or switching roles: who the session is now, from the server. */
function signedIn() {
  me = null;
  render();
}

async function signOut() {
  await api('POST', '/auth/sign-out').catch(() => undefined);
  session.clear();
  me = null;
  location.hash = '';
  render();
}

/** Why the sign-in form is shown again, if the person did not ask for it. */
let endedMessage = null;

let renderSeq = 0;
export async function render() {
  const seq = ++renderSeq;
  document.title = t('title');
  const body = document.getElementById('app');
  if (!me) {
    try {
      me = await api('GET', '/me');
      session.setCsrf(me.csrfToken);
    } catch (err) {
      me = null;
      const message = err instanceof ApiError && err.status === 401 ? endedMessage : String(err.message ?? err);
      endedMessage = null;
      return mount(body, header(), h('main', { id: 'main' }, signInView(message, signedIn)));
    }
  }
  if (me.mustChangePassword) return mount(body, header(), h('main', { id: 'main' }, changePasswordView(me, signedIn)));
  const [route, ...args] = location.hash.replace(/^#\/?/, '').split('?')[0].split('/').map(decodeURIComponent);
  const name =
    ROUTES[route] && ([...MENUS[me.role], ...ALWAYS].includes(route) || route === 'case' || route === 'audit')
      ? route
      : MENUS[me.role][0];
  mount(body, header(), h('main', { id: 'main' }, h('p', { class: 'muted' }, t('loading'))));
  try {
    const view = await ROUTES[name]({ me, args, rerender: render });
    if (seq === renderSeq) mount(main(), view);
  } catch (err) {
    if (seq === renderSeq) mount(main(), errorBox(err));
  }
}

window.addEventListener('hashchange', render);
window.addEventListener('signed-out', () => {
  // Only a session that was alive has ended; without one, the render asking /me shows the form itself.
  if (!me) return;
  endedMessage = t('sessionEnded');
  me = null;
  render();
});
setLang(lang);
await loadLabels();
render();
