// A cell's (or a committee's) cases: overdue first, then due this week, then
// every case by stage; and the registration form for a new candidate.
import { api, listAll } from '../api.js';
import { h, table } from '../dom.js';
import { schemaForm, schemas, showProblems } from '../forms.js';
import { fmtDate, stageName, t, todayVn } from '../i18n.js';
import { caseLink, dateCell, levelBadge, section, stageBadge } from '../ui.js';

/** Sunday of this week, Vietnam time (weeks start on Monday). */
function endOfWeek(today) {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + ((7 - d.getUTCDay()) % 7));
  return d.toISOString().slice(0, 10);
}

function scopeOf(me) {
  if (me.role === 'cell_secretary') return { cellId: me.orgId };
  if (me.role === 'committee') return { committeeId: me.orgId };
  return {};
}

const caseRows = (cases) =>
  cases.map((c) =>
    h(
      'tr',
      { dataset: { caseId: c.caseId } },
      h('td', {}, caseLink(c.caseId, c.fullName ?? c.caseId)),
      h('td', {}, stageBadge(c.stage)),
      dateCell(c.nextDue),
      h('td', {}, levelBadge(c.overdueLevel)),
      h('td', { class: 'muted' }, c.cellId),
    ),
  );
const caseTable = (cases) =>
  cases.length
    ? table([t('name'), t('stage'), t('nextDue'), t('level'), t('cell')], caseRows(cases))
    : h('p', { class: 'muted' }, t('none'));

export async function casesView({ me }) {
  const today = todayVn();
  const sunday = endOfWeek(today);
  // Names cost one query per case: asked for a cell's list, not for a committee's or the province's.
  const cases = await listAll({ ...scopeOf(me), ...(me.role === 'cell_secretary' ? { names: 'true' } : {}) });
  const overdue = cases.filter((c) => c.overdueLevel > 0);
  const dueSoon = cases.filter((c) => c.overdueLevel === 0 && c.nextDue && c.nextDue <= sunday);
  const byStage = new Map();
  for (const c of cases) byStage.set(c.stage, [...(byStage.get(c.stage) ?? []), c]);
  return [
    h('h1', {}, t('myCases'), h('span', { class: 'muted' }, ` · ${me.orgName}`)),
    h(
      'div',
      { class: 'grid' },
      section(`${t('overdue')} (${overdue.length})`, caseTable(overdue)),
      section(`${t('dueThisWeek', { date: fmtDate(sunday) })} (${dueSoon.length})`, caseTable(dueSoon)),
    ),
    section(
      t('byStage'),
      [...byStage.entries()].map(([stage, list]) =>
        h(
          'div',
          { class: 'stage-group', dataset: { stage } },
          h('h3', {}, `${stageName(stage)} (${list.length})`),
          caseTable(list),
        ),
      ),
      cases.length ? null : h('p', { class: 'muted' }, t('none')),
    ),
  ];
}

export async function registerView({ me }) {
  const { registration } = await schemas();
  const form = schemaForm(registration(), {
    fixed: { cellId: me.orgId },
    // The API derives the case id (as import does): nobody has to invent one.
    omit: ['caseId'],
    submitLabel: t('register'),
    async onSubmit(value, status, fail) {
      try {
        const res = await api('POST', '/cases', value);
        showProblems(status, [t('registered', { id: res.caseId })], 'ok');
        setTimeout(() => (location.hash = `#/case/${encodeURIComponent(res.caseId)}`), 600);
      } catch (err) {
        fail(err);
      }
    },
  });
  return section(t('register'), form);
}
