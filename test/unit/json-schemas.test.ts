import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulatorJsonSchemas } from '../../src/simulator/json-schemas';

test('docs/*.schema.json are generated from the current zod schemas (npm run json-schemas)', () => {
  for (const [name, text] of Object.entries(simulatorJsonSchemas()))
    expect(readFileSync(join(__dirname, '..', '..', 'docs', name), 'utf8')).toBe(text);
});
