// Pieces every view shows the same way.
import { ApiError } from './api.js';
import { h } from './dom.js';
import { bi, fmtDate, fmtDateTime, lang, stageName, t } from './i18n.js';

export function errorBox(err) {
  const reason = err instanceof ApiError && err.body.reason ? err.body.reason[lang] : null;
  return h(
    'div',
    { class: 'card error', role: 'alert' },
    reason ? t('forbidden', { reason }) : t('error', { message: err.message }),
  );
}

export const caseLink = (caseId, label) => h('a', { href: `#/case/${encodeURIComponent(caseId)}` }, label ?? caseId);
export const stageBadge = (stage) => h('span', { class: `badge stage-${stage}` }, stageName(stage));
export const levelBadge = (level) =>
  level > 0 ? h('span', { class: `badge level level-${Math.min(level, 4)}` }, `L${level}`) : '';
export const section = (title, ...children) => h('section', { class: 'card' }, h('h2', {}, title), children);

/** A 422's refusals or a 400's field, in the user's language. */
export function problemLines(err) {
  if (!(err instanceof ApiError)) return [t('error', { message: err.message })];
  if (err.status === 422)
    return [t('refused'), ...(err.body.refusals ?? []).map((r) => `${bi(r.reason)} (${r.ruleId})`)];
  if (err.status === 403) return [t('forbidden', { reason: bi(err.body.reason) })];
  return [t('invalid'), err.body.message ?? err.message];
}

export const dateCell = (iso) => h('td', { class: 'date' }, fmtDate(iso));

/** A message for the next page drawn (e.g. "recorded" after the page reloads the case). */
let flash = null;
export const setFlash = (text, kind = 'ok') => (flash = { text, kind });
export function takeFlash() {
  const f = flash;
  flash = null;
  return f ? h('div', { class: `notice ${f.kind}`, id: 'flash', role: 'status' }, f.text) : null;
}

/** A part of the page that is for doing, not for the paper file: left out of the print view. */
export const noPrint = (el) => (el.classList.add('no-print'), el);

/** A button that prints the page (style.css's print view: no menu, no buttons, no forms). */
export const printButton = () =>
  h('button', { type: 'button', class: 'secondary no-print', id: 'print', onclick: () => window.print() }, t('print'));

/** On paper only: when it was printed, Vietnam time (set again as printing starts, however long the page was open). */
export const printStamp = () => h('p', { class: 'print-only muted printed-at' }, printedAt());
const printedAt = () => t('printedAt', { time: fmtDateTime(new Date()) });
window.addEventListener('beforeprint', () =>
  document.querySelectorAll('.printed-at').forEach((el) => (el.textContent = printedAt())),
);

/** Who recorded a step: the person's name beside their account, as the trail carries them. */
export const personOf = (actor) =>
  !actor ? '' : actor.name && actor.name !== actor.userId ? `${actor.name} (${actor.userId})` : actor.userId;
