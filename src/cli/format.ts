/** What the CLI prints: tables for people, JSON for scripts, dates as dd/MM/yyyy in Vietnam's calendar. */
import Table from 'cli-table3';
import { localDateOf } from '../charter/dates';

export const dmy = (iso: unknown): string => {
  if (typeof iso !== 'string') return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
};

/** An instant (2026-01-31T18:00:00Z) as the day it is in Vietnam (01/02/2026). */
export const dmyInstant = (instant: unknown): string => {
  const t = typeof instant === 'string' ? Date.parse(instant) : NaN;
  return Number.isNaN(t) ? dmy(instant) : dmy(localDateOf(t));
};

export function table(head: string[], rows: unknown[][]): string {
  const t = new Table({ head, style: { head: [], border: [] } });
  for (const r of rows) t.push(r.map((c) => (c === null || c === undefined ? '' : String(c))));
  return t.toString();
}

export function print(json: boolean | undefined, value: unknown, human: () => string) {
  process.stdout.write(json ? JSON.stringify(value, null, 2) + '\n' : human() + '\n');
}
