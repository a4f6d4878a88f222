/**
 * The dashboard's import of a cell's list: the file is sent as it is (CSV or .xlsx bytes, any of the content types
 * browsers give those files) and checked row by row without registering anyone; its rejected rows come back as a
 * CSV. Confirming is POST /imports with the previewed rows (routes/cases.ts), streamed as progress lines.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize } from '../../auth/scope';
import { localDateOf } from '../../charter/dates';
import { formatOfBytes, readListBytes } from '../../import/read-file';
import { rejectedCsv } from '../../import/rejected-csv';
import { ImportFileQuery, ImportPreview, PREVIEW_ROWS_MAX, UPLOAD_BYTES_MAX } from '../../schemas/import-preview';
import { invalid } from '../errors';
import { previewList, rejectedByLine } from '../import-file';
import { mustBeKnownCell } from '../organisation-checks';
// Declares the `pipeline` decorator the server sets before it registers this plugin.
import '../context';

/** What browsers and curl call a CSV or Excel file (a CSV picked on Windows is often application/vnd.ms-excel). */
const FILE_TYPES = [
  'text/csv',
  'application/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
  'application/octet-stream',
];

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.pipeline;
  // Within this plugin only: elsewhere a body is JSON.
  app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: UPLOAD_BYTES_MAX }, (_req, body, done) =>
    done(null, body),
  );

  const readUpload = async (body: unknown) => {
    if (!Buffer.isBuffer(body) || body.length === 0)
      throw invalid('file', 'send the list file (CSV or .xlsx) as the request body');
    try {
      const format = formatOfBytes(body);
      const list = await readListBytes(body, format);
      if (list.rows.length > PREVIEW_ROWS_MAX)
        throw invalid('file', `${list.rows.length} rows; at most ${PREVIEW_ROWS_MAX} in one file`);
      if (list.rows.length && !list.headers.some((h) => h.trim()))
        throw invalid('file', 'the first row must hold the column headers (Họ và tên, Ngày sinh, …)');
      return { format, list };
    } catch (err) {
      if (err instanceof Error && !('status' in err)) throw invalid('file', err.message);
      throw err;
    }
  };

  const preview = async (req: FastifyRequest, query: ImportFileQuery) => {
    const p = ctx.principal(req);
    const registry = ctx.registry(req);
    // As POST /imports: a cell the registry never held is "no such cell", before the scope check.
    mustBeKnownCell(registry, 'cellId', query.cellId);
    ctx.check(p, { kind: 'record_step', cellId: query.cellId });
    // A cell the registry no longer holds today is named as such, before any row is read.
    try {
      registry.on(localDateOf(Date.now())).competentCommittee(query.cellId);
    } catch (err) {
      throw invalid('cellId', (err as Error).message);
    }
    const { format, list } = await readUpload(req.body);
    return { list, preview: await previewList({ ...ctx.deps, registry }, query, list, format) };
  };

  app.get(
    '/imports/cells',
    { schema: { summary: 'The cells the caller may import a list into today, with their names' } },
    async (req) => {
      const p = ctx.principal(req);
      const tree = ctx.registry(req).on(localDateOf(Date.now()));
      const cells = tree
        .units()
        .filter((u) => u.kind === 'cell' && authorize(p, { kind: 'record_step', cellId: u.id }, tree).allowed);
      return { cells: cells.map((u) => ({ id: u.id, name: u.name })) };
    },
  );

  app.post(
    '/imports/preview',
    {
      bodyLimit: UPLOAD_BYTES_MAX,
      schema: {
        summary:
          "Check a cell's list file (CSV or .xlsx as the body) row by row without registering anyone: each row's verdict, line, name and values",
        querystring: ImportFileQuery,
        response: { 200: ImportPreview },
      },
    },
    async (req) => (await preview(req, req.query)).preview,
  );

  app.post(
    '/imports/rejected',
    {
      bodyLimit: UPLOAD_BYTES_MAX,
      schema: {
        summary: "The rejected rows of a cell's list file, in its own columns with the reason in a last one (CSV)",
        querystring: ImportFileQuery,
      },
    },
    async (req, reply) => {
      const { list, preview: checked } = await preview(req, req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="bi-tu-choi-${req.query.cellId}.csv"`)
        .send(rejectedCsv(list, rejectedByLine(checked)));
    },
  );
};
