/**
 * Bulk registration of a cell's existing list. Every row is checked alone and
 * registered by one workflow start (all or nothing for that row), so a bad row
 * is reported and skipped while the rest go in. A row's case id is derived
 * from the cell, the name and the birth date with a keyed hash (no personal
 * data in the workflow id), so importing the same list again finds the same
 * cases instead of duplicating them.
 */
import { mapConcurrent } from '../util/map-concurrent';
import { createHmac } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { TokenKeys } from '../auth/server-secret';
import type { Registry } from '../org/registry';
import { type IsoDate, localDateOf } from '../charter/dates';
import { refusals } from '../charter/rule';
import { REGISTRATION_NOT_FUTURE, registrationDates } from '../charter/rules/steps';
import { ImportRow, type ImportRequest, type ImportResponse, type ImportRowResult } from '../schemas/import';
import { CaseConflict, caseExists, registerCase } from '../temporal/cases';
import { EXPLAINED_PARSE, fieldError, fieldErrorLine, fieldErrorsOf, type FieldError } from '../schemas/field-errors';

const CONCURRENCY = 32;

/** A row's error in the API's words: the path as `field` and one bilingual line as `message`, as before. */
const rowError = (e: FieldError) => ({
  field: e.path,
  message: fieldErrorLine(e),
  label: e.field,
  code: e.code,
  vi: e.vi,
  en: e.en,
});

export function derivedCaseId(keys: TokenKeys, cellId: string, fullName: string, birthDate: string): string {
  const name = fullName.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  const mac = createHmac('sha256', keys.secret).update(`case-id\0${cellId}\0${name}\0${birthDate}`).digest('hex');
  return `${cellId}-${mac.slice(0, 12)}`;
}

export async function importRows(
  deps: { client: Client; taskQueue: string; registry: Registry; keys: TokenKeys },
  req: ImportRequest,
  /** Asia/Ho_Chi_Minh; a parameter so a test can hold the boundary still. */
  today: IsoDate = localDateOf(Date.now()),
  /** Told of each row as soon as it is settled, in the order they settle (the dashboard's progress). */
  onRow?: (result: ImportRowResult) => void,
): Promise<ImportResponse> {
  const one = async (raw: Record<string, unknown>, index: number): Promise<ImportRowResult> => {
    const parsed = ImportRow.safeParse(raw, EXPLAINED_PARSE);
    if (!parsed.success) return { index, status: 'rejected', errors: fieldErrorsOf(parsed.error.issues).map(rowError) };
    const row = parsed.data;
    const caseId = row.caseId ?? derivedCaseId(deps.keys, req.cellId, row.fullName, row.birthDate);
    const refused = refusals(registrationDates(row, today));
    if (refused.length)
      return {
        index,
        status: 'rejected',
        caseId,
        errors: refused.map((r) =>
          rowError(
            fieldError(
              String(r.facts.field),
              r.ruleId === REGISTRATION_NOT_FUTURE.id ? 'date_in_future' : 'date_order',
              r.reason.vi,
              r.reason.en,
            ),
          ),
        ),
      };
    let tree;
    try {
      tree = deps.registry.on(row.registeredOn);
      tree.competentCommittee(req.cellId);
    } catch (err) {
      return {
        index,
        status: 'rejected',
        caseId,
        errors: [rowError(fieldError('registeredOn', 'invalid', (err as Error).message, (err as Error).message))],
      };
    }
    // Asking first is cheaper than a refused start, and a re-run is mostly cases that exist.
    if (await caseExists(deps.client, caseId)) return { index, caseId, status: 'exists' };
    if (req.dryRun) return { index, caseId, status: 'would_register' };
    try {
      await registerCase(deps.client, deps.taskQueue, {
        caseId,
        cellId: req.cellId,
        committeeIds: tree.committeesAbove(req.cellId),
        competentCommitteeId: tree.competentCommittee(req.cellId),
        youthUnionExists: req.youthUnionExists,
        registeredOn: row.registeredOn,
        profile: {
          fullName: row.fullName,
          birthDate: row.birthDate,
          education: row.education,
          educationAsWritten: row.educationAsWritten,
          educationException: row.educationException,
          youthUnionMember: row.youthUnionMember,
          tradeUnionMember: row.tradeUnionMember,
        },
      });
      return { index, caseId, status: 'registered' };
    } catch (err) {
      // Registered by someone else between the question and the start.
      if (err instanceof CaseConflict) return { index, caseId, status: 'exists' };
      throw err;
    }
  };

  const results = await mapConcurrent(req.rows, CONCURRENCY, async (raw, index) => {
    const result = await one(raw, index);
    onRow?.(result);
    return result;
  });
  const summary = { registered: 0, would_register: 0, exists: 0, rejected: 0 };
  for (const r of results) summary[r.status]++;
  return { dryRun: req.dryRun, summary, rows: results };
}
