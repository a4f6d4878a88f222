// One case for the people who move it: where it stands, its deadlines, the
// dossier checklist, a form for the next step (with the charter's refusal in
// plain words) and the steps recorded so far.
import { api, ApiError, newActionKey } from '../api.js';
import { h, mount, table } from '../dom.js';
import { COMMAND_NAMES } from '../form-labels.js';
import { schemaForm, schemas, showProblems } from '../forms.js';
import { bi, fmtDate, lang, stageName, t } from '../i18n.js';
import { dateCell, levelBadge, problemLines, section, setFlash, stageBadge, takeFlash } from '../ui.js';

const commandName = (type) => COMMAND_NAMES[type]?.[lang === 'vi' ? 0 : 1] ?? type;
// Steps any living case can take; listed apart from the stage's own steps.
const ANY_STAGE = new Set([
  'RECORD_DOCUMENT',
  'MOVE_CELL',
  'RECORD_TRANSFER_LETTER',
  'RECORD_TRANSFER_PRESENTED',
  'WITHDRAW',
]);

function dossierSection(dossier) {
  const rows = (part) =>
    dossier.items
      .filter((i) => i.part === part)
      .map((i) =>
        h(
          'tr',
          { class: `dossier-${i.status}`, dataset: { form: i.form, ...(i.ruleId ? { rule: i.ruleId } : {}) } },
          h('td', {}, i.form),
          h('td', {}, bi(i.label)),
          dateCell(i.recordedOn),
          h('td', {}, i.signedBy ?? ''),
          dateCell(i.expiresOn),
          h('td', {}, h('span', { class: `badge status-${i.status}` }, t(`dossierStatus.${i.status}`))),
        ),
      );
  const headers = [t('form'), t('paper'), t('recordedOn'), t('signedBy'), t('expiresOn'), t('status')];
  const recognition = rows('recognition');
  return section(
    t('dossier'),
    table(headers, rows('admission'), { id: 'dossier' }),
    dossier.voteOn
      ? !dossier.eligible
        ? h(
            'div',
            { class: 'notice warn', id: 'vote-check' },
            h('strong', {}, t('voteCheck', { date: fmtDate(dossier.voteOn) })),
            h(
              'ul',
              {},
              dossier.voteRefusals.map((r) => h('li', { dataset: { rule: r.ruleId } }, bi(r.reason))),
            ),
          )
        : h('div', { class: 'notice ok', id: 'vote-check' }, t('voteReady', { date: fmtDate(dossier.voteOn) }))
      : null,
    recognition.length ? [h('h3', {}, t('recognitionDossier')), table(headers, recognition)] : null,
  );
}

function deadlinesSection(deadlines, me) {
  const all = [...deadlines.history].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return section(
    t('deadlines'),
    all.length
      ? table(
          [t('deadline'), t('dueDate'), t('answerBy'), t('metOn'), t('late'), t('level')],
          all.map((d) =>
            h(
              'tr',
              { class: d.metOn ? '' : d.level > 0 ? 'overdue' : 'open' },
              h('td', {}, bi(deadlines.open.find((o) => o.id === d.id)?.label) || d.kind),
              dateCell(d.dueDate),
              h('td', {}, me.unitNames[d.answerBy] ?? d.answerBy),
              dateCell(d.metOn),
              h('td', {}, d.workingDaysLate ?? ''),
              h('td', {}, levelBadge(d.level)),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('none')),
  );
}

function trailSection(trail) {
  const steps = trail.filter((e) => e.kind === 'command' || e.kind === 'registered' || e.kind === 'system');
  return section(
    t('trail'),
    table(
      [t('date'), t('step'), t('form'), t('signedBy'), t('recordedBy'), t('stageAfter')],
      steps.map((e) =>
        h(
          'tr',
          {},
          dateCell(e.date),
          h('td', {}, e.kind === 'registered' ? t('timelineKind.registered') : commandName(e.type)),
          h('td', {}, e.form ?? ''),
          h('td', {}, e.signedBy ?? ''),
          h('td', {}, e.recordedBy?.userId ?? ''),
          h('td', {}, e.stageAfter ? stageName(e.stageAfter) : ''),
        ),
      ),
      { id: 'trail' },
    ),
  );
}

async function stepSection(c, me, rerender) {
  if (!c.nextSteps.length) return section(t('nextStep'), h('p', { class: 'muted' }, t('noSteps')));
  const { command } = await schemas();
  const holder = h('div', { id: 'step-form' });
  const own = c.nextSteps.filter((s) => !ANY_STAGE.has(s));
  const other = c.nextSteps.filter((s) => ANY_STAGE.has(s));
  const option = (s) => h('option', { value: s }, commandName(s));
  const select = h(
    'select',
    { id: 'step', 'aria-label': t('nextStep') },
    h('option', { value: '' }, t('chooseStep')),
    own.map(option),
    other.length ? h('optgroup', { label: t('otherSteps') }, other.map(option)) : null,
  );
  select.addEventListener('change', () => {
    if (!select.value) return mount(holder);
    const schema = command(select.value);
    const fixed = schema.properties.committeeId && me.role === 'committee' ? { committeeId: me.orgId } : {};
    // One key per action: kept while the outcome is unknown (a 503 or a lost connection), so pressing
    // "record" again cannot record the step twice; a new one once the server has answered or the form changed.
    let pending = null;
    mount(
      holder,
      schemaForm(schema, {
        fixed,
        omit: me.role === 'committee' ? [] : ['paperRecord'],
        async onSubmit(value, status) {
          const text = JSON.stringify(value);
          if (pending?.text !== text) pending = { text, key: newActionKey() };
          try {
            const res = await api('POST', `/cases/${encodeURIComponent(c.caseId)}/commands`, value, {
              idempotencyKey: pending.key,
            });
            pending = null;
            setFlash(t('recorded', { stage: stageName(res.stage) }));
            await rerender();
          } catch (err) {
            if (err instanceof ApiError && err.status !== 503) pending = null;
            showProblems(status, problemLines(err));
          }
        },
      }),
    );
  });
  return section(t('nextStep'), select, holder);
}

export async function caseView({ me, args, rerender }) {
  const c = await api('GET', `/cases/${encodeURIComponent(args[0])}`);
  const p = c.context.profile;
  return [
    takeFlash(),
    h(
      'div',
      { class: 'case-head' },
      h('h1', {}, p.fullName),
      h(
        'div',
        {},
        stageBadge(c.stage),
        ' ',
        h('span', { class: 'muted' }, `${c.caseId} · ${c.context.cellId} · ${fmtDate(p.birthDate)}`),
      ),
    ),
    h('div', { class: 'grid' }, await stepSection(c, me, rerender), deadlinesSection(c.deadlines, me)),
    dossierSection(c.dossier),
    trailSection(c.trail),
  ];
}
