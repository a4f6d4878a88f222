// A committee's desk: the overdue alerts of everything under it (oldest
// first, refreshed while open) and the cases waiting for its decision.
import { api, listAll } from '../api.js';
import { h, mount, table } from '../dom.js';
import { bi, fmtDate, t } from '../i18n.js';
import { matches, searchBar } from '../search.js';
import { caseLink, dateCell, levelBadge, problemLines, section, stageBadge } from '../ui.js';
import { byDue, caseMatches } from './cases.js';

const REFRESH_MS = 5000;

function alertRow(a, me, refresh) {
  const status = h('td', { class: 'ack key' });
  if (a.acknowledged) status.append(t('acknowledgedBy', { by: a.acknowledged.by, date: fmtDate(a.acknowledged.on) }));
  else if (me.role === 'committee')
    status.append(
      h(
        'button',
        {
          class: 'small',
          onclick: async (ev) => {
            ev.target.disabled = true;
            try {
              await api(
                'POST',
                `/committees/${encodeURIComponent(me.orgId)}/alerts/${encodeURIComponent(a.alertId)}/ack`,
              );
              await refresh();
            } catch (err) {
              status.replaceChildren(problemLines(err).join(' '));
            }
          },
        },
        t('acknowledge'),
      ),
    );
  return h(
    'tr',
    { dataset: { alertId: a.alertId }, class: a.acknowledged ? 'acknowledged' : '' },
    dateCell(a.raisedOn),
    h('td', { class: 'lead' }, caseLink(a.caseId, a.fullName ?? a.caseId)),
    h('td', {}, bi(a.summary)),
    dateCell(a.dueDate),
    h('td', { class: 'key' }, levelBadge(a.level)),
    h('td', { class: 'key' }, me.unitNames[a.answerBy] ?? a.answerBy),
    status,
  );
}

export async function alertsView({ me }) {
  const holder = h('div', { id: 'alerts' });
  let query = { text: '', overdueOnly: false };
  let alerts = [];
  const draw = () => {
    const shown = alerts.filter((a) => matches(query.text, [a.fullName, a.caseId, bi(a.summary)]));
    search.setCount(shown.length, alerts.length);
    mount(
      holder,
      shown.length
        ? table(
            [t('raisedOn'), t('name'), t('summary'), t('dueDate'), t('level'), t('answerBy'), t('actions')],
            shown.map((a) => alertRow(a, me, refresh)),
          )
        : h('p', { class: 'muted' }, t('none')),
    );
  };
  const refresh = async () => {
    ({ alerts } = await api('GET', `/committees/${encodeURIComponent(me.orgId)}/alerts?status=open&limit=500`));
    // Oldest first: the longest overdue comes first; then the same order on every load.
    alerts.sort(
      (x, y) => x.dueDate.localeCompare(y.dueDate) || y.level - x.level || x.alertId.localeCompare(y.alertId),
    );
    draw();
  };
  // Every alert is overdue: the search needs no "overdue only" box here.
  const search = searchBar((q) => ((query = q), draw()), { id: 'search-alerts', overdue: false });
  await refresh();
  const timer = setInterval(() => {
    if (!document.body.contains(holder)) return clearInterval(timer);
    refresh().catch(() => {});
  }, REFRESH_MS);
  return section(t('alertsOf', { org: me.orgName }), search.bar, holder);
}

export async function decisionsView({ me }) {
  // Oldest due first: the decision waited for longest comes first.
  const [admission, recognition] = (
    await Promise.all(
      ['committee_review', 'recognition_review'].map((stage) =>
        listAll({ committeeId: me.orgId, stage, names: 'true' }),
      ),
    )
  ).map((list) => list.sort(byDue));
  const list = (cases) =>
    cases.length
      ? table(
          [t('name'), t('stage'), t('nextDue'), t('level'), t('cell')],
          cases.map((c) =>
            h(
              'tr',
              { dataset: { caseId: c.caseId }, class: c.overdueLevel > 0 ? 'overdue' : null },
              h('td', { class: 'lead' }, caseLink(c.caseId, c.fullName ?? c.caseId)),
              h('td', {}, stageBadge(c.stage)),
              dateCell(c.nextDue),
              h('td', { class: 'key' }, levelBadge(c.overdueLevel)),
              h('td', {}, me.unitNames[c.cellId] ?? c.cellId),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('none'));
  const holder = h('div', { id: 'decisions' });
  const draw = (query) => {
    const [a, r] = [admission, recognition].map((l) => l.filter((c) => caseMatches(c, query)));
    search.setCount(a.length + r.length, admission.length + recognition.length);
    mount(
      holder,
      section(`${t('pendingAdmission')} (${a.length})`, list(a)),
      section(`${t('pendingRecognition')} (${r.length})`, list(r)),
    );
  };
  const search = searchBar(draw, { id: 'search-decisions' });
  draw({ text: '', overdueOnly: false });
  return [h('h1', {}, t('pending')), search.bar, holder];
}
