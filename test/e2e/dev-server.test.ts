import { createServer, type Server } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../temporal.config';
import { DevServerExited, startDevServer } from '../../src/temporal/dev-server';
import { freePort, startScratchServer } from '../helpers/scratch-server';

test('a dev server whose port is taken fails at once and says why, with the end of its log', async () => {
  const port = await freePort();
  const squatter: Server = await new Promise((resolve) => {
    const s = createServer((socket) => socket.destroy()).listen(port, '127.0.0.1', () => resolve(s));
  });
  try {
    const config = loadConfig({
      TEMPORAL_DEV_PORT: String(port),
      TEMPORAL_DEV_UI_PORT: String(await freePort()),
      TEMPORAL_DEV_DB: join(mkdtempSync(join(tmpdir(), 'taken-')), 'temporal.db'),
    });
    const failure = await startDevServer(config, 30_000).then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(DevServerExited);
    expect((failure as Error).message).toContain(`127.0.0.1:${port}`);
    expect((failure as Error).message).toMatch(/address already in use/);
  } finally {
    await new Promise((r) => squatter.close(r));
  }
}, 60_000);

test('a scratch server answers on ports below the ephemeral range', async () => {
  const { config, server } = await startScratchServer('scratch');
  try {
    const port = Number(config.address.split(':').pop());
    expect(port).toBeGreaterThanOrEqual(20_000);
    expect(port).toBeLessThan(32_768);
  } finally {
    await server.stop();
  }
}, 60_000);
