/**
 * A document as PDF for printing, in Guidance 36-HD/VPTW's layout on A4, with Noto Serif embedded: a free font with
 * every Vietnamese glyph, read from its npm package (@expo-google-fonts/noto-serif) and never fetched at run time.
 */
import PDFDocument from 'pdfkit';
import type { Block, OfficialDocument } from './model';
import { dateLine, numberText } from './wording';

/** The TTF files, resolved through Node's module resolution so any install layout (hoisted or not) finds them. */
export const FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf'),
  italic: require.resolve('@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf'),
} as const;

const mm = (n: number) => (n * 72) / 25.4;
const MARGIN = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) };
const BODY = 12.5;
type Font = keyof typeof FONT_FILES;

/** Text as the font's glyphs expect it: precomposed (NFC), whatever form the input came in. */
const nfc = (s: string) => s.normalize('NFC');

export function renderPdf(doc: OfficialDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    info: { Title: `${doc.title} ${doc.subject}`, Author: doc.issuer.nameLine },
  });
  for (const [name, file] of Object.entries(FONT_FILES)) pdf.registerFont(name, file);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const left = MARGIN.left;
  const width = pdf.page.width - MARGIN.left - MARGIN.right;
  const bottom = () => pdf.page.height - MARGIN.bottom;
  const put = (
    text: string,
    x: number,
    y: number,
    w: number,
    o: { font?: Font; size?: number; align?: 'left' | 'center' | 'justify'; underline?: boolean } = {},
  ) => {
    pdf.font(o.font ?? 'regular').fontSize(o.size ?? BODY);
    pdf.text(nfc(text), x, y, { width: w, align: o.align ?? 'center', underline: o.underline, lineGap: 1 });
    return pdf.y;
  };

  // The header: issuer at left, the Party's title and the place and date at right, side by side.
  const split = width * 0.45;
  let yl = MARGIN.top;
  if (doc.issuer.superiorLine) yl = put(doc.issuer.superiorLine, left, yl, split, { size: 12 });
  yl = put(doc.issuer.nameLine, left, yl, split, { font: 'bold', size: 12 });
  yl = put('*', left, yl, split);
  yl = put(numberText(doc.number, doc.issuer), left, yl, split);
  let yr = put('ĐẢNG CỘNG SẢN VIỆT NAM', left + split, MARGIN.top, width - split, {
    font: 'bold',
    size: 13,
    underline: true,
  });
  yr = put(dateLine(doc.place, doc.date), left + split, yr + 8, width - split, { font: 'italic' });

  // Title, subject, grounds.
  let y = Math.max(yl, yr) + 18;
  y = put(doc.title, left, y, width, { font: 'bold', size: 15 });
  y = put(doc.subject, left, y, width, { font: 'bold', size: 14 });
  y = put('-----', left, y, width, { size: 10 }) + 6;
  pdf.x = left;
  pdf.y = y;
  const prose = (runs: Array<{ text: string; font: Font }>, align: 'left' | 'center' | 'justify', indent: boolean) => {
    runs.forEach((r, i) => {
      pdf.font(r.font).fontSize(BODY);
      pdf.text(nfc(r.text), {
        width,
        align,
        indent: i === 0 && indent ? mm(10) : 0,
        continued: i < runs.length - 1,
        lineGap: 2,
      });
    });
    pdf.moveDown(0.3);
  };
  for (const g of doc.grounds) prose([{ text: g, font: 'regular' }], 'justify', true);
  pdf.moveDown(0.3);

  const table = (b: Extract<Block, { kind: 'table' }>) => {
    const total = b.widths.reduce((a, w) => a + w, 0);
    const widths = b.widths.map((w) => (w / total) * width);
    const row = (cells: string[], font: Font) => {
      pdf.font(font).fontSize(10.5);
      const h = Math.max(...cells.map((c, i) => pdf.heightOfString(nfc(c), { width: widths[i]! - 6 }))) + 6;
      if (pdf.y + h > bottom()) pdf.addPage();
      let x = left;
      const top = pdf.y;
      cells.forEach((c, i) => {
        pdf.rect(x, top, widths[i]!, h).lineWidth(0.5).stroke();
        pdf.text(nfc(c), x + 3, top + 3, { width: widths[i]! - 6, align: i === 1 ? 'left' : 'center' });
        x += widths[i]!;
      });
      pdf.x = left;
      pdf.y = top + h;
    };
    row(b.columns, 'bold');
    for (const r of b.rows) row(r.cells, r.bold ? 'bold' : 'regular');
    pdf.moveDown(0.6);
  };
  for (const b of doc.body) {
    if (b.kind === 'table') table(b);
    else
      prose(
        b.runs.map((r) => ({ text: r.text, font: r.bold ? 'bold' : r.italic ? 'italic' : 'regular' })),
        b.align ?? 'justify',
        b.indent ?? false,
      );
  }

  // The foot: recipients at left, the signature at right; kept together on one page.
  const footHeight = Math.max(20 + 15 * doc.recipients.length, 100);
  if (pdf.y + 10 + footHeight > bottom()) pdf.addPage();
  const top = pdf.y + 10;
  let yf = put('Nơi nhận:', left, top, split, { size: 12, align: 'left', underline: true });
  for (const r of doc.recipients) yf = put(r, left, yf, split, { size: 11, align: 'left' });
  let ys = put(doc.signature.signsFor, left + split, top, width - split, { font: 'bold' });
  ys = put(doc.signature.position, left + split, ys, width - split, { font: 'bold' });
  put(doc.signature.name, left + split, ys + 50, width - split, { font: 'bold' });
  pdf.end();
  return done;
}
