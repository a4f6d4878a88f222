/** `npm run json-schemas`: writes docs/*.schema.json from the zod schemas (a test fails if they are stale). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulatorJsonSchemas } from '../src/simulator/json-schemas';

const dir = join(__dirname, '..', 'docs');
mkdirSync(dir, { recursive: true });
for (const [name, text] of Object.entries(simulatorJsonSchemas())) {
  writeFileSync(join(dir, name), text);
  console.log(`json-schemas: wrote docs/${name}`);
}
