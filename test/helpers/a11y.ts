/**
 * What the accessibility and phone tests check on a page of the dashboard in a real browser: axe-core's serious
 * and critical violations, the controls the Tab key reaches, and whether anything spills sideways out of the
 * viewport.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE = require.resolve('axe-core/axe.min.js');

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
}

/**
 * axe-core's serious and critical violations on the page as it is now, one line each ("rule: help — where").
 * Injected with addScriptTag; the dashboard's CSP refuses inline scripts, so when the tag is refused the same file
 * is evaluated through the browser's DevTools protocol, which the page's CSP does not govern.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) {
    await page.addScriptTag({ path: AXE }).catch(() => undefined);
    if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(readFileSync(AXE, 'utf8'));
  }
  const result = (await page.evaluate('window.axe.run(document, { resultTypes: ["violations"] })')) as AxeResult;
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/** Every visible control of the page: links, buttons, fields, anything given a tab stop. */
const CONTROLS = `a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]),
  textarea:not([disabled]), [tabindex]:not([tabindex="-1"])`;

/**
 * The visible controls the Tab key never reaches, walking from the top of the page until focus comes back round;
 * each named by its tag, id and text. Empty when the keyboard reaches them all.
 */
export async function unreachableByTab(page: Page): Promise<string[]> {
  const total = (await page.evaluate(`(() => {
    const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const all = [...document.querySelectorAll(\`${CONTROLS}\`)].filter(visible);
    all.forEach((el, i) => el.setAttribute('data-kb', String(i)));
    document.activeElement?.blur();
    window.scrollTo(0, 0);
    return all.length;
  })()`)) as number;
  const reached = new Set<string>();
  for (let i = 0; i < total * 2 + 5; i++) {
    await page.keyboard.press('Tab');
    const kb = (await page.evaluate('document.activeElement?.getAttribute("data-kb") ?? ""')) as string;
    if (kb && reached.has(kb)) break;
    if (kb) reached.add(kb);
    if (reached.size === total) break;
  }
  return (await page.evaluate(`[...document.querySelectorAll('[data-kb]')]
    .filter((el) => !${JSON.stringify([...reached])}.includes(el.getAttribute('data-kb')))
    .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + (el.innerText || el.value || '').trim().slice(0, 40) + '"')`)) as string[];
}

/** How far the page reaches past the viewport's right edge, in CSS pixels (0 when nothing needs a sideways scroll). */
export const sidewaysOverflow = (page: Page): Promise<number> =>
  page.evaluate('document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth') as Promise<number>;

/** The elements matching `selector` that lie (partly) outside the viewport's width, by tag and text. */
export async function outsideViewport(page: Page, selector: string): Promise<string[]> {
  return (await page.evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})]
    .filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && (r.left < 0 || r.right > document.documentElement.clientWidth);
    })
    .map((el) => el.tagName.toLowerCase() + ' "' + (el.innerText || '').trim().slice(0, 40) + '"')`)) as string[];
}
