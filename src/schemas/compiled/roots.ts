/**
 * The schemas the workflows read their inputs with, by the name the compiled data gives them. Only these are
 * compiled: everything else the workflows hold was read by one of them, or made by the workflow code itself.
 */
import { Registration } from '../candidate';
import { Command } from '../commands';
import { Correction } from '../correction';
import { Acknowledgement, Delivery } from '../inbox';
import { compileSchemas } from './compile';

export const COMPILED_ROOTS = { Command, Correction, Registration, Delivery, Acknowledgement };

/** compiled.json as `npm run compiled-schemas` writes it: the roots above, one node per line. */
export function compiledSchemasText(): string {
  const { nodes, roots } = compileSchemas(COMPILED_ROOTS);
  const lines = nodes.map((n) => `    ${JSON.stringify(n)}`);
  return `{\n  "roots": ${JSON.stringify(roots)},\n  "nodes": [\n${lines.join(',\n')}\n  ]\n}\n`;
}
