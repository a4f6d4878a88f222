/** `pipeline document`: an official form of a case (Word or PDF) as the API fills it, saved to a file. */
import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Argument, Option, type Command } from 'commander';
import { CASE_FORMS } from '../../documents/model';
import { apiTarget, download } from '../api-client';
import { print } from '../format';
import { say } from '../lang';
import { withApiOptions, type ApiOptions } from '../program';
import { parseCount } from '../usage';

interface DocumentOptions extends ApiOptions {
  format: 'docx' | 'pdf';
  number?: number;
  out?: string;
}

/** The name the API suggests, without any directory part: it names a file here, never a path elsewhere. */
const safeName = (name: string | undefined): string | undefined => {
  const base = name ? basename(name.replace(/\\/g, '/')).trim() : '';
  return base && base !== '.' && base !== '..' ? base : undefined;
};

export function addDocumentCommand(program: Command) {
  withApiOptions(
    program
      .command('document')
      .summary(say({ vi: 'tải một biểu mẫu của hồ sơ (Word, PDF)', en: "download a case's form (Word, PDF)" }))
      .description(
        say({
          vi: 'Biểu mẫu chính thức của hồ sơ (vd. 6-KNĐ) điền sẵn từ hồ sơ, lưu thành tệp Word hoặc PDF.',
          en: "A case's official form (e.g. 6-KNĐ) filled in from the case, saved as a Word or PDF file.",
        }),
      )
      .argument('<caseId>', say({ vi: 'mã hồ sơ', en: 'the case' }))
      .addArgument(
        new Argument(
          '<form>',
          say({ vi: `biểu mẫu: ${CASE_FORMS.join(', ')}`, en: `the form: ${CASE_FORMS.join(', ')}` }),
        ).choices(CASE_FORMS),
      )
      .addOption(
        new Option('--format <format>', say({ vi: 'docx hoặc pdf', en: 'docx or pdf' }))
          .choices(['docx', 'pdf'])
          .makeOptionMandatory(),
      )
      .option(
        '--number <n>',
        say({
          vi: 'ghi số văn bản này cho biểu mẫu (chỉ tổ chức ban hành); không có thì in số gợi ý, không ghi gì',
          en: 'record this number for the document (its issuing body only); without it the suggested one is shown and nothing recorded',
        }),
        parseCount(1),
      )
      .option(
        '--out <file>',
        say({
          vi: 'lưu vào tệp này (mặc định tên API đặt, trong thư mục hiện tại)',
          en: 'save to this file (default the name the API gives, in the current directory)',
        }),
      ),
  ).action(async (caseId: string, form: string, opts: DocumentOptions) => {
    const query = new URLSearchParams({ format: opts.format });
    if (opts.number !== undefined) query.set('number', String(opts.number));
    const doc = await download(
      apiTarget(opts),
      `/cases/${encodeURIComponent(caseId)}/documents/${encodeURIComponent(form)}?${query}`,
    );
    const file = resolve(opts.out ?? safeName(doc.filename) ?? `${caseId}-${form}.${opts.format}`);
    writeFileSync(file, doc.bytes);
    const number = doc.headers.get('x-document-number') || null;
    const recorded = doc.headers.get('x-document-number-recorded') === 'true';
    print(opts.json, { file, bytes: doc.bytes.length, contentType: doc.contentType, number, recorded }, () =>
      [
        say({ vi: `đã lưu ${file} (${doc.bytes.length} byte)`, en: `saved ${file} (${doc.bytes.length} bytes)` }),
        number
          ? say(
              recorded
                ? { vi: `số văn bản ${number} (đã ghi)`, en: `document number ${number} (recorded)` }
                : { vi: `số văn bản gợi ý ${number} (chưa ghi)`, en: `suggested number ${number} (not recorded)` },
            )
          : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  });
}
