// The search box above a list of cases: what a user types is matched against each case's name, id and stage
// (in either language, with or without Vietnamese diacritics), and "overdue only" keeps the cases with an alert.
// It filters the list already loaded: no request per keystroke.
import { h } from './dom.js';
import { t } from './i18n.js';

/** Lower case without diacritics ("Lê Thị Mai" → "le thi mai", "đ" → "d"), so "mai" or "le thi" finds her. */
export const fold = (text) =>
  String(text ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase();

/** Whether every word typed is found in one of `texts`. */
export function matches(query, texts) {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const hay = texts.map(fold).join(' \u0000 ');
  return words.every((w) => hay.includes(w));
}

/**
 * The search bar: a labelled text box and an "overdue only" box; `onChange({ text, overdueOnly })` on each change.
 * `id` tells the bars of one page apart.
 */
export function searchBar(onChange, { id = 'search', overdue = true } = {}) {
  const input = h('input', {
    id,
    type: 'search',
    placeholder: t('searchPlaceholder'),
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const only = overdue ? h('input', { id: `${id}-overdue`, type: 'checkbox' }) : null;
  const count = h('span', { class: 'muted search-count', role: 'status' });
  const changed = () => onChange({ text: input.value, overdueOnly: Boolean(only?.checked) });
  input.addEventListener('input', changed);
  only?.addEventListener('change', changed);
  const bar = h(
    'form',
    { class: 'search-bar no-print', role: 'search', onsubmit: (ev) => ev.preventDefault() },
    h('label', { for: id }, t('searchLabel')),
    input,
    only ? h('label', { class: 'check' }, only, t('overdueOnly')) : null,
    count,
  );
  return { bar, setCount: (n, total) => (count.textContent = t('searchCount', { n, total })) };
}
