// Forms built from the API's own JSON schemas (the OpenAPI document is made
// from the zod schemas the server validates with), so a form cannot drift
// from what the server accepts.
import { h } from './dom.js';
import { CHOICE_NAMES, FIELD_NAMES } from './form-labels.js';
import { lang, parseDate, t } from './i18n.js';

const pick = (names, key) => names[key]?.[lang === 'vi' ? 0 : 1] ?? key;
const isDate = (s) => s.type === 'string' && s.pattern?.includes('\\d{4})-(\\d{2})-(\\d{2}');
const isHash = (s) => s.type === 'string' && s.pattern === '^[0-9a-f]{64}$';
const choicesOf = (s) => s.enum ?? (s.anyOf?.every((a) => a.enum?.length === 1) ? s.anyOf.map((a) => a.enum[0]) : null);

let openapi;
/** The API's OpenAPI document (public, fetched once). */
export async function schemas() {
  openapi ??= await (await fetch('/openapi.json')).json();
  const body = (path, method) => openapi.paths[path][method].requestBody.content['application/json'].schema;
  return {
    command: (type) => body('/cases/{id}/commands', 'post').oneOf.find((v) => v.properties.type.enum[0] === type),
    registration: () => body('/cases', 'post'),
  };
}

async function sha256Hex(file) {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function field(path, name, s, required, fixed) {
  const id = `f-${path}`;
  const label = pick(FIELD_NAMES, name) + (required ? ' *' : '');
  if (fixed[path] !== undefined) return h('input', { type: 'hidden', id, 'data-path': path, value: fixed[path] });
  const choices = choicesOf(s);
  if (choices?.length === 1)
    return h('input', { type: 'hidden', id, 'data-path': path, 'data-kind': typeof choices[0], value: choices[0] });
  if (s.type === 'object') {
    return h(
      'fieldset',
      {},
      h('legend', {}, label),
      Object.entries(s.properties).map(([k, sub]) => field(`${path}.${k}`, k, sub, s.required?.includes(k), fixed)),
    );
  }
  let input;
  if (choices) {
    input = h(
      'select',
      { id, 'data-path': path, 'data-kind': typeof choices[0] },
      required ? null : h('option', { value: '' }, '—'),
      choices.map((c) => h('option', { value: c, selected: s.default === c }, pick(CHOICE_NAMES, String(c)))),
    );
  } else if (s.type === 'boolean') {
    input = h('input', {
      type: 'checkbox',
      id,
      'data-path': path,
      'data-kind': 'boolean',
      checked: s.default === true,
    });
    return h('label', { class: 'check' }, input, ' ', label);
  } else if (s.type === 'number' || s.type === 'integer') {
    input = h('input', {
      type: 'number',
      id,
      'data-path': path,
      'data-kind': 'number',
      min: s.minimum,
      value: s.default,
    });
  } else if (isDate(s)) {
    input = h('input', {
      type: 'text',
      id,
      'data-path': path,
      'data-kind': 'date',
      placeholder: t('datePlaceholder'),
      inputmode: 'numeric',
    });
  } else if (isHash(s)) {
    input = h('input', { type: 'text', id, 'data-path': path, pattern: '[0-9a-f]{64}', spellcheck: 'false' });
    const file = h('input', {
      type: 'file',
      'aria-label': t('minutesFile'),
      onchange: async () => {
        if (file.files?.[0]) input.value = await sha256Hex(file.files[0]);
      },
    });
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, label),
      input,
      h('small', {}, t('minutesFile'), ' ', file),
    );
  } else if (s.maxLength > 300) {
    input = h('textarea', { id, 'data-path': path, rows: 2 });
  } else {
    input = h('input', { type: 'text', id, 'data-path': path });
  }
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}

/**
 * A form for an object schema. `fixed` fills fields the page already knows
 * (hidden); `omit` leaves fields out (arrays are always left to their default).
 * onSubmit gets the value, or a list of problems to show.
 */
export function schemaForm(schema, { fixed = {}, omit = [], submitLabel, onSubmit }) {
  const fields = Object.entries(schema.properties)
    .filter(([k, s]) => !omit.includes(k) && s.type !== 'array')
    // An optional group (e.g. readmission) is left out: the form is for the common case.
    .filter(([k, s]) => !(s.type === 'object' && !schema.required?.includes(k)))
    .map(([k, s]) => field(k, k, s, schema.required?.includes(k), fixed));
  const status = h('div', { class: 'form-status', role: 'status' });
  const form = h(
    'form',
    { class: 'schema-form', novalidate: true },
    fields,
    h('button', { type: 'submit' }, submitLabel ?? t('record')),
    status,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const value = {};
    const problems = [];
    for (const el of form.querySelectorAll('[data-path]')) {
      const path = el.dataset.path.split('.');
      let v;
      if (el.dataset.kind === 'boolean') v = el.checked;
      else if (el.value === '') continue;
      else if (el.dataset.kind === 'number') v = Number(el.value);
      else if (el.dataset.kind === 'date') {
        v = parseDate(el.value);
        if (!v) problems.push(t('badDate', { field: pick(FIELD_NAMES, path.at(-1)) }));
      } else v = el.value;
      let o = value;
      for (const k of path.slice(0, -1)) o = o[k] ??= {};
      o[path.at(-1)] = v;
    }
    if (problems.length) return showProblems(status, [t('invalid'), ...problems]);
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await onSubmit(value, status);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

export function showProblems(status, lines, kind = 'error') {
  status.className = `form-status ${kind}`;
  status.replaceChildren(...lines.map((l, i) => (i === 0 ? h('strong', {}, l) : h('div', {}, l))));
}
