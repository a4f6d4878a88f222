/**
 * The dashboard: static files from src/web/public and the charting library
 * from node_modules, served by the API itself (no build step, no second
 * server). These routes carry no data, so they need no token; everything the
 * page shows comes from the API with the token the user signs in with.
 */
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { DEADLINE_NAMES } from '../machine/deadlines';
import { STAGES } from '../schemas/stages';
import { STAGE_NAMES } from '../schemas/stage-names';
import { FormCode } from '../schemas/common';

const PUBLIC = join(__dirname, 'public');
// The UMD build is not in the package's exports map; it sits beside the CommonJS entry.
const CHART_JS = dirname(require.resolve('chart.js'));

const PUBLIC_ROUTES = new Set(['/', '/openapi.json', '/ui/*', '/ui/vendor/*', '/ui/labels.json']);
export const isPublic = (routeUrl: string | undefined): boolean =>
  routeUrl !== undefined && PUBLIC_ROUTES.has(routeUrl);

export async function dashboard(app: FastifyInstance) {
  await app.register(fastifyStatic, { root: PUBLIC, prefix: '/ui/', index: false });
  await app.register(fastifyStatic, {
    root: CHART_JS,
    prefix: '/ui/vendor/',
    decorateReply: false,
    allowedPath: (path) => path === '/chart.umd.min.js',
  });
  app.get('/', { schema: { hide: true } }, (_req, reply) => reply.sendFile('index.html'));
  // Names the server already keeps for its messages: the page uses the same ones.
  app.get('/ui/labels.json', { schema: { hide: true } }, async () => ({
    stages: STAGE_NAMES,
    /** The machine's stages in pipeline order, so lists group cases the way a case moves. */
    stageOrder: STAGES,
    deadlines: DEADLINE_NAMES,
    forms: FormCode.options,
  }));
}
