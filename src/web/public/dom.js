// A tiny element builder: h('td', { class: 'x', onclick }, 'text', child).
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    // Through the CSSOM: the Content-Security-Policy refuses style attributes (style-src 'self').
    else if (k === 'style') el.style.cssText = String(v);
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
  const wrap = h(
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
  scrollableByKeyboard(wrap, headers);
  return wrap;
}

/**
 * A table wider than its card scrolls inside it: it then takes a tab stop and a name, so that a keyboard alone can
 * scroll it (WCAG 2.1.1, axe's scrollable-region-focusable); one that fits stays out of the tab order.
 */
function scrollableByKeyboard(wrap, headers) {
  new ResizeObserver(() => {
    if (wrap.scrollWidth > wrap.clientWidth) {
      wrap.tabIndex = 0;
      wrap.setAttribute('role', 'region');
      wrap.setAttribute('aria-label', headers.filter(Boolean).join(', '));
    } else ['tabindex', 'role', 'aria-label'].forEach((a) => wrap.removeAttribute(a));
  }).observe(wrap);
}
