// The dashboard shell: sign-in with an API token, the menu of the user's role,
// and a hash router (#/cases, #/case/<id>, #/register, #/alerts, #/decisions, #/targets, #/audit/<id>).
import { api, ApiError, session } from './api.js';
import { errorBox } from './ui.js';
import { h, mount } from './dom.js';
import { lang, loadLabels, setLang, t } from './i18n.js';
import { auditView } from './views/audit.js';
import { alertsView, decisionsView } from './views/committee.js';
import { caseView } from './views/case.js';
import { casesView, registerView } from './views/cases.js';
import { targetsView } from './views/targets.js';

const MENUS = {
  cell_secretary: ['cases', 'register'],
  committee: ['alerts', 'decisions', 'targets', 'cases'],
  auditor: ['audit', 'targets', 'cases'],
  admin: ['targets'],
};

const ROUTES = {
  cases: casesView,
  case: caseView,
  register: registerView,
  alerts: alertsView,
  decisions: decisionsView,
  targets: targetsView,
  audit: auditView,
};

let me = null;
const main = () => document.getElementById('main');

function header() {
  const nav = me
    ? MENUS[me.role].map((r) =>
        h('a', { href: `#/${r}`, class: location.hash.startsWith(`#/${r}`) ? 'active' : null }, t(`nav.${r}`)),
      )
    : [];
  return h(
    'header',
    {},
    h('div', { class: 'brand' }, t('title')),
    h('nav', {}, nav),
    h(
      'div',
      { class: 'user' },
      me ? h('span', { class: 'who' }, `${t(`roles.${me.role}`)} · ${me.orgName}`) : null,
      h(
        'button',
        { class: 'link', id: 'lang', onclick: () => (setLang(lang === 'vi' ? 'en' : 'vi'), render()) },
        t('language'),
      ),
      me ? h('button', { class: 'link', id: 'sign-out', onclick: signOut }, t('signOut')) : null,
    ),
  );
}

function signInView(message) {
  const input = h('textarea', { id: 'token', rows: 4, spellcheck: 'false', autocomplete: 'off' });
  const status = h('div', { class: 'form-status error', role: 'status' }, message ?? '');
  const form = h(
    'form',
    { class: 'card sign-in' },
    h('h1', {}, t('signIn')),
    h('label', { for: 'token' }, t('tokenLabel')),
    input,
    h('small', {}, t('tokenHelp')),
    h('button', { type: 'submit' }, t('signIn')),
    status,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    session.set(input.value.trim());
    try {
      me = await api('GET', '/me');
      location.hash = `#/${MENUS[me.role][0]}`;
      render();
    } catch {
      session.clear();
      status.textContent = t('badToken');
    }
  });
  return form;
}

function signOut() {
  session.clear();
  me = null;
  location.hash = '';
  render();
}

let renderSeq = 0;
export async function render() {
  const seq = ++renderSeq;
  document.title = t('title');
  const body = document.getElementById('app');
  if (!session.token()) {
    me = null;
    return mount(body, header(), h('main', { id: 'main' }, signInView()));
  }
  try {
    me ??= await api('GET', '/me');
  } catch (err) {
    session.clear();
    me = null;
    return mount(
      body,
      header(),
      h('main', { id: 'main' }, signInView(err instanceof ApiError ? t('badToken') : String(err))),
    );
  }
  const [route, ...args] = location.hash.replace(/^#\/?/, '').split('?')[0].split('/').map(decodeURIComponent);
  const name =
    ROUTES[route] && (MENUS[me.role].includes(route) || route === 'case' || route === 'audit')
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
window.addEventListener('signed-out', () => ((me = null), render()));
setLang(lang);
await loadLabels();
render();
