// A cell's list imported from a file: the file is checked row by row (nothing registered yet), every row shown
// with its verdict or the field at fault, then registered on confirmation with its progress, and the rejected
// rows downloadable in the file's own columns to correct and import again.
import { api, apiResponse } from '../api.js';
import { h, mount, table } from '../dom.js';
import { bi, lang, t } from '../i18n.js';
import { problemLines, section } from '../ui.js';

/** The import's fields as a cell's list names its columns. */
const COLUMNS = {
  vi: {
    caseId: 'Mã hồ sơ',
    fullName: 'Họ và tên',
    birthDate: 'Ngày sinh',
    education: 'Trình độ học vấn',
    educationException: 'Diện ưu tiên học vấn',
    youthUnionMember: 'Đoàn viên',
    tradeUnionMember: 'Công đoàn viên',
    registeredOn: 'Ngày vào nguồn',
  },
  en: {
    caseId: 'Case id',
    fullName: 'Full name',
    birthDate: 'Birth date',
    education: 'Education',
    educationException: 'Education exception',
    youthUnionMember: 'Youth Union member',
    tradeUnionMember: 'Trade union member',
    registeredOn: 'Listed on',
  },
};
/** At most this many rows per request (the API's IMPORT_BATCH_MAX). */
const BATCH = 500;

/**
 * An error of a row as the API gives it: the field's label and the words in the user's language when it has them
 * ({ field, label: { vi, en }, vi, en }), else the column a list calls the field and the message.
 */
function errorLine(e) {
  const field = e.label ? bi(e.label) : (COLUMNS[lang][e.field] ?? e.field ?? '');
  const message = e[lang] ?? e.vi ?? e.message ?? '';
  return field ? `${field}: ${message}` : message;
}

const verdict = (status) => h('span', { class: `badge import-${status}` }, t(`importStatus.${status}`));

/** Each line of a streamed answer (application/x-ndjson) as it arrives. */
async function readLines(res, onLine) {
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i).trim();
      buffer = buffer.slice(i + 1);
      if (line) onLine(JSON.parse(line));
    }
  }
}

function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function previewSection(preview, file, query) {
  const s = preview.summary;
  const total = preview.rows.length;
  const verdictCells = new Map();
  const rows = preview.rows.map((r) => {
    const cell = h('td', { class: 'key' }, verdict(r.status));
    verdictCells.set(r, cell);
    return h(
      'tr',
      { class: `import-row import-${r.status}`, dataset: { line: r.line } },
      h('td', {}, r.line),
      h('td', { class: 'lead' }, r.fullName),
      cell,
      h(
        'td',
        { class: 'import-errors' },
        (r.errors ?? []).map((e) => h('div', {}, errorLine(e))),
      ),
    );
  });
  const accepted = preview.rows.filter((r) => r.status === 'would_register');
  const status = h('div', { class: 'form-status', role: 'status', id: 'import-status' });
  const bar = h('progress', {
    id: 'import-progress',
    max: accepted.length || 1,
    value: 0,
    hidden: true,
    'aria-label': t('importProgressLabel'),
  });

  const confirm = h('button', { type: 'button', id: 'import-confirm' }, t('importConfirm', { n: accepted.length }));
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    bar.hidden = false;
    const counts = { registered: 0, exists: 0, rejected: 0 };
    let done = 0;
    try {
      for (let from = 0; from < accepted.length; from += BATCH) {
        const batch = accepted.slice(from, from + BATCH);
        const res = await apiResponse(
          'POST',
          '/imports',
          { ...query, dryRun: false, rows: batch.map((r) => r.data) },
          { accept: 'application/x-ndjson' },
        );
        await readLines(res, (line) => {
          if (line.error) throw new Error(line.error);
          if (!line.row) return;
          const row = batch[line.row.index];
          counts[line.row.status] = (counts[line.row.status] ?? 0) + 1;
          mount(verdictCells.get(row), verdict(line.row.status));
          bar.value = ++done;
          status.textContent = t('importProgress', { done, total: accepted.length });
        });
      }
      status.className = 'form-status ok';
      status.textContent = t('importDone', counts);
    } catch (err) {
      status.className = 'form-status error';
      status.textContent = problemLines(err).join(' ');
      confirm.disabled = false;
    }
  });

  const rejected = h('button', { type: 'button', class: 'secondary', id: 'import-rejected' }, t('importRejectedCsv'));
  rejected.addEventListener('click', async () => {
    try {
      const res = await apiResponse('POST', `/imports/rejected?${new URLSearchParams(query)}`, file);
      saveBlob(await res.blob(), `${file.name.replace(/\.[^.]+$/, '')}.bi-tu-choi.csv`);
    } catch (err) {
      status.className = 'form-status error';
      status.textContent = problemLines(err).join(' ');
    }
  });

  return h(
    'div',
    { id: 'import-preview' },
    h(
      'p',
      { id: 'import-summary' },
      t('importSummary', { total, ok: s.would_register, exists: s.exists, rejected: s.rejected }),
    ),
    preview.ignoredColumns.length
      ? h('p', { class: 'muted' }, t('importIgnored', { cols: preview.ignoredColumns.join(', ') }))
      : null,
    table([t('importLine'), t('name'), t('importVerdict'), t('importErrors')], rows, { id: 'import-rows' }),
    h(
      'div',
      { class: 'actions' },
      accepted.length ? confirm : h('p', { class: 'muted' }, t('importNothing')),
      s.rejected ? rejected : null,
    ),
    bar,
    status,
  );
}

export async function importView({ me }) {
  const { cells } =
    me.role === 'cell_secretary' ? { cells: [{ id: me.orgId, name: me.orgName }] } : await api('GET', '/imports/cells');
  const cell = h(
    'select',
    { id: 'import-cell', name: 'cellId' },
    cells.map((c) => h('option', { value: c.id }, c.name)),
  );
  const file = h('input', { type: 'file', id: 'import-file', name: 'file', accept: '.csv,.xlsx', required: true });
  // Decides who introduces a young applicant (Charter art. 4), as `pipeline import --no-youth-union` does.
  const youth = h('input', { type: 'checkbox', id: 'import-youth-union', checked: true });
  const result = h('div', { id: 'import-result' });
  const form = h(
    'form',
    { class: 'import-form' },
    cells.length > 1 ? [h('label', { for: 'import-cell' }, t('cell')), cell] : null,
    h('label', { for: 'import-file' }, t('importFile')),
    file,
    h('label', { for: 'import-youth-union', class: 'check' }, youth, t('importYouthUnion')),
    h('button', { type: 'submit', id: 'import-check' }, t('importCheck')),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const chosen = file.files[0];
    if (!chosen) return;
    const query = { cellId: cell.value || cells[0]?.id, youthUnionExists: String(youth.checked) };
    mount(result, h('p', { class: 'muted', role: 'status' }, t('importChecking', { name: chosen.name })));
    try {
      const preview = await apiResponse('POST', `/imports/preview?${new URLSearchParams(query)}`, chosen).then((r) =>
        r.json(),
      );
      mount(result, previewSection(preview, chosen, { cellId: query.cellId, youthUnionExists: youth.checked }));
    } catch (err) {
      mount(
        result,
        h(
          'div',
          { class: 'form-status error', role: 'alert' },
          problemLines(err).map((l) => h('div', {}, l)),
        ),
      );
    }
  });
  return section(t('importTitle'), h('p', { class: 'muted' }, t('importHelp')), form, result);
}
