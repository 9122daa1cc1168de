import { existsSync } from 'node:fs';
import * as path from 'node:path';
import PDFDocument from 'pdfkit';

/** The fonts every document is set in: DejaVu Sans, which prints any name in a Latin, Greek or Cyrillic alphabet. */
export const PDF_FONTS = { regular: 'SegSans', bold: 'SegSans-Bold' } as const;

/** The `libs/pdf/fonts` folder, found upwards from here (source and build trees differ in depth). */
function fontsFolder(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'libs', 'pdf', 'fonts');
    if (existsSync(path.join(candidate, 'DejaVuSans.ttf'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error('libs/pdf/fonts not found above ' + __dirname);
  }
}

export interface PdfInfo {
  /** Shown as the window title by PDF viewers. */
  title: string;
  subject?: string;
}

/** An A4 document with the group's fonts registered and set, ready to draw on. */
export function newPdf(info: PdfInfo): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    lang: 'en-GB',
    displayTitle: true,
    // pdfkit reads every key given: an absent subject is left out, not passed as undefined.
    info: {
      Title: info.title,
      ...(info.subject ? { Subject: info.subject } : {}),
      Author: 'SEG Network',
      Creator: 'SEG Network',
    },
  });
  const fonts = fontsFolder();
  doc.registerFont(PDF_FONTS.regular, path.join(fonts, 'DejaVuSans.ttf'));
  doc.registerFont(PDF_FONTS.bold, path.join(fonts, 'DejaVuSans-Bold.ttf'));
  doc.font(PDF_FONTS.regular);
  return doc;
}

/** Ends the document and answers its bytes. */
export function pdfBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
