/** Cases: register one or a list, send a command, read one, list them by cell / committee / stage / overdue. */
import { z } from 'zod';
import { formatVi, localDateOf } from '../../charter/dates';
import { IsoDate } from '../../schemas/iso-date';
import type { Action } from '../../auth/scope';
import type { Principal } from '../../auth/principal';
import { acceptedEvents, ANY_STAGE_EVENTS } from '../../machine/advance';
import { correctable, correctionWho } from '../../machine/correct';
import type { TrailEntry } from '../../schemas/trail';
import { dossierOf } from '../../reports/dossier';
import type { CaseContext, Stage } from '../../schemas/case';
import { educationOf } from '../../schemas/education';
import { fieldError } from '../../schemas/field-errors';
import { RegistrationBody } from '../../schemas/registration-body';
import { CaseId } from '../../schemas/common';
import { CaseCommandBody, type CommandBody, type CorrectionBody } from '../../schemas/command-body';
import type { CorrectionInput } from '../../schemas/correction';
import type { Actor } from '../../schemas/common';
import type { CommandInput } from '../../schemas/commands';
import { IMPORT_BATCH_MAX, ImportRequest } from '../../schemas/import';
import { CaseFilter, listCases, PageRequest, visibilityQuery } from '../../temporal/case-list';
import { CaseCellChanged, caseCellId, caseHandle, registerCase } from '../../temporal/cases';
import { HttpError, invalid } from '../errors';
import { refusals } from '../../charter/rule';
import { REGISTRATION_NOT_FUTURE, registrationDates } from '../../charter/rules/steps';
import { registryFacts } from '../../org/facts';
import type { Registry } from '../../org/registry';
import { mapConcurrent } from '../../util/map-concurrent';
import { derivedCaseId, importRows } from '../import-cases';
import { mustBeDecidingCommittee, mustBeKnownCell } from '../organisation-checks';
import { importWithProgress } from '../import-file';
import { pageTokens } from '../page-token';
import { trailWithNames } from '../people';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
// Declares the `pipeline` decorator the server sets before it registers this plugin.
import '../context';

const CaseParams = z.object({ id: CaseId });

/**
 * The Idempotency-Key header (IETF httpapi draft): one key per user action, sent again with every retry of it.
 * A structured-field string ("…") or a bare token, as clients send either.
 */
const IdempotencyKey = z
  .string()
  .transform((v) => (/^".*"$/.test(v) ? v.slice(1, -1).replace(/\\(["\\])/g, '$1') : v))
  .pipe(
    z.string().regex(/^[\x21-\x7e]{8,200}$/, {
      error: '8 đến 200 ký tự ASCII nhìn thấy được, ví dụ một UUID / 8 to 200 visible ASCII characters, such as a UUID',
    }),
  );
const DECISIONS = new Set(['RECORD_COMMITTEE_DECISION', 'RECORD_RECOGNITION_DECISION']);
/** Steps the API fills the registry's figures into (the command's `registry`), for the charter's rules to compare. */
const REGISTRY_CHECKED = new Set([...DECISIONS, 'RECORD_CELL_VOTE', 'RECORD_RECOGNITION_VOTE']);

/** Step types only a committee records: its decisions, and extending its own deadline. */
const COMMITTEE_STEPS = new Set([...DECISIONS, 'EXTEND_DEADLINE']);

/** Steps that are a committee's own act, whoever holds the paper (see the scope's 'committee_act'). */
const isCommitteeAct = (c: { type: string; kind?: unknown }) =>
  c.type === 'EXTEND_DEADLINE' || (c.type === 'RECORD_DOCUMENT' && c.kind === 'over_60_consent');

/** Whether a scope check passes, without its 403. */
function isAllowed(check: () => void): boolean {
  try {
    check();
    return true;
  } catch (err) {
    if (err instanceof HttpError && err.status === 403) return false;
    throw err;
  }
}

/**
 * The trail entries the caller could correct: the workflow's correction.step and correction.who, run here so the
 * dashboard offers "Sửa" only where the workflow would accept it (it judges again when the correction comes).
 */
function correctableBy(p: Principal, trail: TrailEntry[], context: CaseContext): number[] {
  if (p.role !== 'cell_secretary' && p.role !== 'committee') return [];
  const actor = { userId: p.userId, role: p.role, orgId: p.orgId };
  return trail.flatMap((t) =>
    t.event && correctable(trail, t.seq, t.event.type, true).ok && correctionWho(trail, t.seq, actor, context).ok
      ? [t.seq]
      : [],
  );
}

/** What the caller's role may record at this stage (the charter's rules are checked when they send it). */
function nextStepsFor(p: Principal, stage: Stage): string[] {
  if (p.role === 'auditor' || p.role === 'admin') return [];
  return acceptedEvents(stage).filter((t) => p.role === 'committee' || !COMMITTEE_STEPS.has(t));
}

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.pipeline;
  const tokens = pageTokens(ctx.deps.keys);
  /** A cell's chain of committees on a date, from the registry, never from the caller; a bad cell is a 400 naming the field. */
  const chainOf = (registry: Registry, field: string, cellId: string, date: IsoDate) => {
    const t = registry.on(date);
    if (!t.has(cellId) || t.unit(cellId).kind !== 'cell')
      throw invalid(field, `no cell '${cellId}' in the registry on ${formatVi(date)}`);
    return { committeeIds: t.committeesAbove(cellId), competentCommitteeId: t.competentCommittee(cellId) };
  };
  /**
   * A name for a list, for a case registered before names were kept in its memo: asked of the case itself (one
   * query); a case that does not answer shows without one rather than failing the page.
   */
  const nameOf = async (caseId: string) => {
    try {
      return (await caseHandle(ctx.deps.client, caseId).snapshot()).context.profile.fullName;
    } catch {
      return null;
    }
  };

  app.post(
    '/cases',
    {
      schema: {
        summary:
          'Register a candidate (outstanding masses) in a cell; the case id is derived when absent, education is taken as written. A 400 lists every field error (`errors`: path, field label, code, vi, en); a cell the registry never held is a 422',
        body: RegistrationBody,
      },
    },
    async (req, reply) => {
      const p = ctx.principal(req);
      const { caseId: givenId, profile: written, ...body } = req.body;
      // Before the scope: "no such cell" rather than "only its secretary may" (see organisation-checks.ts).
      mustBeKnownCell(ctx.registry(req), 'cellId', body.cellId);
      ctx.check(p, { kind: 'record_step', cellId: body.cellId });
      const profile = { ...written, ...educationOf(written.education) };
      const caseId = givenId ?? derivedCaseId(ctx.deps.keys, body.cellId, profile.fullName, profile.birthDate);
      // Before the registry and the workflow: a date no policy set covers has no chain of committees to ask for.
      const dates = { registeredOn: body.registeredOn, birthDate: profile.birthDate };
      const refused = refusals(registrationDates(dates, localDateOf(Date.now())));
      const pathOf = (field: unknown) => (field === 'birthDate' ? 'profile.birthDate' : String(field));
      if (refused.length)
        throw new HttpError(422, {
          error: 'refused',
          field: pathOf(refused[0]!.facts.field),
          refusals: refused,
          message: `${refused[0]!.ruleId}: ${refused[0]!.reason.vi} / ${refused[0]!.reason.en}`,
          // The same refusals beside their fields, as a 400's are.
          errors: refused.map((r) =>
            fieldError(
              pathOf(r.facts.field),
              r.ruleId === REGISTRATION_NOT_FUTURE.id ? 'date_in_future' : 'date_order',
              r.reason.vi,
              r.reason.en,
            ),
          ),
        });
      await registerCase(ctx.deps.client, ctx.deps.taskQueue, {
        ...body,
        caseId,
        profile,
        ...chainOf(ctx.registry(req), 'cellId', body.cellId, body.registeredOn),
      });
      return reply.code(201).send({ caseId, stage: 'source' });
    },
  );

  app.post(
    '/imports',
    {
      bodyLimit: IMPORT_BATCH_MAX * 2048,
      schema: {
        summary: `Register a cell's existing list (up to ${IMPORT_BATCH_MAX} rows per request); each row is accepted or rejected on its own, re-importing finds the same cases`,
        body: ImportRequest,
      },
    },
    async (req, reply) => {
      const p = ctx.principal(req);
      mustBeKnownCell(ctx.registry(req), 'cellId', req.body.cellId);
      ctx.check(p, { kind: 'record_step', cellId: req.body.cellId });
      const registry = ctx.registry(req);
      chainOf(registry, 'cellId', req.body.cellId, localDateOf(Date.now()));
      // The dashboard asks for progress: one line per row as it is settled, then the result.
      if (req.headers.accept?.includes('application/x-ndjson'))
        return reply.type('application/x-ndjson').send(importWithProgress({ ...ctx.deps, registry }, req.body));
      return importRows({ ...ctx.deps, registry }, req.body);
    },
  );

  /**
   * A step as the workflow takes it: the caller's body with what the server fills in (who recorded it, a move's
   * committees and a vote's registry figures, on the step's own date), and what recording it asks of the caller.
   */
  const stepCommand = (
    registry: Registry,
    body: CommandBody,
    recordedBy: Actor,
    cellId: string,
  ): { command: CommandInput; action: Action } => {
    let command: CommandInput;
    if (body.type === 'MOVE_CELL') {
      // The new cell's committees are the registry's on the day of the move, never the caller's.
      const chain = chainOf(registry, 'toCellId', body.toCellId, body.date);
      command = {
        ...body,
        recordedBy,
        toCommitteeIds: chain.committeeIds,
        toCompetentCommitteeId: chain.competentCommitteeId,
      };
    } else command = { ...body, recordedBy };
    // The registry is the authority for a vote's denominator and for who decides, on the step's own date.
    const facts = REGISTRY_CHECKED.has(command.type)
      ? registryFacts(registry, cellId, 'committeeId' in command ? command.committeeId : undefined, body.date)
      : undefined;
    if (facts) command = { ...command, registry: facts } as CommandInput;
    const action: Action = command.paperRecord
      ? { kind: 'record_paper', cellId }
      : isCommitteeAct(command)
        ? { kind: 'committee_act', cellId }
        : DECISIONS.has(command.type) && 'committeeId' in command
          ? {
              kind: 'decide',
              cellId,
              committeeId: command.committeeId,
              competentCommitteeId: facts?.competentCommitteeId ?? null,
              superiorCommitteeId: facts?.superiorCommitteeId ?? null,
            }
          : { kind: 'record_step', cellId };
    return { command, action };
  };

  /** The case's cell as the server has it, remembered for the next command. */
  const knownCell = async (caseId: string) => {
    const cellId = await caseCellId(ctx.deps.client, caseId);
    ctx.caseCells.set(caseId, cellId);
    return cellId;
  };

  /** A step judged against the case being in `cellId`, and sent to the case on that condition. */
  const recordStep = async (
    step: { caseId: string; body: CommandBody | CorrectionBody; idempotencyKey?: string },
    caller: { principal: Principal; registry: Registry },
    cellId: string,
  ) => {
    const { caseId, body } = step;
    const { principal: p, registry } = caller;
    const recordedBy = { userId: p.userId, role: p.role, orgId: p.orgId, ...(p.name ? { name: p.name } : {}) };
    // A correction's step is filled in and authorised as the step itself would be; the workflow then judges
    // whether this caller may correct that step at all.
    const filled = stepCommand(registry, body.type === 'CORRECT_STEP' ? body.step : body, recordedBy, cellId);
    // A committee above the cell naming the wrong committee is told which one decides, before "only <the one it
    // named> may". Anyone else learns only that they may not (the 403 below): not the case's cell or committees.
    if (
      filled.action.kind === 'decide' &&
      'registry' in filled.command &&
      filled.command.registry &&
      isAllowed(() => ctx.check(p, { kind: 'committee_act', cellId }))
    )
      mustBeDecidingCommittee(registry, filled.command.registry, cellId, filled.action.committeeId);
    ctx.check(p, filled.action);
    const command: CommandInput | CorrectionInput =
      body.type === 'CORRECT_STEP' ? { ...body, step: filled.command, recordedBy } : filled.command;
    const accepted = await caseHandle(ctx.deps.client, caseId).send(command, {
      idempotencyKey: step.idempotencyKey,
      requestBody: { ...body, recordedBy },
      timeoutMs: ctx.deps.commandTimeoutMs,
      assumedCellId: cellId,
    });
    if (body.type === 'MOVE_CELL') ctx.caseCells.set(caseId, body.toCellId);
    return accepted;
  };

  app.post(
    '/cases/:id/commands',
    {
      schema: {
        summary: 'Record a step; refused with 422 and the charter rule when not allowed',
        params: CaseParams,
        body: CaseCommandBody,
        headers: z.object({ 'idempotency-key': IdempotencyKey.optional() }),
      },
    },
    async (req) => {
      const step = { caseId: req.params.id, body: req.body, idempotencyKey: req.headers['idempotency-key'] };
      const caller = { principal: ctx.principal(req), registry: ctx.registry(req) };
      // The cell this instance last saw the case in, else the case's search attributes (a case whose worker is
      // down still gets its 403 or its 503 from the Update). The step is sent on the condition that the case is
      // still in that cell; if it has moved, nothing is recorded and the step is judged again against the cell
      // the server gives.
      const remembered = ctx.caseCells.get(step.caseId);
      if (remembered === undefined) return recordStep(step, caller, await knownCell(step.caseId));
      try {
        return await recordStep(step, caller, remembered);
      } catch (err) {
        if (!(err instanceof CaseCellChanged)) throw err;
        return recordStep(step, caller, await knownCell(step.caseId));
      }
    },
  );

  app.get(
    '/cases/:id',
    {
      schema: {
        summary:
          'A case: stage, facts, deadlines, the trail of accepted steps, the dossier checklist (papers checked against `voteOn`, by default a month from today) and the steps the caller may record next',
        params: CaseParams,
        querystring: z.strictObject({ voteOn: IsoDate.optional() }),
      },
    },
    async (req) => {
      const p = ctx.principal(req);
      const c = caseHandle(ctx.deps.client, req.params.id);
      const snapshot = await c.snapshot();
      // The case page is read before a step is sent from it: the step then need not ask where the case is.
      ctx.caseCells.set(req.params.id, snapshot.context.cellId);
      ctx.check(p, { kind: 'read_case', cellId: snapshot.context.cellId });
      const [deadlines, trail] = await Promise.all([c.deadlines(), c.trail()]);
      const today = localDateOf(Date.now());
      return {
        caseId: req.params.id,
        stage: snapshot.stage,
        context: snapshot.context,
        deadlines,
        trail: await trailWithNames(ctx.deps.database.db, trail),
        dossier: dossierOf(snapshot.stage, snapshot.context, today, req.query.voteOn),
        nextSteps: nextStepsFor(p, snapshot.stage),
        /** Which of those any living case may take, apart from its stage's own steps. */
        anyStageSteps: ANY_STAGE_EVENTS,
        /** The steps (by trail seq) the caller may correct, judged by the workflow's own rules. */
        correctable: correctableBy(p, trail, snapshot.context),
      };
    },
  );

  app.get(
    '/cases',
    {
      schema: {
        summary:
          'List cases by cell, committee subtree, stage, overdue or due date (paginated; a secretary sees their cell, a committee its subtree)',
        querystring: CaseFilter.extend(PageRequest.shape).extend({
          /**
           * Every case carries its name (from its memo, in the same visibility query); with `true`, a case registered
           * before names were kept there is asked for it (one query per such case).
           */
          names: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
      },
    },
    async (req) => {
      const p = ctx.principal(req);
      const { pageSize, pageToken, names, ...filter } = req.query;
      const mine =
        p.role === 'cell_secretary' ? { cellId: p.orgId } : p.role === 'committee' ? { committeeId: p.orgId } : {};
      const scoped = filter.cellId || filter.committeeId ? filter : { ...filter, ...mine };
      for (const orgId of [scoped.cellId, scoped.committeeId]) if (orgId) ctx.check(p, { kind: 'list_cases', orgId });
      if (!scoped.cellId && !scoped.committeeId) ctx.check(p, { kind: 'list_cases' });
      const list = `${visibilityQuery(scoped)}\0${pageSize}`;
      const raw = pageToken === undefined ? undefined : tokens.open(pageToken, list);
      if (raw === null) throw invalid('pageToken', 'not the nextPageToken of this list (start again without it)');
      const page = await listCases(ctx.deps.client, scoped, { pageSize, pageToken: raw });
      const cases = names
        ? await mapConcurrent(page.cases, 8, async (c) => (c.fullName ? c : { ...c, fullName: await nameOf(c.caseId) }))
        : page.cases;
      return { cases, nextPageToken: tokens.seal(page.nextPageToken, list) };
    },
  );
};
