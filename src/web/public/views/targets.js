// The committee's numbers: admissions against the annual target, the funnel,
// conversion and time per stage, workforce share, cells with no admission;
// as charts (Chart.js) and as the report table, exportable to CSV and Excel.
import { api, download } from '../api.js';
import { h, table } from '../dom.js';
import { fmtDate, num, pct, stageName, t, todayVn } from '../i18n.js';
import { errorBox, printButton, printStamp, section } from '../ui.js';

const COLORS = { primary: '#b71c1c', secondary: '#f9a825', muted: '#90a4ae' };

/** A chart, named for screen readers by `title` (the figures are also in the tables below). */
function chart(title, kind, labels, datasets, options = {}) {
  const canvas = h('canvas', { role: 'img', 'aria-label': title });
  // Drawn once the canvas is in the page, so it can size itself.
  requestAnimationFrame(
    () =>
      new window.Chart(canvas, {
        type: kind,
        data: { labels, datasets },
        options: { responsive: true, maintainAspectRatio: false, animation: false, ...options },
      }),
  );
  return h('div', { class: 'chart' }, canvas);
}

/** A unit's name indented under its committee: set on the element, as the page's CSP refuses style attributes. */
const indented = (td, depth) => ((td.style.paddingLeft = `${0.5 + depth * 1.2}em`), td);

const stat = (id, label, value, sub) =>
  h(
    'div',
    { class: 'stat', id },
    h('div', { class: 'stat-value' }, value),
    h('div', { class: 'stat-label' }, label),
    sub ? h('small', {}, sub) : null,
  );

export async function targetsView({ me, args }) {
  const committeeId = me.role === 'committee' ? me.orgId : (args[0] ?? me.orgId);
  const thisYear = Number(todayVn().slice(0, 4));
  const year = Number(new URLSearchParams(location.hash.split('?')[1] ?? '').get('year')) || thisYear;
  const base = `/committees/${encodeURIComponent(committeeId)}/targets?year=${year}`;
  const r = await api('GET', base);
  const tot = r.totals;

  const yearSelect = h(
    'select',
    {
      id: 'year',
      'aria-label': t('year'),
      onchange: (ev) => (location.hash = `#/targets/${committeeId}?year=${ev.target.value}`),
    },
    [thisYear, thisYear - 1, thisYear - 2].map((y) => h('option', { value: y, selected: y === year }, y)),
  );
  const status = h('div', { class: 'form-status' });
  const exportButton = (format, label) =>
    h(
      'button',
      {
        class: 'secondary',
        id: `export-${format}`,
        onclick: () =>
          download(
            `${base}&format=${format}&lang=${document.documentElement.lang}`,
            `chi-tieu-${committeeId}-${year}.${format}`,
          ).catch((err) => status.replaceChildren(errorBox(err))),
      },
      label,
    );

  // "Tải báo cáo": the same table as the committee's official annual report (DOCX to finish in Word, PDF to print).
  const reportButton = (format) =>
    h(
      'button',
      {
        class: 'secondary',
        id: `report-${format}`,
        onclick: () =>
          download(
            `/reports/admissions/${encodeURIComponent(committeeId)}/${year}/document?format=${format}`,
            `bao-cao-ket-nap-${committeeId}-${year}.${format}`,
          ).catch((err) => status.replaceChildren(errorBox(err))),
      },
      `${t('downloadReport')} (${format.toUpperCase()})`,
    );

  const units = r.rows.filter((row) => row.depth > 0 && row.target > 0);
  const openStages = r.funnel;
  return [
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, `${t('nav.targets')} · ${r.committeeName}`),
      h(
        'div',
        { class: 'actions' },
        yearSelect,
        printButton(),
        exportButton('csv', t('exportCsv')),
        exportButton('xlsx', t('exportXlsx')),
        reportButton('docx'),
        reportButton('pdf'),
      ),
    ),
    status,
    h(
      'div',
      { class: 'stats' },
      stat(
        'stat-official',
        t('officialMembers'),
        num(tot.officialMembers),
        `${t('probationaryMembers')}: ${num(tot.probationaryMembers)}`,
      ),
      stat('stat-target', t('target'), num(tot.target), t('targetShare', { share: pct(tot.targetShare * 100, 1) })),
      stat('stat-admitted', t('admitted'), num(tot.admitted)),
      stat('stat-percent', t('percentOfPlan'), pct(tot.percentOfPlan)),
      r.workforce
        ? stat(
            'stat-share',
            t('membersShare'),
            pct(r.workforce.share * 100, 1),
            `${t('workforce')}: ${num(r.workforce.total)}`,
          )
        : null,
      r.workforce ? stat('stat-potential', t('potential'), num(r.workforce.potential)) : null,
    ),
    h(
      'div',
      { class: 'grid' },
      section(
        t('funnel'),
        chart(
          t('funnel'),
          'bar',
          openStages.map((f) => stageName(f.stage)),
          [{ label: t('funnel'), data: openStages.map((f) => f.count), backgroundColor: COLORS.primary }],
          { indexAxis: 'y', plugins: { legend: { display: false } } },
        ),
      ),
      section(
        t('admittedByUnit'),
        chart(
          t('admittedByUnit'),
          'bar',
          units.map((u) => u.name),
          [
            { label: t('admitted'), data: units.map((u) => u.admitted), backgroundColor: COLORS.primary },
            { label: t('target'), data: units.map((u) => u.target), backgroundColor: COLORS.muted },
          ],
        ),
      ),
    ),
    section(
      t('stageTimes'),
      table(
        [t('stage'), t('entered'), t('movedOn'), t('conversion'), t('medianDays')],
        r.stageTimes.map((s) =>
          h(
            'tr',
            {},
            h('td', { class: 'lead' }, stageName(s.stage)),
            h('td', {}, s.entered),
            h('td', {}, s.movedOn),
            h('td', {}, s.conversion === null ? '—' : pct(s.conversion * 100, 0)),
            h('td', {}, s.medianDays ?? '—'),
          ),
        ),
      ),
      h('small', { class: 'muted' }, t('stageTimesFrom', { n: r.stageTimesFrom })),
    ),
    section(
      `${t('noAdmission', { year })} (${r.cellsWithoutAdmission.length})`,
      h(
        'ul',
        { id: 'no-admission' },
        r.cellsWithoutAdmission.map((c) => h('li', {}, c.name)),
      ),
    ),
    section(
      t('reportForm', { year }),
      h('p', { class: 'muted' }, `${r.committeeName} · ${fmtDate(r.asOf)}`),
      printStamp(),
      table(
        [t('unit'), t('officialMembers'), t('probationaryMembers'), t('target'), t('admitted'), t('percentOfPlan')],
        r.rows.map((row) =>
          h(
            'tr',
            { class: row.depth === 0 ? 'total' : '', dataset: { unit: row.id } },
            indented(h('td', { class: 'lead' }, row.name), row.depth),
            h('td', {}, num(row.officialMembers)),
            h('td', {}, num(row.probationaryMembers)),
            h('td', {}, num(row.target)),
            h('td', {}, num(row.admitted)),
            h('td', {}, pct(row.percentOfPlan)),
          ),
        ),
      ),
    ),
  ];
}
