// "Tải văn bản": the case's official documents (6-, 8-, 9-, 13-, 15-, 16-KNĐ) as the API fills them in, each with
// its number (recorded, or the one it suggests) and a DOCX and a PDF button; the others with the step they wait for.
import { api, download } from '../api.js';
import { h, table } from '../dom.js';
import { bi, fmtDate, t } from '../i18n.js';
import { errorBox, section } from '../ui.js';

export async function documentsSection(c) {
  const base = `/cases/${encodeURIComponent(c.caseId)}/documents`;
  const { documents } = await api('GET', base);
  const status = h('div', { class: 'form-status' });
  const button = (d, format) =>
    h(
      'button',
      {
        type: 'button',
        class: 'small secondary',
        dataset: { format },
        onclick: () =>
          download(`${base}/${encodeURIComponent(d.form)}?format=${format}`, `${d.form}-${c.caseId}.${format}`).catch(
            (err) => status.replaceChildren(errorBox(err)),
          ),
      },
      format.toUpperCase(),
    );
  const rows = documents.map((d) =>
    h(
      'tr',
      { dataset: { form: d.form }, class: d.available ? '' : 'muted' },
      h('td', {}, d.form),
      h('td', {}, bi(d.name)),
      h('td', { class: 'date' }, d.available ? fmtDate(d.date) : ''),
      h('td', {}, d.available ? t(d.recorded ? 'docs.recorded' : 'docs.suggested', { n: d.number }) : bi(d.reason)),
      h('td', {}, d.available ? [button(d, 'docx'), ' ', button(d, 'pdf')] : null),
    ),
  );
  return section(
    t('docs.title'),
    table([t('form'), t('paper'), t('date'), t('docs.number'), ''], rows, { id: 'documents' }),
    status,
  );
}
