// One case for the people who move it: where it stands, its deadlines, the
// dossier checklist, a form for the next step (with the charter's refusal in
// plain words) and the steps recorded so far.
import { api, ApiError, newActionKey } from '../api.js';
import { h, mount, table } from '../dom.js';
import { CHOICE_NAMES, COMMAND_NAMES, FIELD_NAMES } from '../form-labels.js';
import { changedFields, changeLines, schemaForm, schemas, showProblems, typedStep } from '../forms.js';
import { bi, deadlineName, fmtDate, lang, stageName, t } from '../i18n.js';
import { documentsSection } from './case-documents.js';
import {
  dateCell,
  levelBadge,
  noPrint,
  printButton,
  printStamp,
  section,
  personOf,
  setFlash,
  stageBadge,
  takeFlash,
} from '../ui.js';

const commandName = (type) => COMMAND_NAMES[type]?.[lang === 'vi' ? 0 : 1] ?? type;
const word = (names, key) => names[key]?.[lang === 'vi' ? 0 : 1] ?? key;

/** Education in the words it was written in ("12/12"), with the level the charter reads, and any exception. */
function educationLine(p) {
  const level = word(CHOICE_NAMES, p.education);
  const written = p.educationAsWritten ? `${p.educationAsWritten} (${level})` : level;
  const exception = p.educationException ? ` · ${word(CHOICE_NAMES, p.educationException)}` : '';
  return h('div', { class: 'muted', id: 'education' }, `${word(FIELD_NAMES, 'education')}: ${written}${exception}`);
}

/** The papers the vote needs that have run out, or will before the meeting the checklist looks at. */
const papersToRenew = (dossier) =>
  dossier.items.filter((i) => i.expiresOn && (i.status === 'expired' || i.status === 'expires_before_vote'));

/** The papers to sign again, and by when: expired ones now, the others before the day they stop counting. */
function renewNotice(dossier) {
  const due = papersToRenew(dossier);
  if (!due.length) return null;
  return h(
    'div',
    { class: 'notice warn', id: 'papers-to-renew' },
    h('strong', {}, t('renewTitle')),
    h(
      'ul',
      {},
      due.map((i) =>
        h(
          'li',
          { dataset: { form: i.form, status: i.status } },
          t(i.status === 'expired' ? 'renewExpired' : 'renewBefore', {
            paper: `${bi(i.label)} (${i.form})`,
            date: fmtDate(i.expiresOn),
          }),
        ),
      ),
    ),
  );
}

function dossierSection(dossier) {
  const rows = (part) =>
    dossier.items
      .filter((i) => i.part === part)
      .map((i) =>
        h(
          'tr',
          { class: `dossier-${i.status}`, dataset: { form: i.form, ...(i.ruleId ? { rule: i.ruleId } : {}) } },
          h('td', {}, i.form),
          h('td', { class: 'lead' }, bi(i.label)),
          dateCell(i.recordedOn),
          h('td', {}, i.signedBy ?? ''),
          dateCell(i.expiresOn),
          h('td', { class: 'key' }, h('span', { class: `badge status-${i.status}` }, t(`dossierStatus.${i.status}`))),
        ),
      );
  const headers = [t('form'), t('paper'), t('recordedOn'), t('signedBy'), t('expiresOn'), t('status')];
  const recognition = rows('recognition');
  return section(
    t('dossier'),
    table(headers, rows('admission'), { id: 'dossier' }),
    renewNotice(dossier),
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

/** Papers run out on their own dates, not the charter's deadlines: the first of them, beside the deadlines. */
function firstPaperExpiry(dossier) {
  const [first] = papersToRenew(dossier).sort((a, b) => a.expiresOn.localeCompare(b.expiresOn));
  return first
    ? h(
        'p',
        { class: 'notice warn', id: 'papers-first-expiry' },
        t('firstPaperExpiry', { paper: bi(first.label), date: fmtDate(first.expiresOn) }),
      )
    : null;
}

function deadlinesSection(deadlines, me, dossier) {
  const all = [...deadlines.history].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return section(
    t('deadlines'),
    firstPaperExpiry(dossier),
    all.length
      ? table(
          [t('deadline'), t('dueDate'), t('answerBy'), t('metOn'), t('late'), t('level')],
          all.map((d) =>
            h(
              'tr',
              { class: d.metOn ? '' : d.level > 0 ? 'overdue' : 'open' },
              // Its name by its kind, from the server's labels: a met deadline is no longer among the open ones.
              h('td', { class: 'lead' }, deadlineName(d.kind)),
              dateCell(d.dueDate),
              h('td', { class: 'key' }, me.unitNames[d.answerBy] ?? d.answerBy),
              dateCell(d.metOn),
              h('td', {}, d.workingDaysLate ?? ''),
              h('td', { class: 'key' }, levelBadge(d.level)),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('none')),
  );
}

/** The step a trail entry stands for now: its latest correction, else as it was recorded. */
const currentEvent = (e) => e.corrected?.event ?? e.event;

const changeList = (before, after) => {
  const lines = changeLines(changedFields(before, after));
  return lines.length
    ? h(
        'ul',
        { class: 'changes' },
        lines.map((l) => h('li', {}, l)),
      )
    : null;
};

/** Beside a corrected step: when, by whom and why it was corrected, and what was first recorded. */
function correctedNote(e, trail) {
  const by = trail.find((t) => t.seq === e.corrected.bySeq);
  return h(
    'div',
    { class: 'correction-note' },
    t('correctedNote', {
      date: fmtDate(by?.date),
      by: personOf(by?.recordedBy),
      reason: by?.detail?.reason ?? '',
    }),
    h('div', { class: 'muted' }, t('firstRecorded')),
    changeList(e.event, e.corrected.event),
  );
}

/** A correction's own row: the step it corrected, why, and what it changed. */
function correctionCell(e) {
  const d = e.detail ?? {};
  return h(
    'td',
    {},
    t('correctionOf', { seq: d.seq, step: commandName(d.after?.type ?? d.before?.type) }),
    h(
      'div',
      { class: 'correction-note' },
      t('correctionReason', { reason: d.reason ?? '' }),
      changeList(d.before, d.after),
    ),
  );
}

function trailSection(c, me, rerender, schemaOf) {
  const trail = c.trail;
  const steps = trail.filter((e) => ['command', 'registered', 'system', 'correction'].includes(e.kind));
  const acts = me.role === 'cell_secretary' || me.role === 'committee';
  const holder = h('div', { id: 'correction' });
  const row = (e) => {
    // A corrected step shows its values as corrected, the original beside them.
    const now = e.corrected ? { ...e, ...e.corrected.event } : e;
    // Whether the viewer may correct it is the workflow's own judgement, made by the API (c.correctable).
    const canCorrect = acts && schemaOf(e.type) && c.correctable.includes(e.seq);
    return h(
      'tr',
      {
        class: e.corrected ? 'corrected' : e.kind === 'correction' ? 'correction' : '',
        dataset: { seq: e.seq, kind: e.kind },
      },
      dateCell(now.date),
      e.kind === 'correction'
        ? correctionCell(e)
        : h(
            'td',
            { class: 'lead' },
            e.kind === 'registered' ? t('timelineKind.registered') : commandName(e.type),
            e.corrected ? correctedNote(e, trail) : null,
          ),
      h('td', {}, now.form ?? ''),
      h('td', {}, now.signedBy ?? ''),
      h('td', {}, personOf(e.recordedBy)),
      h('td', {}, e.stageAfter ? stageName(e.stageAfter) : ''),
      acts
        ? h(
            'td',
            {},
            canCorrect
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'small secondary correct',
                    onclick: () => openCorrection(holder, c, e, me, { rerender, schemaOf }),
                  },
                  t('correct'),
                )
              : null,
          )
        : null,
    );
  };
  return section(
    t('trail'),
    table(
      [
        t('date'),
        t('step'),
        t('form'),
        t('signedBy'),
        t('recordedBy'),
        t('stageAfter'),
        ...(acts ? [t('actions')] : []),
      ],
      steps.map(row),
      { id: 'trail' },
    ),
    holder,
  );
}

/**
 * The step's own form, filled with the step as it now stands, and the reason: sent as CORRECT_STEP. A refusal
 * leaves the form as the user filled it, with the charter's reason.
 */
async function openCorrection(holder, c, entry, me, { rerender, schemaOf }) {
  const { correction } = await schemas();
  const schema = schemaOf(entry.type);
  const reason = correction().properties.reason;
  const withReason = {
    ...schema,
    properties: { ...schema.properties, correctionReason: reason },
    required: [...(schema.required ?? []), 'correctionReason'],
  };
  // One key per correction, kept while its outcome is unknown (a 503, a lost connection), as for a step.
  let pending = null;
  mount(
    holder,
    h('h3', {}, t('correctTitle', { seq: entry.seq, step: commandName(entry.type) })),
    h('p', { class: 'muted' }, t('correctHelp')),
    schemaForm(withReason, {
      values: typedStep(schema, currentEvent(entry)),
      omit: me.role === 'committee' ? [] : ['paperRecord'],
      submitLabel: t('correctSubmit'),
      async onSubmit(value, status, fail) {
        const { correctionReason, ...step } = value;
        if (!correctionReason?.trim()) return showProblems(status, [t('invalid'), t('reasonRequired')]);
        const body = { type: 'CORRECT_STEP', seq: entry.seq, step, reason: correctionReason };
        const text = JSON.stringify(body);
        if (pending?.text !== text) pending = { text, key: newActionKey() };
        try {
          const res = await api('POST', `/cases/${encodeURIComponent(c.caseId)}/commands`, body, {
            idempotencyKey: pending.key,
          });
          pending = null;
          setFlash(t('correctedFlash', { seq: entry.seq, stage: stageName(res.stage) }));
          await rerender();
        } catch (err) {
          if (err instanceof ApiError && err.status !== 503) pending = null;
          fail(err);
        }
      },
    }),
    h('button', { type: 'button', class: 'secondary', onclick: () => mount(holder) }, t('cancel')),
  );
  holder.scrollIntoView({ block: 'start' });
}

async function stepSection(c, me, rerender) {
  if (!c.nextSteps.length) return noPrint(section(t('nextStep'), h('p', { class: 'muted' }, t('noSteps'))));
  const { command } = await schemas();
  const holder = h('div', { id: 'step-form' });
  // Steps any living case can take (the machine's, from the API) are listed apart from the stage's own.
  const anyStage = new Set(c.anyStageSteps);
  const own = c.nextSteps.filter((s) => !anyStage.has(s));
  const other = c.nextSteps.filter((s) => anyStage.has(s));
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
        async onSubmit(value, status, fail) {
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
            fail(err);
          }
        },
      }),
    );
  });
  return noPrint(section(t('nextStep'), select, holder));
}

export async function caseView({ me, args, rerender }) {
  const [c, { command }] = await Promise.all([api('GET', `/cases/${encodeURIComponent(args[0])}`), schemas()]);
  const p = c.context.profile;
  return [
    takeFlash(),
    h(
      'div',
      { class: 'case-head' },
      printButton(),
      h('h1', {}, p.fullName),
      h(
        'div',
        {},
        stageBadge(c.stage),
        ' ',
        h(
          'span',
          { class: 'muted' },
          `${c.caseId} · ${me.unitNames?.[c.context.cellId] ?? c.context.cellId} · ${fmtDate(p.birthDate)}`,
        ),
      ),
      educationLine(p),
      printStamp(),
    ),
    h('div', { class: 'grid' }, await stepSection(c, me, rerender), deadlinesSection(c.deadlines, me, c.dossier)),
    dossierSection(c.dossier),
    // The documents are an extra: a case whose list fails still shows.
    await documentsSection(c).catch(() => null),
    trailSection(c, me, rerender, command),
  ];
}
