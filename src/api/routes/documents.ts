/**
 * Official documents, prefilled (src/documents): which of a case's forms exist now and their numbers, each form as
 * DOCX or PDF, and a committee's annual admission report. Read as the case (or the targets report) is read; recording
 * a number is the issuing body's own act.
 */
import { z } from 'zod';
import { localDateOf, type IsoDate } from '../../charter/dates';
import { caseDocument, planOf, type CaseFacts, type FormPlan } from '../../documents/case-forms';
import { renderDocx } from '../../documents/docx';
import { CASE_FORMS, REPORT_FORM, type CaseForm, type OfficialDocument } from '../../documents/model';
import { caseNumbers, NumberTaken, recordedNumber, recordNumber, suggestNumber } from '../../documents/numbering';
import { renderPdf } from '../../documents/pdf';
import { reportDocument } from '../../documents/report-form';
import { asciiName } from '../../documents/wording';
import { collectTargets } from '../../reports/collect';
import { FORM_NAMES } from '../../schemas/forms';
import { CaseId, OrgId } from '../../schemas/common';
import { caseHandle } from '../../temporal/cases';
import { HttpError, invalid } from '../errors';
import type { ApiContext } from '../context';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
// Declares the `pipeline` decorator the server sets before it registers this plugin.
import '../context';

const Format = z.enum(['docx', 'pdf']);
const DocumentQuery = z.strictObject({
  format: Format.default('pdf'),
  /** The number the issuing body gives the document: recorded. Without it the document is a preview. */
  number: z.coerce.number().int().min(1).max(1_000_000).optional(),
});
const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

type Principal = ReturnType<ApiContext['principal']>;

/** Only the issuing body records a number: the cell's secretary for the cell, the committee for itself. */
function checkIssuer(p: Principal, issuerId: string, cellForm: boolean) {
  const role = cellForm ? 'cell_secretary' : 'committee';
  if (p.role === role && p.orgId === issuerId) return;
  const who = cellForm ? { vi: 'bí thư chi bộ', en: 'secretary of cell' } : { vi: 'cấp ủy', en: 'committee' };
  const reason = {
    vi: `Chỉ ${who.vi} ${issuerId} ghi số văn bản của mình; người khác chỉ xem bản chưa ghi số`,
    en: `only the ${who.en} ${issuerId} records its documents' numbers; others may only preview them`,
  };
  throw new HttpError(403, { error: 'forbidden', reason, message: reason.en });
}

function conflict(err: unknown): never {
  if (err instanceof NumberTaken)
    throw new HttpError(409, {
      error: 'number_taken',
      holder: err.holder,
      reason: err.reason,
      message: `${err.reason.vi} / ${err.reason.en}`,
    });
  throw err;
}

/** The file with a name that survives any client: ASCII in filename, the real one (with Đ) in filename*. */
async function send(reply: FastifyReply, doc: OfficialDocument, format: 'docx' | 'pdf', name: string) {
  const body = format === 'docx' ? await renderDocx(doc) : await renderPdf(doc);
  return reply
    .type(TYPES[format])
    .header(
      'content-disposition',
      `attachment; filename="${asciiName(name)}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}.${format}`,
    )
    .header('x-document-number', String(doc.number.value ?? ''))
    .header('x-document-number-recorded', String(doc.number.recorded))
    .send(body);
}

export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.pipeline;
  const db = () => ctx.deps.database.db;

  /** The case as the documents read it, after the caller's right to read it is checked. */
  const caseFacts = async (p: Principal, caseId: string): Promise<CaseFacts> => {
    const c = caseHandle(ctx.deps.client, caseId);
    const snapshot = await c.snapshot();
    ctx.check(p, { kind: 'read_case', cellId: snapshot.context.cellId });
    return { caseId, context: snapshot.context, trail: await c.trail() };
  };
  const numberOf = async (caseId: string, plan: FormPlan) => {
    const recorded = await recordedNumber(db(), { caseId, form: plan.form, issuerId: plan.issuerId, year: plan.year });
    return recorded !== null
      ? { value: recorded, series: plan.series, recorded: true }
      : { value: await suggestNumber(db(), plan), series: plan.series, recorded: false };
  };

  app.get(
    '/cases/:caseId/documents',
    {
      schema: {
        summary:
          'The official documents a case has now (6-, 8-, 9-, 13-, 15-, 16-KNĐ), each with its recorded or suggested number; the others with the step they wait for',
        params: z.object({ caseId: CaseId }),
      },
    },
    async (req) => {
      const p = ctx.principal(req);
      const facts = await caseFacts(p, req.params.caseId);
      const documents = await Promise.all(
        CASE_FORMS.map(async (form) => {
          const planned = planOf(facts, form);
          if (!planned.ok) return { form, name: FORM_NAMES[form], available: false as const, reason: planned.reason };
          const number = await numberOf(facts.caseId, planned.plan);
          return {
            form,
            name: FORM_NAMES[form],
            available: true as const,
            date: planned.plan.date,
            issuerId: planned.plan.issuerId,
            trailSeq: planned.plan.trailSeq,
            number: number.value,
            recorded: number.recorded,
            series: number.series,
          };
        }),
      );
      return { caseId: facts.caseId, documents };
    },
  );

  app.get(
    '/cases/:caseId/documents/:form',
    {
      schema: {
        summary:
          "One of the case's documents as DOCX or PDF; `number` records the number the issuing body gives it (409 if another document has it), else the suggested one is shown and nothing is recorded. 409 with the missing step before it exists",
        params: z.object({ caseId: CaseId, form: z.enum(CASE_FORMS) }),
        querystring: DocumentQuery,
      },
    },
    async (req, reply) => {
      const p = ctx.principal(req);
      const form: CaseForm = req.params.form;
      const facts = await caseFacts(p, req.params.caseId);
      const planned = planOf(facts, form);
      if (!planned.ok)
        throw new HttpError(409, {
          error: 'step_missing',
          form,
          reason: planned.reason,
          message: `${planned.reason.vi} / ${planned.reason.en}`,
        });
      const plan = planned.plan;
      if (req.query.number !== undefined) {
        checkIssuer(p, plan.issuerId, form === '6-KNĐ' || form === '13-KNĐ');
        await recordNumber(db(), plan, {
          caseId: facts.caseId,
          form,
          trailSeq: plan.trailSeq,
          number: req.query.number,
          recordedBy: p.userId,
        }).catch(conflict);
      }
      const registry = ctx.registry(req);
      const doc = caseDocument({
        facts,
        plan,
        registry,
        number: await numberOf(facts.caseId, plan),
        recorded: await caseNumbers(db(), facts.caseId),
      });
      return send(reply, doc, req.query.format, `${form}-${facts.caseId}`);
    },
  );

  app.get(
    '/reports/admissions/:committeeId/:year/document',
    {
      schema: {
        summary:
          "A committee's annual admission report (the targets table) as an official document, DOCX or PDF; `number` records its number in the committee's BC series",
        params: z.object({ committeeId: OrgId, year: z.coerce.number().int().min(1930).max(2200) }),
        querystring: DocumentQuery,
      },
    },
    async (req, reply) => {
      const p = ctx.principal(req);
      const { committeeId, year } = req.params;
      ctx.check(p, { kind: 'list_cases', orgId: committeeId });
      const registry = ctx.registry(req);
      const today: IsoDate = localDateOf(Date.now());
      const tree = registry.on(today);
      if (!tree.has(committeeId) || tree.unit(committeeId).kind === 'cell')
        throw invalid('committeeId', `no committee '${committeeId}' in the registry`);
      const key = { issuerId: committeeId, year: Number(today.slice(0, 4)), series: 'BC' as const };
      // One report per report year: the form names the year it reports on, the number's year is the document's.
      const form = `${REPORT_FORM} ${year}`;
      if (req.query.number !== undefined) {
        checkIssuer(p, committeeId, false);
        await recordNumber(db(), key, {
          caseId: null,
          form,
          trailSeq: null,
          number: req.query.number,
          recordedBy: p.userId,
        }).catch(conflict);
      }
      const recorded = await recordedNumber(db(), { caseId: null, form, ...key });
      const report = await collectTargets(ctx.deps.client, registry, committeeId, year);
      const doc = reportDocument({
        report,
        registry,
        date: today,
        number:
          recorded !== null
            ? { value: recorded, series: 'BC', recorded: true }
            : { value: await suggestNumber(db(), key), series: 'BC', recorded: false },
        signer: (p as { name?: string }).name,
      });
      return send(reply, doc, req.query.format, `bao-cao-ket-nap-${committeeId}-${year}`);
    },
  );
};
