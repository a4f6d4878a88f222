import type { FastifyRequest } from 'fastify';

/**
 * The route a request matched, as declared (`/cases/:id`), never the raw URL: it keeps case ids and queries out of
 * metrics labels, log lines and span names, and keeps their number bounded by the number of routes.
 */
export const routeTemplate = (req: FastifyRequest): string => req.routeOptions.url ?? '(unmatched)';
