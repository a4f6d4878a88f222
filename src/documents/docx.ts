/**
 * A document as Word (DOCX), editable because offices finish documents in Word: Guidance 36-HD/VPTW's layout on A4
 * (margins 20/15/20/30 mm), Times New Roman as offices use it, the header and the signature as borderless two-column
 * tables so that Word keeps them side by side.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  UnderlineType,
  WidthType,
  convertMillimetersToTwip,
  type IBorderOptions,
} from 'docx';
import type { Block, OfficialDocument, Run } from './model';
import { dateLine, numberText } from './wording';

const FONT = 'Times New Roman';
/** Half-points, as Word counts font sizes. */
const pt = (n: number) => n * 2;
const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
const thin: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const allThin = { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin };

interface Line {
  text: string;
  size?: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

const run = (l: Line) =>
  new TextRun({
    text: l.text,
    font: FONT,
    size: pt(l.size ?? 14),
    bold: l.bold,
    italics: l.italic,
    underline: l.underline ? { type: UnderlineType.SINGLE } : undefined,
  });

const centred = (l: Line, after = 0) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children: [run(l)] });

const cell = (children: Array<Paragraph | Table>, widthPct: number) =>
  new TableCell({ children, width: { size: widthPct, type: WidthType.PERCENTAGE }, borders: noBorders });

/** Two columns without borders: the header (issuer | title of the Party) and the foot (recipients | signature). */
const twoColumns = (left: Paragraph[], right: Paragraph[], leftPct: number) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [new TableRow({ children: [cell(left, leftPct), cell(right, 100 - leftPct)] })],
  });

function header(doc: OfficialDocument): Table {
  const left = [
    ...(doc.issuer.superiorLine ? [centred({ text: doc.issuer.superiorLine })] : []),
    centred({ text: doc.issuer.nameLine, bold: true }),
    centred({ text: '*' }),
    centred({ text: numberText(doc.number, doc.issuer) }),
  ];
  const right = [
    centred({ text: 'ĐẢNG CỘNG SẢN VIỆT NAM', size: 15, bold: true, underline: true }, 240),
    centred({ text: dateLine(doc.place, doc.date), italic: true }),
  ];
  return twoColumns(left, right, 45);
}

const runsOf = (runs: Run[]) => runs.map((r) => run({ text: r.text, bold: r.bold, italic: r.italic }));

function block(b: Block): Paragraph | Table {
  if (b.kind === 'paragraph')
    return new Paragraph({
      alignment:
        b.align === 'center' ? AlignmentType.CENTER : b.align === 'left' ? AlignmentType.LEFT : AlignmentType.JUSTIFIED,
      indent: b.indent ? { firstLine: convertMillimetersToTwip(10) } : undefined,
      spacing: { before: b.align === 'center' ? 120 : 0, after: 120, line: 312 },
      children: runsOf(b.runs),
    });
  const total = b.widths.reduce((a, w) => a + w, 0);
  const row = (cells: string[], bold: boolean) =>
    new TableRow({
      children: cells.map(
        (text, i) =>
          new TableCell({
            width: { size: (b.widths[i]! / total) * 100, type: WidthType.PERCENTAGE },
            children: [
              new Paragraph({
                alignment: i === 1 ? AlignmentType.LEFT : AlignmentType.CENTER,
                children: [run({ text, size: 12, bold })],
              }),
            ],
          }),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: allThin,
    rows: [row(b.columns, true), ...b.rows.map((r) => row(r.cells, r.bold ?? false))],
  });
}

function foot(doc: OfficialDocument): Table {
  const left = [
    new Paragraph({ children: [run({ text: 'Nơi nhận:', underline: true })] }),
    ...doc.recipients.map((r) => new Paragraph({ children: [run({ text: r, size: 12 })] })),
  ];
  const right = [
    centred({ text: doc.signature.signsFor, bold: true }),
    centred({ text: doc.signature.position, bold: true }, 1200),
    centred({ text: doc.signature.name, bold: true }),
  ];
  return twoColumns(left, right, 50);
}

/** The document as a .docx file's bytes. */
export async function renderDocx(doc: OfficialDocument): Promise<Buffer> {
  const title = [
    centred({ text: doc.title, size: 16, bold: true }),
    centred({ text: doc.subject, bold: true }),
    centred({ text: '-----', size: 12 }, 120),
  ];
  const grounds = doc.grounds.map(
    (g) =>
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: convertMillimetersToTwip(10) },
        spacing: { after: 60, line: 312 },
        children: [run({ text: g })],
      }),
  );
  const document = new Document({
    creator: doc.issuer.nameLine,
    title: `${doc.title} ${doc.subject}`,
    styles: { default: { document: { run: { font: FONT, size: pt(14) } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(20),
              bottom: convertMillimetersToTwip(20),
              left: convertMillimetersToTwip(30),
              right: convertMillimetersToTwip(15),
            },
          },
        },
        children: [
          header(doc),
          new Paragraph({ children: [] }),
          ...title,
          ...grounds,
          ...doc.body.map(block),
          new Paragraph({ children: [] }),
          foot(doc),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
