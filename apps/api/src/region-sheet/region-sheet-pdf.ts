import { drawQrCode, newPdf, PDF_FONTS, pdfBuffer } from '@seg/pdf';
import type { DirectoryMember } from '../directory/directory-member.dto';
import type { RegionSheet } from './region-sheet.dto';
import {
  about,
  contactLines,
  NO_ESTABLISHMENTS,
  NO_REPS,
  NOBODY_LISTED,
  placeLine,
  secretariatLine,
  sheetTitle,
} from './region-sheet-lines';

/** Black only: the sheet is photocopied and printed on office printers in black and white. */
const INK = '#000000';
const QR_SIZE = 96;
const GAP = 12;

/**
 * The sheet on A4: the region and the QR code at the top, its representatives, then each
 * establishment with who works there, and the secretariat. Sizes are chosen so that a region of
 * a dozen establishments fits one page; a larger one flows onto the next.
 */
export function regionSheetPdf(sheet: RegionSheet): Promise<Buffer> {
  const title = sheetTitle(sheet);
  const doc = newPdf({ title: `${title} (SEG Network)`, subject: `Printed ${sheet.printedOnText}` });
  doc.fillColor(INK).strokeColor(INK);
  const left = doc.page.margins.left;
  const top = doc.page.margins.top;
  const width = doc.page.width - left - doc.page.margins.right;
  const textWidth = width - QR_SIZE - GAP;

  drawQrCode(doc, sheet.link, { x: left + width - QR_SIZE, y: top - 8, size: QR_SIZE });
  doc.font(PDF_FONTS.bold).fontSize(18).text(title, left, top, { width: textWidth });
  doc.font(PDF_FONTS.regular).fontSize(10).text('RCGP Secure Environments Group, SEG Network', { width: textWidth });
  doc.moveDown(0.4);
  doc.text(`Printed on ${sheet.printedOnText}.`, { width: textWidth });
  doc.text(`Check current details at ${sheet.link}`, { width: textWidth });
  doc.y = Math.max(doc.y, top + QR_SIZE) + 4;

  heading(doc, 'Representatives', left, width);
  if (!sheet.reps.length) line(doc, NO_REPS, left, width);
  for (const rep of sheet.reps) row(doc, { bold: `${rep.role}: `, text: about(rep.member) }, rep.member, 0);

  heading(doc, 'Establishments', left, width);
  if (!sheet.establishments.length) line(doc, NO_ESTABLISHMENTS, left, width);
  for (const { establishment, people } of sheet.establishments) {
    doc.moveDown(0.3);
    keepOnPage(doc, 24);
    doc.font(PDF_FONTS.bold).fontSize(10).text(establishment.name, left, doc.y, { width, continued: true });
    doc
      .font(PDF_FONTS.regular)
      .fontSize(9)
      .text(`  ${placeLine(establishment)}`);
    if (!people.length) line(doc, NOBODY_LISTED, left + 10, width - 10);
    for (const person of people) row(doc, { text: about(person) }, person, 10);
  }

  heading(doc, 'The secretariat', left, width);
  line(doc, secretariatLine(sheet), left, width);
  return pdfBuffer(doc);
}

function heading(doc: PDFKit.PDFDocument, text: string, left: number, width: number): void {
  doc.moveDown(0.6);
  doc.font(PDF_FONTS.bold).fontSize(12).text(text, left, doc.y, { width });
  const y = doc.y + 1;
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .lineWidth(0.75)
    .stroke();
  doc.y = y + 4;
}

function line(doc: PDFKit.PDFDocument, text: string, left: number, width: number): void {
  doc.font(PDF_FONTS.regular).fontSize(9).text(text, left, doc.y, { width });
}

/** Starts a new page unless `height` points fit above the bottom margin. */
function keepOnPage(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/**
 * A person in two columns, the same on every row: who they are on the left (indented under an
 * establishment), their contacts on the right, one to a line so that no number or address is
 * broken across lines.
 */
function row(
  doc: PDFKit.PDFDocument,
  who: { bold?: string; text: string },
  member: DirectoryMember,
  indent: number,
): void {
  const { margins, width: pageWidth } = doc.page;
  const left = margins.left + indent;
  const split = margins.left + Math.round((pageWidth - margins.left - margins.right) * 0.46);
  const whoWidth = split - left - 8;
  const contactsWidth = pageWidth - margins.right - split;
  const contacts = contactLines(member).join('\n');
  doc.fontSize(9);
  const height = Math.max(
    doc.font(PDF_FONTS.bold).heightOfString(`${who.bold ?? ''}${who.text}`, { width: whoWidth }),
    doc.font(PDF_FONTS.regular).heightOfString(contacts, { width: contactsWidth }),
  );
  keepOnPage(doc, height);
  const top = doc.y;
  if (who.bold) {
    doc.font(PDF_FONTS.bold).text(who.bold, left, top, { width: whoWidth, continued: true });
    doc.font(PDF_FONTS.regular).text(who.text, { width: whoWidth });
  } else {
    doc.font(PDF_FONTS.regular).text(who.text, left, top, { width: whoWidth });
  }
  const whoEnd = doc.y;
  doc.text(contacts, split, top, { width: contactsWidth });
  doc.x = left;
  doc.y = Math.max(whoEnd, doc.y) + 2;
}
