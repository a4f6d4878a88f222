// Forms built from the API's own JSON schemas (the OpenAPI document is made
// from the zod schemas the server validates with), so a form cannot drift
// from what the server accepts.
import { h } from './dom.js';
import { CHOICE_NAMES, FIELD_NAMES } from './form-labels.js';
import { fmtDate, lang, parseDate, t } from './i18n.js';

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

function field(path, name, s, required, fixed, values) {
  const id = `f-${path}`;
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
  } else if (s.type === 'boolean') {
    input = h('input', {
      type: 'checkbox',
      id,
      'data-path': path,
      'data-kind': 'boolean',
      checked: given ? initial === true : s.default === true,
    });
    return h('label', { class: 'check' }, input, ' ', label);
  } else if (s.type === 'number' || s.type === 'integer') {
    input = h('input', {
      type: 'number',
      id,
      'data-path': path,
      'data-kind': 'number',
      min: s.minimum,
      value: text ?? s.default,
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
    });
  } else if (isHash(s)) {
    input = h('input', {
      type: 'text',
      id,
      'data-path': path,
      pattern: '[0-9a-f]{64}',
      spellcheck: 'false',
      value: text,
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
    );
  } else if (s.maxLength > 300) {
    input = h('textarea', { id, 'data-path': path, rows: 2 });
    if (text !== undefined) input.value = text;
  } else {
    input = h('input', { type: 'text', id, 'data-path': path, value: text });
  }
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}

/**
 * A form for an object schema. `fixed` fills fields the page already knows
 * (hidden); `omit` leaves fields out (arrays are always left to their default).
 * `values` starts the form from an existing value (a step being corrected):
 * its fields are filled in, and what the form has no field for (a list, an
 * optional group, an omitted field) is sent back as it was.
 * onSubmit gets the value, or a list of problems to show.
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
    const problems = [];
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
      else if (el.dataset.kind === 'date') {
        v = parseDate(el.value);
        if (!v) problems.push(t('badDate', { field: pick(FIELD_NAMES, path.at(-1)) }));
      } else v = el.value;
      parent(true)[path.at(-1)] = v;
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
