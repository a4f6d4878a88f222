/** What the CLI prints: tables for people, JSON for scripts, dates as dd/MM/yyyy. */
import Table from 'cli-table3';

export const dmy = (iso: unknown): string => {
  if (typeof iso !== 'string') return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
};

export function table(head: string[], rows: unknown[][]): string {
  const t = new Table({ head, style: { head: [], border: [] } });
  for (const r of rows) t.push(r.map((c) => (c === null || c === undefined ? '' : String(c))));
  return t.toString();
}

export function print(json: boolean, value: unknown, human: () => string) {
  process.stdout.write(json ? JSON.stringify(value, null, 2) + '\n' : human() + '\n');
}
