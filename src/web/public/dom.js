// A tiny element builder: h('td', { class: 'x', onclick }, 'text', child).
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function mount(parent, ...children) {
  parent.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
}

/**
 * A table whose cells carry their column's header (data-label), for the phone's card layout (style.css), where a
 * row becomes a card and each cell says what it is. A cell with class "lead" heads its card; "key" cells (status,
 * level, the action) come right after it.
 */
export function table(headers, rows, props = {}) {
  for (const row of rows.flat(Infinity))
    [...(row?.children ?? [])].forEach((cell, i) => {
      if (cell.tagName === 'TD' && !cell.dataset.label && headers[i]) cell.dataset.label = headers[i];
    });
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      props,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map((x) => h('th', {}, x)),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}
