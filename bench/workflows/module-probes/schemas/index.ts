/**
 * A workflow bundle holding the domain's schemas (and so zod) and nothing else, for bench/module-memory.ts:
 * what building them costs each workflow.
 */
import * as candidateSchemas from '../../../../src/schemas/candidate';
import * as caseSchemas from '../../../../src/schemas/case';
import * as commands from '../../../../src/schemas/commands';
import * as correction from '../../../../src/schemas/correction';
import * as inbox from '../../../../src/schemas/inbox';
import * as trail from '../../../../src/schemas/trail';

export async function candidate(): Promise<number> {
  return [candidateSchemas, caseSchemas, commands, correction, inbox, trail].length;
}
