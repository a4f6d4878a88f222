/**
 * The organisation registry: anyone signed in reads the one in force; only an admin replaces it, validated whole or
 * not at all. A replacement is a new version in the app's database (the old ones stay), in force at once on every
 * API instance.
 */
import { RegistryFile } from '../../schemas/organisation';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
// Declares the `pipeline` decorator the server sets before it registers this plugin.
import '../context';

export const registryRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.pipeline;
  app.get('/registry', { schema: { summary: "The province's organisations, every version" } }, async (req) => {
    ctx.principal(req);
    const r = ctx.registry(req);
    return { province: r.province, versions: r.versions() };
  });

  app.put(
    '/registry',
    {
      bodyLimit: 10 * 1024 * 1024,
      schema: { summary: 'Replace the registry (admin); checked whole before anything changes', body: RegistryFile },
    },
    async (req) => {
      const p = ctx.principal(req);
      ctx.check(p, { kind: 'manage_registry' });
      const saved = await ctx.registries.replace(req.body, p.userId);
      return { province: saved.registry.province, versions: saved.registry.versions().length, version: saved.id };
    },
  );
};
