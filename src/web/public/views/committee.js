// A committee's desk: the overdue alerts of everything under it (oldest
// first, refreshed while open) and the cases waiting for its decision.
import { api, listAll } from '../api.js';
import { h, mount, table } from '../dom.js';
import { bi, fmtDate, t } from '../i18n.js';
import { caseLink, dateCell, levelBadge, problemLines, section, stageBadge } from '../ui.js';

const REFRESH_MS = 5000;

function alertRow(a, me, refresh) {
  const status = h('td', { class: 'ack' });
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
    h('td', {}, caseLink(a.caseId)),
    h('td', {}, bi(a.summary)),
    dateCell(a.dueDate),
    h('td', {}, levelBadge(a.level)),
    h('td', {}, me.unitNames[a.answerBy] ?? a.answerBy),
    status,
  );
}

export async function alertsView({ me }) {
  const holder = h('div', { id: 'alerts' });
  const refresh = async () => {
    const { alerts } = await api('GET', `/committees/${encodeURIComponent(me.orgId)}/alerts?status=open&limit=500`);
    // Oldest first: the longest overdue comes first.
    alerts.sort((x, y) => x.dueDate.localeCompare(y.dueDate) || y.level - x.level);
    mount(
      holder,
      alerts.length
        ? table(
            [t('raisedOn'), t('caseId'), t('summary'), t('dueDate'), t('level'), t('answerBy'), ''],
            alerts.map((a) => alertRow(a, me, refresh)),
          )
        : h('p', { class: 'muted' }, t('none')),
    );
  };
  await refresh();
  const timer = setInterval(() => {
    if (!document.body.contains(holder)) return clearInterval(timer);
    refresh().catch(() => {});
  }, REFRESH_MS);
  return section(t('alertsOf', { org: me.orgName }), holder);
}

export async function decisionsView({ me }) {
  const [admission, recognition] = await Promise.all(
    ['committee_review', 'recognition_review'].map((stage) => listAll({ committeeId: me.orgId, stage, names: 'true' })),
  );
  const list = (cases) =>
    cases.length
      ? table(
          [t('name'), t('stage'), t('nextDue'), t('level'), t('cell')],
          cases.map((c) =>
            h(
              'tr',
              {},
              h('td', {}, caseLink(c.caseId, c.fullName ?? c.caseId)),
              h('td', {}, stageBadge(c.stage)),
              dateCell(c.nextDue),
              h('td', {}, levelBadge(c.overdueLevel)),
              h('td', {}, me.unitNames[c.cellId] ?? c.cellId),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('none'));
  return [
    h('h1', {}, t('pending')),
    section(`${t('pendingAdmission')} (${admission.length})`, list(admission)),
    section(`${t('pendingRecognition')} (${recognition.length})`, list(recognition)),
  ];
}
