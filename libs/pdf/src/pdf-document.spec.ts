import { pdfText } from '../../../test/support/pdf-text';
import { newPdf, PDF_FONTS, pdfBuffer } from './pdf-document';

describe('PDF documents', () => {
  it('print names in any Latin, Greek or Cyrillic alphabet, read back as a viewer extracts them', async () => {
    const doc = newPdf({ title: 'A test' });
    const names = ['Zbigniew Łukasiewicz', 'Máire Ní Bhriain', 'Siân Øvergaard', 'Ξανθή Παππά', 'Ольга Иванова'];
    doc.font(PDF_FONTS.bold).fontSize(18).text('Names');
    doc.font(PDF_FONTS.regular).fontSize(11);
    for (const name of names) doc.text(name);
    const pdf = await pdfBuffer(doc);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    for (const name of names) expect(text).toContain(name);
    // Only the glyphs used are embedded: the document stays small.
    expect(pdf.length).toBeLessThan(60_000);
  });
});
