// Forms built from the API's own JSON schemas (the OpenAPI document is made
// from the zod schemas the server validates with), so a form cannot drift
// from what the server accepts.
import { h } from './dom.js';
import { ApiError } from './api.js';
import { CHOICE_NAMES, FIELD_NAMES, FORM_WORDS } from './form-labels.js';
import { fmtDate, lang, t } from './i18n.js';
import { problemLines } from './ui.js';

const pick = (names, key) => names[key]?.[lang === 'vi' ? 0 : 1] ?? key;
const isDate = (s) => s.type === 'string' && s.pattern?.includes('\\d{4})-(\\d{2})-(\\d{2}');
const isHash = (s) => s.type === 'string' && s.pattern === '^[0-9a-f]{64}$';
const choicesOf = (s) => s.enum ?? (s.anyOf?.every((a) => a.enum?.length === 1) ? s.anyOf.map((a) => a.enum[0]) : null);

let openapi;
/** The API's OpenAPI document (public, fetched once). */
export async function schemas() {
  openapi ??= await (await fetch('/openapi.json')).json();
  const body = (path, method) => openapi.paths[path][method].requestBody.content['application/json'].schema;
  // The commands route takes a step or the correction of one: every variant, wherever the union nests it.
  const variants = (s) => (s.oneOf ?? s.anyOf)?.flatMap(variants) ?? [s];
  const commands = variants(body('/cases/{id}/commands', 'post'));
  const ofType = (type) => commands.find((v) => v.properties?.type?.enum?.[0] === type);
  return {
    command: ofType,
    correction: () => ofType('CORRECT_STEP'),
    registration: () => body('/cases', 'post'),
  };
}

async function sha256Hex(file) {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const valueAt = (o, path) => path.reduce((v, k) => (v && typeof v === 'object' ? v[k] : undefined), o);

/** Where a field's error is shown: beside it, and announced with it (aria-describedby). */
const errorSlot = (path) => h('div', { class: 'field-error', id: `err-${path}`, 'aria-live': 'polite' });

/**
 * A date as typed (dd/MM/yyyy) in the form the API reads, or the text as typed: the server then names what is
 * wrong with it (not written as a date, or no such day as 31/02), in the same words as every other field.
 */
function typedDate(text) {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : text.trim();
}

function field(path, name, s, required, fixed, values) {
  const id = `f-${path}`;
  const described = { 'aria-describedby': `err-${path}` };
  const label = pick(FIELD_NAMES, name) + (required ? ' *' : '');
  if (fixed[path] !== undefined) return h('input', { type: 'hidden', id, 'data-path': path, value: fixed[path] });
  // A list (the names of absentees…) has no field: it keeps its default, or what `values` gave it.
  if (s.type === 'array') return null;
  const choices = choicesOf(s);
  if (choices?.length === 1)
    return h('input', { type: 'hidden', id, 'data-path': path, 'data-kind': typeof choices[0], value: choices[0] });
  if (s.type === 'object') {
    return h(
      'fieldset',
      {},
      h('legend', {}, label),
      Object.entries(s.properties).map(([k, sub]) =>
        field(`${path}.${k}`, k, sub, s.required?.includes(k), fixed, values),
      ),
    );
  }
  const initial = valueAt(values, path.split('.'));
  const given = initial !== undefined && initial !== null && typeof initial !== 'object';
  // A date is shown as dd/MM/yyyy, as it is typed.
  const text = given ? (isDate(s) ? fmtDate(initial) : String(initial)) : undefined;
  let input;
  if (choices) {
    const selected = given ? initial : s.default;
    input = h(
      'select',
      { id, 'data-path': path, 'data-kind': typeof choices[0] },
      required ? null : h('option', { value: '' }, '—'),
      choices.map((c) => h('option', { value: c, selected: selected === c }, pick(CHOICE_NAMES, String(c)))),
    );
    input.setAttribute('aria-describedby', `err-${path}`);
  } else if (s.type === 'boolean') {
    input = h('input', {
      type: 'checkbox',
      id,
      'data-path': path,
      'data-kind': 'boolean',
      checked: given ? initial === true : s.default === true,
      ...described,
    });
    return h('div', { class: 'field' }, h('label', { class: 'check' }, input, ' ', label), errorSlot(path));
  } else if (s.type === 'number' || s.type === 'integer') {
    input = h('input', {
      type: 'number',
      id,
      'data-path': path,
      'data-kind': 'number',
      min: s.minimum,
      value: text ?? s.default,
      ...described,
    });
  } else if (isDate(s)) {
    input = h('input', {
      type: 'text',
      id,
      'data-path': path,
      'data-kind': 'date',
      placeholder: t('datePlaceholder'),
      inputmode: 'numeric',
      value: text,
      ...described,
    });
  } else if (isHash(s)) {
    input = h('input', {
      type: 'text',
      id,
      'data-path': path,
      pattern: '[0-9a-f]{64}',
      spellcheck: 'false',
      value: text,
      ...described,
    });
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
      errorSlot(path),
    );
  } else if (s.maxLength > 300) {
    input = h('textarea', { id, 'data-path': path, rows: 2, ...described });
    if (text !== undefined) input.value = text;
  } else if (s['x-suggestions']?.length) {
    // Written as people write it ("12/12", "Đại học"), with the usual ways offered.
    const list = `list-${path}`;
    input = [
      h('input', { type: 'text', id, 'data-path': path, value: text, list, autocomplete: 'off', ...described }),
      h(
        'datalist',
        { id: list },
        s['x-suggestions'].map((x) => h('option', { value: x })),
      ),
    ];
  } else {
    input = h('input', { type: 'text', id, 'data-path': path, value: text, ...described });
  }
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, errorSlot(path));
}

/**
 * A form for an object schema. `fixed` fills fields the page already knows
 * (hidden); `omit` leaves fields out (arrays are always left to their default).
 * `values` starts the form from an existing value (a step being corrected):
 * its fields are filled in, and what the form has no field for (a list, an
 * optional group, an omitted field) is sent back as it was.
 * onSubmit gets the value, the status element and `fail(err)`, which shows every error the API gave beside its
 * field (and what belongs to no field in the status).
 */
export function schemaForm(schema, { fixed = {}, omit = [], values, submitLabel, onSubmit }) {
  const fields = Object.entries(schema.properties)
    .filter(([k, s]) => !omit.includes(k) && s.type !== 'array')
    // An optional group (e.g. readmission) is left out: the form is for the common case.
    .filter(([k, s]) => !(s.type === 'object' && !schema.required?.includes(k)))
    .map(([k, s]) => field(k, k, s, schema.required?.includes(k), fixed, values));
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
    const value = values === undefined ? {} : structuredClone(values);
    clearFieldErrors(form);
    for (const el of form.querySelectorAll('[data-path]')) {
      const path = el.dataset.path.split('.');
      const parent = (create) => {
        let o = value;
        for (const k of path.slice(0, -1)) {
          if (o[k] === undefined && !create) return undefined;
          o = o[k] ??= {};
        }
        return o;
      };
      // A field emptied by the user is left out, not kept from `values`.
      delete parent(false)?.[path.at(-1)];
      let v;
      if (el.dataset.kind === 'boolean') v = el.checked;
      else if (el.value === '') continue;
      else if (el.dataset.kind === 'number') v = Number(el.value);
      else if (el.dataset.kind === 'date') v = typedDate(el.value);
      else v = el.value;
      parent(true)[path.at(-1)] = v;
    }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await onSubmit(value, status, (err) => showFormErrors(form, status, err));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

function clearFieldErrors(form) {
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const slot of form.querySelectorAll('.field-error')) slot.replaceChildren();
}

/** The API's words for one field error, in the chosen language; a date is asked for as it is typed here. */
function errorText(e) {
  if (e.code === 'date_format') return pick(FORM_WORDS, 'dateFormat');
  return lang === 'vi' ? e.vi : e.en;
}

/** The field errors of an API answer: a 400's list, a 422's (a registration's dates, an unknown organisation). */
const fieldErrorsOf = (err) => (err instanceof ApiError && Array.isArray(err.body?.errors) ? err.body.errors : []);

/**
 * Every error of a refused submission at once: each beside its field (aria-invalid, its message read with it),
 * and all of them, by label, in the form's status; the first field at fault gets the focus.
 */
export function showFormErrors(form, status, err) {
  clearFieldErrors(form);
  const errors = fieldErrorsOf(err);
  if (!errors.length) return showProblems(status, problemLines(err));
  const lines = [];
  let first = null;
  for (const e of errors) {
    const input = form.querySelector(`[data-path="${CSS.escape(e.path)}"]:not([type=hidden])`);
    const slot = input && form.querySelector(`#${CSS.escape(`err-${e.path}`)}`);
    const label = lang === 'vi' ? e.field.vi : e.field.en;
    if (slot) {
      input.setAttribute('aria-invalid', 'true');
      slot.replaceChildren(errorText(e));
      first ??= input;
    }
    lines.push(`${label}: ${errorText(e)}`);
  }
  showProblems(status, [err.status === 422 ? t('refused') : t('invalid'), ...lines]);
  first?.focus();
}

export function showProblems(status, lines, kind = 'error') {
  status.className = `form-status ${kind}`;
  status.replaceChildren(...lines.map((l, i) => (i === 0 ? h('strong', {}, l) : h('div', {}, l))));
}

/** What the server fills in or keeps for itself on a step: never a field the user typed, nor changed by one. */
const NOT_TYPED = new Set([
  'recordedBy',
  'recordedOn',
  'registry',
  'acceptedEarlier',
  'toCommitteeIds',
  'toCompetentCommitteeId',
]);

/** A step as its own form would send it: only the fields of `schema`, none the server fills in. */
export function typedStep(schema, event) {
  return Object.fromEntries(Object.entries(event ?? {}).filter(([k]) => k in schema.properties && !NOT_TYPED.has(k)));
}

const leaves = (v, path, out) => {
  if (v && typeof v === 'object' && !Array.isArray(v))
    for (const [k, sub] of Object.entries(v)) leaves(sub, [...path, k], out);
  else out.set(path.join('.'), v);
  return out;
};

/**
 * Each field that differs between two versions of a step, nested ones (a vote's tally) field by field, with
 * the fields a user does not type left aside.
 */
export function changedFields(before, after) {
  const strip = (o) => Object.fromEntries(Object.entries(o ?? {}).filter(([k]) => !NOT_TYPED.has(k)));
  const b = leaves(strip(before), [], new Map());
  const a = leaves(strip(after), [], new Map());
  return [...new Set([...b.keys(), ...a.keys()])]
    .filter((k) => JSON.stringify(b.get(k) ?? null) !== JSON.stringify(a.get(k) ?? null))
    .map((path) => ({ path, before: b.get(path), after: a.get(path) }));
}

/** A field's value as the forms show it: dates dd/MM/yyyy, choices by name, lists joined. */
export function shownValue(v) {
  if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) return '—';
  if (Array.isArray(v)) return v.map(shownValue).join(', ');
  if (typeof v === 'boolean') return t(v ? 'boolYes' : 'boolNo');
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return fmtDate(v);
  if (typeof v === 'object') return JSON.stringify(v);
  return CHOICE_NAMES[v] ? pick(CHOICE_NAMES, v) : String(v);
}

/** "Ngày: 15/08/2025 → 14/08/2025" for each changed field (a nested one named by its own label). */
export const changeLines = (changes) =>
  changes.map(
    (c) => `${pick(FIELD_NAMES, c.path.split('.').at(-1))}: ${shownValue(c.before)} → ${shownValue(c.after)}`,
  );
