// The auditor's view of one case: the history replayed on today's code, every
// step with its date, form, signer, the policy set of its date and each rule
// it was judged by, every deadline and how late it was met, the findings, and
// the case as it stood on any chosen date.
import { api } from '../api.js';
import { h, table } from '../dom.js';
import { COMMAND_NAMES } from '../form-labels.js';
import { changedFields, changeLines } from '../forms.js';
import { bi, fmtDate, fmtDateTime, lang, parseDate, stageName, t } from '../i18n.js';
import { dateCell, levelBadge, noPrint, printButton, printStamp, section, stageBadge } from '../ui.js';

const commandName = (type) => COMMAND_NAMES[type]?.[lang === 'vi' ? 0 : 1] ?? type;

/** A corrected step: judged as corrected; when, by whom and why, and each field as recorded and as corrected. */
function correctionNote(c) {
  const lines = c.changed.flatMap((x) => changeLines(changedFields({ [x.field]: x.before }, { [x.field]: x.after })));
  return h(
    'div',
    { class: 'correction-note' },
    h('span', { class: 'badge corrected' }, t('auditCorrected')),
    ' ',
    t('auditCorrectedNote', { date: fmtDate(c.on), by: c.recordedBy, reason: c.reason }),
    lines.length
      ? h(
          'ul',
          { class: 'changes' },
          lines.map((l) => h('li', {}, l)),
        )
      : null,
  );
}

function pickCase(cases) {
  const input = h('input', { id: 'audit-case', type: 'text', list: 'audit-cases', autocomplete: 'off' });
  const form = h(
    'form',
    { class: 'inline' },
    h('label', { for: 'audit-case' }, t('caseId')),
    input,
    h(
      'datalist',
      { id: 'audit-cases' },
      cases.map((c) => h('option', { value: c.caseId }, [c.fullName, stageName(c.stage)].filter(Boolean).join(' · '))),
    ),
    h('button', { type: 'submit' }, t('auditOpen')),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (input.value.trim()) location.hash = `#/audit/${encodeURIComponent(input.value.trim())}`;
  });
  return noPrint(section(t('auditTitle'), form));
}

function stepsTable(report) {
  const findingsOf = (eventId) => report.findings.filter((f) => f.eventId === eventId);
  return table(
    [t('date'), t('step'), t('form'), t('signedBy'), t('recordedBy'), t('policy'), t('rules'), t('stageAfter')],
    report.steps.map((s) =>
      h(
        'tr',
        {
          class: [s.findings ? 'finding' : '', s.correction ? 'corrected' : ''].filter(Boolean).join(' '),
          dataset: { eventId: s.eventId },
        },
        dateCell(s.date),
        h(
          'td',
          { class: 'lead' },
          commandName(s.type),
          s.paperRecord ? h('small', { class: 'muted' }, ` (${t('paperRecord')})`) : null,
          s.correction ? correctionNote(s.correction) : null,
        ),
        h('td', {}, s.form ?? ''),
        h('td', {}, s.signedBy ?? ''),
        h('td', {}, s.recordedByName ? `${s.recordedByName} (${s.recordedBy})` : (s.recordedBy ?? '')),
        h('td', {}, s.policyId),
        h(
          'td',
          { class: 'rules' },
          (s.rules ?? []).map((r) =>
            h(
              'span',
              { class: `rule ${r.ok ? 'ok' : 'broken'}`, title: r.ok ? t('passed') : '' },
              `${r.ok ? '✓' : '✗'} ${r.ruleId}`,
            ),
          ),
          findingsOf(s.eventId).map((f) => h('div', { class: 'finding-reason' }, bi(f.reason))),
        ),
        h('td', {}, s.stageAfter ? stageName(s.stageAfter) : ''),
      ),
    ),
    { id: 'audit-steps' },
  );
}

function deadlinesTable(report, me) {
  if (!report.deadlines?.length) return h('p', { class: 'muted' }, t('none'));
  return table(
    [t('deadline'), t('dueDate'), t('answerBy'), t('metOn'), t('late'), t('policy')],
    (report.deadlines ?? []).map((d) =>
      h(
        'tr',
        { class: d.metOn === null ? 'open' : d.workingDaysLate > 0 ? 'late' : '' },
        h('td', { class: 'lead' }, bi(d.label)),
        dateCell(d.dueDate),
        h('td', { class: 'key' }, me.unitNames[d.answerBy] ?? d.answerBy),
        dateCell(d.metOn),
        h('td', {}, d.workingDaysLate ?? '—'),
        h('td', {}, d.policyId),
      ),
    ),
    { id: 'audit-deadlines' },
  );
}

function timelineList(report) {
  const label = (e) => {
    if (e.kind === 'command' && e.command?.type === 'CORRECT_STEP')
      return `${commandName('CORRECT_STEP')}: ${t('correctStepOf', { seq: e.command.seq })} (${commandName(e.command.step?.type)})`;
    if (e.kind === 'command') return commandName(e.command?.type);
    // The timer's summary in the reader's language (the history keeps the workflow's English line).
    if (e.kind === 'timer') return `${t('timelineKind.timer')}: ${bi(e.label) || e.summary || ''}`;
    if (e.kind === 'alert_sent' || e.kind === 'alert_closed')
      return `${t(`timelineKind.${e.kind}`)}: ${bi(e.payload?.summary) || e.payload?.deadlineId || ''}`;
    return t(`timelineKind.${e.kind}`);
  };
  return h(
    'ol',
    { class: 'timeline', id: 'audit-timeline' },
    report.timeline
      .filter((e) => e.kind !== 'timer_canceled')
      .map((e) =>
        h(
          'li',
          { class: `tl-${e.kind}` },
          // A step's own date; anything else at the moment Temporal recorded it, in Vietnam time.
          h(
            'span',
            { class: 'date' },
            e.registration?.registeredOn || e.command?.date
              ? fmtDate(e.registration?.registeredOn ?? e.command?.date)
              : fmtDateTime(e.at),
          ),
          ' ',
          label(e),
        ),
      ),
  );
}

function asOfSection(caseId, report, me) {
  const input = h('input', {
    id: 'as-of',
    type: 'text',
    placeholder: t('datePlaceholder'),
    value: report.asOf ? fmtDate(report.asOf.date) : '',
  });
  const form = h(
    'form',
    { class: 'inline' },
    h('label', { for: 'as-of' }, t('asOf')),
    input,
    h('button', { type: 'submit' }, t('show')),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const d = parseDate(input.value);
    if (d) location.hash = `#/audit/${encodeURIComponent(caseId)}?asOf=${d}`;
    else {
      input.setCustomValidity(t('badDate', { field: t('asOf') }));
      input.reportValidity();
    }
  });
  const s = report.asOf;
  const body = !s
    ? null
    : !s.registered
      ? h('p', { id: 'as-of-state' }, t('asOfNotRegistered', { date: fmtDate(s.date) }))
      : h(
          'div',
          { id: 'as-of-state' },
          h('p', {}, `${fmtDate(s.date)}: `, stageBadge(s.stage)),
          s.deadlines.length
            ? table(
                [t('deadline'), t('dueDate'), t('answerBy'), t('overdue')],
                s.deadlines.map((d) =>
                  h(
                    'tr',
                    { class: d.overdue ? 'overdue' : '' },
                    h('td', {}, bi(d.label)),
                    dateCell(d.dueDate),
                    h('td', {}, me.unitNames[d.answerBy] ?? d.answerBy),
                    h('td', {}, d.overdue ? '✓' : ''),
                  ),
                ),
              )
            : null,
          s.openAlerts.length
            ? [
                h('h3', {}, t('openAlerts')),
                table(
                  [t('raisedOn'), t('summary'), t('level')],
                  s.openAlerts.map((a) =>
                    h('tr', {}, dateCell(a.raisedOn), h('td', {}, bi(a.summary)), h('td', {}, levelBadge(a.level))),
                  ),
                ),
              ]
            : null,
        );
  form.classList.add('no-print');
  return section(t('asOf'), form, body);
}

export async function auditView({ me, args }) {
  // The most recent cases, to pick from; any other is found by its id.
  const cases = await api('GET', '/cases?includeClosed=true&pageSize=200')
    .then((page) => page.cases)
    .catch(() => []);
  if (!args[0]) return pickCase(cases);
  const caseId = args[0];
  const asOf = new URLSearchParams(location.hash.split('?')[1] ?? '').get('asOf');
  const report = await api('GET', `/cases/${encodeURIComponent(caseId)}/audit${asOf ? `?asOf=${asOf}` : ''}`);
  const replayError = report.runs.find((r) => r.replay !== 'ok')?.replay;
  const name = report.timeline.find((e) => e.kind === 'registered')?.registration?.profile?.fullName;
  return [
    pickCase(cases),
    h(
      'div',
      { class: 'case-head' },
      printButton(),
      h('h1', {}, `${t('auditTitle')}: ${name ? `${name} (${caseId})` : caseId}`),
      printStamp(),
    ),
    h(
      'div',
      { class: `notice ${report.clean ? 'ok' : 'warn'}`, id: 'audit-verdict' },
      replayError
        ? t('replayFailed', { error: replayError })
        : report.clean
          ? t('auditClean')
          : t('auditNotClean', { n: report.findings.length }),
    ),
    asOfSection(caseId, report, me),
    section(t('trail'), stepsTable(report)),
    section(t('deadlines'), deadlinesTable(report, me)),
    report.findings.length
      ? section(
          t('findings'),
          h(
            'ul',
            { id: 'audit-findings' },
            report.findings.map((f) =>
              h(
                'li',
                {},
                h('strong', {}, t(`findingKind.${f.kind}`)),
                ` ${fmtDate(f.date)} · ${bi(f.reason)}${f.ruleId ? ` (${f.ruleId}, ${f.policyId})` : ''}`,
              ),
            ),
          ),
        )
      : null,
    section(t('timeline'), timelineList(report)),
  ];
}
