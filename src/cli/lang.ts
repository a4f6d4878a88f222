/**
 * The CLI's language: Vietnamese, or English on request (--lang en, or PIPELINE_LANG=en for a whole session).
 * Chosen from the command line before commander builds its help, since the help itself is translated.
 * LANG is not consulted: most servers run en_US.UTF-8 or C.UTF-8 whatever their users read.
 */
import type { Bilingual } from '../charter/rule';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];

let current: Lang = 'vi';

/** The language asked for on the command line or in PIPELINE_LANG; Vietnamese otherwise. */
export function chooseLang(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Lang {
  let asked = env.PIPELINE_LANG;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') break;
    if (argv[i] === '--lang') asked = argv[i + 1];
    else if (argv[i]!.startsWith('--lang=')) asked = argv[i]!.slice('--lang='.length);
  }
  current = asked === 'en' ? 'en' : 'vi';
  return current;
}

export const lang = (): Lang => current;

/** The text in the user's language. */
export const say = (text: Bilingual): string => text[current];
