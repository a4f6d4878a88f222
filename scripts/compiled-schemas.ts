/** `npm run compiled-schemas`: writes src/schemas/compiled/compiled.json from the zod schemas (a test fails if it is stale). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compiledSchemasText } from '../src/schemas/compiled/roots';

const file = join(__dirname, '..', 'src', 'schemas', 'compiled', 'compiled.json');
writeFileSync(file, compiledSchemasText());
console.log('compiled-schemas: wrote src/schemas/compiled/compiled.json');
