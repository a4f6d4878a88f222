/**
 * Reads a registry file: JSON (the RegistryFile schema) or CSV (one row per
 * unit and version, as provincial offices keep their lists). Every error names
 * the row (CSV, counting the header as row 1) or the JSON path, and the field.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { OrgUnit, RegistryFile } from '../schemas/organisation';
import { createRegistry, RegistryError, type Registry } from './registry';

const CSV_COLUMNS = [
  'effectiveFrom',
  'id',
  'name',
  'kind',
  'parentId',
  'officialMembers',
  'probationaryMembers',
  'workforce',
  'competentCommitteeId',
  'admissionTargetShare',
] as const;

const describe = (issue: z.core.$ZodIssue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`;

export function parseRegistryJson(text: string, source: string): Registry {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new RegistryError(`${source}: not JSON (${err instanceof Error ? err.message : err})`);
  }
  const parsed = RegistryFile.safeParse(raw);
  if (!parsed.success)
    throw new RegistryError(`${source}: ${parsed.error.issues.slice(0, 10).map(describe).join('; ')}`);
  return withSource(source, () => createRegistry(parsed.data));
}

const num = (v: string) => (v.trim() === '' ? undefined : Number(v));

export function parseRegistryCsv(text: string, source: string, province: string): Registry {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    throw new RegistryError(`${source}: not readable as CSV (${err instanceof Error ? err.message : err})`);
  }
  const missing = CSV_COLUMNS.filter((c) => rows.length > 0 && !(c in rows[0]!));
  if (missing.length) throw new RegistryError(`${source}: missing column(s) ${missing.join(', ')}`);
  const problems: string[] = [];
  const versions = new Map<string, z.infer<typeof OrgUnit>[]>();
  rows.forEach((r, i) => {
    const row = i + 2;
    const effectiveFrom = z.iso.date().safeParse(r.effectiveFrom);
    if (!effectiveFrom.success) problems.push(`row ${row}, effectiveFrom: expected a date as yyyy-MM-dd`);
    const unit = OrgUnit.safeParse({
      id: r.id,
      name: r.name,
      kind: r.kind,
      parentId: r.parentId === '' ? null : r.parentId,
      officialMembers: num(r.officialMembers ?? ''),
      probationaryMembers: num(r.probationaryMembers ?? ''),
      workforce: num(r.workforce ?? ''),
      competentCommitteeId: r.competentCommitteeId || undefined,
      admissionTargetShare: num(r.admissionTargetShare ?? ''),
      // An optional column: files written before committees' sizes were kept lack it.
      executiveMembers: num(r.executiveMembers ?? ''),
      // Optional columns too: where the organisation is mailed, and how.
      email: r.email || undefined,
      mailPreference: r.mailPreference || undefined,
      mailLanguage: r.mailLanguage || undefined,
    });
    if (!unit.success) for (const issue of unit.error.issues) problems.push(`row ${row} (${r.id}), ${describe(issue)}`);
    if (effectiveFrom.success && unit.success)
      versions.set(effectiveFrom.data, [...(versions.get(effectiveFrom.data) ?? []), unit.data]);
  });
  if (problems.length) throw new RegistryError(`${source}: ${problems.slice(0, 20).join('; ')}`);
  const file = RegistryFile.parse({
    province,
    versions: [...versions.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([effectiveFrom, units]) => ({ effectiveFrom, units })),
  });
  return withSource(source, () => createRegistry(file));
}

function withSource<T>(source: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof RegistryError) throw new RegistryError(`${source}: ${err.message}`, { cause: err });
    throw err;
  }
}

export function loadRegistryFile(path: string): Registry {
  const text = readFileSync(path, 'utf8');
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return parseRegistryJson(text, path);
  if (ext === '.csv') return parseRegistryCsv(text, path, basename(path, ext));
  throw new RegistryError(`${path}: expected a .json or .csv registry file`);
}
