import { create, toString as qrString } from 'qrcode';

/**
 * QR codes for printed matter, from `qrcode`: error correction level M (15 % of the code may be
 * smudged or torn) and the quiet zone of four modules the standard asks for, so a phone reads a
 * code photographed off a wall.
 */
const LEVEL = 'M';
const QUIET_MODULES = 4;

/** Draws a QR code of the text as black squares on white, `size` points wide, quiet zone included. */
export function drawQrCode(doc: PDFKit.PDFDocument, text: string, at: { x: number; y: number; size: number }): void {
  const { modules } = create(text, { errorCorrectionLevel: LEVEL });
  const cells = modules.size + 2 * QUIET_MODULES;
  const cell = at.size / cells;
  doc.save();
  doc.rect(at.x, at.y, at.size, at.size).fill('#ffffff');
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col))
        doc.rect(at.x + (col + QUIET_MODULES) * cell, at.y + (row + QUIET_MODULES) * cell, cell, cell);
    }
  }
  doc.fill('#000000');
  doc.restore();
}

/** The same code as an SVG drawing, for a page printed from the web. */
export function qrCodeSvg(text: string): Promise<string> {
  return qrString(text, { type: 'svg', errorCorrectionLevel: LEVEL, margin: QUIET_MODULES });
}
