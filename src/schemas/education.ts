/**
 * Education as people write it on a form or a list ("12/12", "9/12",
 * "Trung cấp", "Đại học", "Thạc sĩ") and as the charter's rule reads it (four
 * levels). One function turns the one into the other, for the API, the CLI
 * (which sends to the API) and import; the words written are kept beside the
 * level and shown back, so nobody's "Cao đẳng" becomes a code they never wrote.
 */
import { z } from 'zod';

export const Education = z.enum(['primary', 'lower_secondary', 'upper_secondary', 'higher']);
export type Education = z.infer<typeof Education>;

/** What a form offers to pick from (anything else people write that normaliseEducation reads is accepted too). */
export const EDUCATION_EXAMPLES = [
  'Tiểu học',
  '9/12',
  '12/12',
  'Trung cấp',
  'Cao đẳng',
  'Đại học',
  'Thạc sĩ',
  'Tiến sĩ',
];

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[.,;]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();

const WORDS: Record<string, Education> = {
  'tieu hoc': 'primary',
  'cap 1': 'primary',
  'cap i': 'primary',
  thcs: 'lower_secondary',
  'trung hoc co so': 'lower_secondary',
  'pho thong co so': 'lower_secondary',
  ptcs: 'lower_secondary',
  'cap 2': 'lower_secondary',
  'cap ii': 'lower_secondary',
  thpt: 'upper_secondary',
  'trung hoc pho thong': 'upper_secondary',
  'pho thong trung hoc': 'upper_secondary',
  pttr: 'upper_secondary',
  'cap 3': 'upper_secondary',
  'cap iii': 'upper_secondary',
  // Vocational secondary admits from lower secondary: the rule only asks for that, and import always read it so.
  'trung cap': 'upper_secondary',
  'cao dang': 'higher',
  'dai hoc': 'higher',
  'cu nhan': 'higher',
  'ky su': 'higher',
  'bac si': 'higher',
  'thac si': 'higher',
  'tien si': 'higher',
  'sau dai hoc': 'higher',
};

/** "tốt nghiệp THPT", "bổ túc THCS", "trình độ Đại học": the level is what follows. */
const PREFIX = /^(tot nghiep|bo tuc|bang|trinh do|hoc het|het)\s+/;
/** Grades of the 12-year school ("9/12") or of the old 10-year one in the North ("7/10"). */
const GRADE = /^(\d{1,2})\s*\/\s*(10|12)$/;

function fromGrade(grade: number, of: number): Education | null {
  if (grade < 1 || grade > of) return null;
  // 12 years: primary ends with grade 5, lower secondary with 9. 10 years: with grade 4 and grade 7.
  const [primary, lower] = of === 12 ? [5, 9] : [4, 7];
  if (grade === of) return 'upper_secondary';
  if (grade >= lower) return 'lower_secondary';
  if (grade >= primary) return 'primary';
  return null;
}

/** The level a written education stands for, or null where it names none this reads (then ask the person). */
export function normaliseEducation(written: string): Education | null {
  if ((Education.options as string[]).includes(written.trim())) return written.trim() as Education;
  let f = fold(written);
  while (PREFIX.test(f)) f = f.replace(PREFIX, '');
  const grade = GRADE.exec(f);
  if (grade) return fromGrade(Number(grade[1]), Number(grade[2]));
  return WORDS[f] ?? null;
}

/**
 * Education as a caller writes it: any text normaliseEducation reads. The API and import store the level it
 * stands for in `education` and the words in `educationAsWritten`.
 */
export const EducationWritten = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .check((ctx) => {
    if (normaliseEducation(ctx.value) !== null) return;
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      params: { code: 'education_unknown' },
      message: `not an education this reads: write e.g. ${EDUCATION_EXAMPLES.join(', ')}`,
    });
  })
  .meta({
    description: `As people write it (${EDUCATION_EXAMPLES.join(', ')}, or ${Education.options.join(', ')}); kept as written, and read as one of ${Education.options.join(', ')}.`,
    examples: EDUCATION_EXAMPLES,
    // The OpenAPI 3.0 document keeps one example only; the dashboard's form offers all of these (forms.js).
    'x-suggestions': EDUCATION_EXAMPLES,
  });

/** The level and, where it was not written as the level's own code, the words it was written in. */
export function educationOf(written: string): { education: Education; educationAsWritten?: string } {
  const education = normaliseEducation(written);
  if (education === null) throw new Error(`not an education this reads: ${written}`);
  const words = written.normalize('NFC').trim();
  return words === education ? { education } : { education, educationAsWritten: words };
}
