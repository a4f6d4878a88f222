import fc from 'fast-check';
import { Command } from '../../src/schemas/commands';
import { CandidateProfile } from '../../src/schemas/candidate';
import { ImportRow } from '../../src/schemas/import';
import { RegistryFile } from '../../src/schemas/organisation';
import { personName, typedText } from '../../src/schemas/text';
import { propertyRuns } from '../helpers/property';

const name = personName({ vi: 'Họ và tên', en: 'full name' });
const reason = typedText({ vi: 'Lý do', en: 'reason' }, { max: 40, multiline: true });
const messageOf = (r: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  r.error?.issues.map((i) => i.message);

describe('text a person types', () => {
  test('is stored in NFC, trimmed: a name typed with combining marks equals the precomposed one', () => {
    expect(name.parse('  Nguye\u0302\u0303n Va\u0306n An\t '.replace('\t', ''))).toBe('Nguyễn Văn An');
    expect(name.parse('Nguyễn Văn An')).toBe(name.parse('Nguye\u0302\u0303n Va\u0306n An'));
  });
  test.each([
    ['\u0000', 'U+0000'],
    ['Lê\u0007Văn', 'U+0007'],
    ['An\u001b[31m', 'U+001B'],
    ['An\u007f', 'U+007F'],
    ['An\u0085', 'U+0085'],
    ['Lê\tVăn', 'U+0009'],
    ['Lê\nVăn', 'U+000A'],
    ['An\u2028Bình', 'U+2028'],
    ['An\u202eBình', 'U+202E'],
    ['An\u2067Bình', 'U+2067'],
    ['An\ud800', 'U+D800'],
  ])('refuses %j, naming the field and the character in both languages', (input, code) => {
    expect(messageOf(name.safeParse(input))).toEqual([
      `Họ và tên: có ký tự không in được (${code}), hãy gõ lại / full name: contains a character that cannot be printed (${code}); type it again`,
    ]);
  });
  test('blank, missing, too long and not text each have their own message', () => {
    expect(messageOf(name.safeParse(' \u3000 '))).toEqual([
      'Họ và tên: không được để trống / full name: must not be blank',
    ]);
    expect(messageOf(name.safeParse(undefined))).toEqual(['Họ và tên: bắt buộc phải có / full name: is required']);
    expect(messageOf(name.safeParse(42))).toEqual(['Họ và tên: phải là một chuỗi ký tự / full name: must be text']);
    expect(name.safeParse('a'.repeat(200)).success).toBe(true);
    expect(messageOf(name.safeParse('a'.repeat(201)))).toEqual([
      'Họ và tên: dài quá 200 ký tự / full name: is longer than 200 characters',
    ]);
  });
  test('multi-line text keeps tab and newline, turns CR LF into LF, and still refuses other controls', () => {
    expect(reason.parse(' Chuyển công tác\r\n\tnơi khác \r')).toBe('Chuyển công tác\n\tnơi khác');
    expect(messageOf(reason.safeParse('a\u0000b'))?.[0]).toContain('U+0000');
    expect(messageOf(reason.safeParse('a\u000bb'))?.[0]).toContain('U+000B');
  });
  test('property: whatever is accepted is NFC, trimmed, non-blank, within the limit and free of controls', () => {
    for (const params of propertyRuns<[string]>(1000))
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
          const r = reason.safeParse(s);
          if (!r.success) return;
          expect(r.data).toBe(r.data.normalize('NFC'));
          expect(r.data).toBe(r.data.trim());
          expect(r.data.length).toBeGreaterThan(0);
          expect(r.data.length).toBeLessThanOrEqual(40);
          expect(r.data).not.toMatch(/[^\P{Cc}\t\n]|\p{Cs}|[\u2028\u2029\u202a-\u202e\u2066-\u2069]/u);
        }),
        params,
      );
  });
});

describe('every text field uses it', () => {
  const signed = { date: '2026-01-05', form: 'VB', recordedBy: { userId: 'u', role: 'cell_secretary' } };
  const pathOf = (r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }) =>
    r.error?.issues[0]?.path.join('.');
  test.each([
    [{ type: 'ENROL_COURSE', ...signed, signedBy: 'A', mentor: 'B\u0000' }, 'mentor'],
    [{ type: 'ENROL_COURSE', ...signed, signedBy: '\u0000', mentor: 'B' }, 'signedBy'],
    [{ type: 'ENROL_COURSE', ...signed, signedBy: 'A', mentor: 'B', note: '\u0000' }, 'note'],
    [{ type: 'RECORD_DOCUMENT', ...signed, signedBy: 'A', kind: 'other', documentNo: ' \u0001 ' }, 'documentNo'],
    [{ type: 'WITHDRAW', ...signed, signedBy: 'A', reason: '\u001b' }, 'reason'],
    [
      { type: 'RECORD_VERIFICATION', ...signed, form: '2-KNĐ', signedBy: 'A', outcome: 'pass', findings: '\u0000' },
      'findings',
    ],
  ])('%j is refused at %s', (command, field) => {
    expect(pathOf(Command.safeParse(command))).toBe(field);
  });
  test('the profile, an import row and the registry', () => {
    const profile = { fullName: 'An', birthDate: '2000-01-01', education: 'higher' };
    expect(pathOf(CandidateProfile.safeParse({ ...profile, fullName: 'A\u0000' }))).toBe('fullName');
    expect(
      pathOf(CandidateProfile.safeParse({ ...profile, family: [{ relation: 'Bố\u0000', fullName: 'Bình' }] })),
    ).toBe('family.0.relation');
    const row = { fullName: '\u0000', birthDate: '01/01/2000', education: 'Đại học', registeredOn: '01/01/2026' };
    expect(pathOf(ImportRow.safeParse(row))).toBe('fullName');
    const unit = {
      id: 'tu',
      name: 'Tỉnh\u0000',
      kind: 'provincial_committee',
      parentId: null,
      officialMembers: 1,
      probationaryMembers: 0,
    };
    expect(
      pathOf(RegistryFile.safeParse({ province: 'Demo', versions: [{ effectiveFrom: '2020-01-01', units: [unit] }] })),
    ).toBe('versions.0.units.0.name');
  });
});
