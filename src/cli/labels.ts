/**
 * What the CLI calls stages, steps and deadlines: the names the server's messages and the dashboard already use,
 * read from where they are kept (no second copy to drift), in the user's language; the code where none is known.
 */
import { STAGE_NAMES } from '../schemas/stage-names';
import type { Bilingual } from '../charter/rule';
import type { Stage } from '../schemas/case';
import { DEADLINE_NAMES } from '../machine/deadlines';
import { lang, say } from './lang';

/**
 * The step forms' names live in the dashboard's ES module, served to the browser as is; tsx loads it here too.
 * Required rather than imported: TypeScript has no declarations for the page's plain JavaScript.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { COMMAND_NAMES } = require('../web/public/form-labels.js') as {
  COMMAND_NAMES: Record<string, [vi: string, en: string]>;
};

/** The trail's own entry that is not a step form: the registration itself. */
const REGISTERED: Bilingual = { vi: 'Đưa vào diện quần chúng ưu tú', en: 'Registered as outstanding masses' };

export function stageName(stage: string | null | undefined): string {
  if (!stage) return '';
  const name = STAGE_NAMES[stage as Stage];
  return name ? say(name) : stage;
}

export function stepName(type: string | null | undefined): string {
  if (!type) return '';
  if (type === 'registered') return say(REGISTERED);
  const name = COMMAND_NAMES[type];
  return name ? name[lang() === 'en' ? 1 : 0] : type;
}

export function deadlineName(kind: string | null | undefined): string {
  if (!kind) return '';
  const name = DEADLINE_NAMES[kind as keyof typeof DEADLINE_NAMES];
  return name ? say(name) : kind;
}
