/**
 * Every rule id a refusal can carry, gathered from the rules' own declarations
 * (each rule file declares its id, source, names, meaning, the steps it guards
 * and the policy values it reads). docs/rules.md is rendered from it; a test
 * keeps it and the code in step.
 */
import { DECLARED as audit } from '../../audit/compliance';
import { DECLARED as advance } from '../../machine/advance';
import { DECLARED as correction } from '../../machine/correct';
import type { RuleDeclaration, RuleDoc } from '../rule';
import { DECLARED as age } from './age';
import { DECLARED as dossier } from './dossier';
import { DECLARED as education } from './education';
import { DECLARED as introducers } from './introducers';
import { DECLARED as papers } from './papers';
import { DECLARED as readmission } from './readmission';
import { DECLARED as steps } from './steps';
import { DECLARED as transfer } from './transfer';
import { DECLARED as votes } from './votes';

export const RULES: readonly RuleDeclaration[] = [
  ...age,
  ...education,
  ...papers,
  ...dossier,
  ...introducers,
  ...votes,
  ...readmission,
  ...steps,
  ...correction,
  ...audit,
  ...transfer,
  ...advance,
];

export function ruleDoc(id: string): RuleDoc | undefined {
  return RULES.find((r) => r.id === id);
}
