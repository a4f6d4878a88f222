/** `npm run rules-doc`: writes docs/rules.md from the rule catalogue (a test fails if it is stale). */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderRulesDoc } from '../src/charter/rules/render-doc';

const out = join(__dirname, '..', 'docs', 'rules.md');
mkdirSync(join(__dirname, '..', 'docs'), { recursive: true });
writeFileSync(out, renderRulesDoc());
console.log(`rules-doc: wrote ${out}`);
