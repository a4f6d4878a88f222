// A cell's (or a committee's) cases: overdue first, then due this week, then
// every case by stage; and the registration form for a new candidate.
import { api, listAll } from '../api.js';
import { h, mount, table } from '../dom.js';
import { schemaForm, schemas, showProblems } from '../forms.js';
import { fmtDate, stageName, stageRank, t, todayVn } from '../i18n.js';
import { matches, searchBar } from '../search.js';
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

const caseRows = (cases, me) =>
  cases.map((c) =>
    h(
      'tr',
      { dataset: { caseId: c.caseId }, class: c.overdueLevel > 0 ? 'overdue' : null },
      h('td', { class: 'lead' }, caseLink(c.caseId, c.fullName ?? c.caseId)),
      h('td', { class: 'key' }, stageBadge(c.stage)),
      dateCell(c.nextDue),
      h('td', { class: 'key' }, levelBadge(c.overdueLevel)),
      h('td', { class: 'muted' }, me.unitNames?.[c.cellId] ?? c.cellId),
    ),
  );
const caseTable = (cases, me) =>
  cases.length
    ? table([t('name'), t('stage'), t('nextDue'), t('level'), t('cell')], caseRows(cases, me))
    : h('p', { class: 'muted' }, t('none'));

/** The same order on every load: the earliest due first, then by name and id (visibility's own order moves). */
export const byDue = (a, b) =>
  (a.nextDue ?? '9999').localeCompare(b.nextDue ?? '9999') ||
  (a.fullName ?? '').localeCompare(b.fullName ?? '', 'vi') ||
  a.caseId.localeCompare(b.caseId);

/** A case matches what was typed by its name, its id or its stage (either language), and "overdue only". */
export const caseMatches = (c, { text, overdueOnly }) =>
  (!overdueOnly || c.overdueLevel > 0) && matches(text, [c.fullName, c.caseId, c.stage, stageName(c.stage)]);

export async function casesView({ me }) {
  const today = todayVn();
  const sunday = endOfWeek(today);
  // Names come with the list (each case's memo); `names` also asks cases registered before that for theirs.
  const all = (await listAll({ ...scopeOf(me), ...(me.role === 'cell_secretary' ? { names: 'true' } : {}) })).sort(
    byDue,
  );
  const holder = h('div', { id: 'case-lists' });
  const draw = (query) => {
    const cases = all.filter((c) => caseMatches(c, query));
    search.setCount(cases.length, all.length);
    const overdue = cases.filter((c) => c.overdueLevel > 0);
    const dueSoon = cases.filter((c) => c.overdueLevel === 0 && c.nextDue && c.nextDue <= sunday);
    // Stage groups in the machine's pipeline order, whatever order the cases came in.
    const stages = [...new Set(cases.map((c) => c.stage))].sort((a, b) => stageRank(a) - stageRank(b));
    mount(
      holder,
      h(
        'div',
        { class: 'grid' },
        section(`${t('overdue')} (${overdue.length})`, caseTable(overdue, me)),
        section(`${t('dueThisWeek', { date: fmtDate(sunday) })} (${dueSoon.length})`, caseTable(dueSoon, me)),
      ),
      section(
        t('byStage'),
        stages.map((stage) => {
          const list = cases.filter((c) => c.stage === stage);
          return h(
            'div',
            { class: 'stage-group', dataset: { stage } },
            h('h3', {}, `${stageName(stage)} (${list.length})`),
            caseTable(list, me),
          );
        }),
        cases.length ? null : h('p', { class: 'muted' }, t('none')),
      ),
    );
  };
  const search = searchBar(draw);
  draw({ text: '', overdueOnly: false });
  return [h('h1', {}, t('myCases'), h('span', { class: 'muted' }, ` · ${me.orgName}`)), search.bar, holder];
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
