import { execFile } from 'node:child_process';
import jsQR from 'jsqr';

/**
 * The text of the QR code printed on a PDF's first page, read as a phone's camera would read the
 * printed page: the page rendered to grey pixels by Debian's `pdftoppm` (poppler-utils, as for
 * pdftotext) and the code found and decoded in them by `jsqr`. Null when no code is found.
 */
export async function qrCodeOnFirstPage(pdf: Buffer, dpi = 150): Promise<string | null> {
  const pgm = await render(pdf, dpi);
  const { width, height, pixels } = readPgm(pgm);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = pixels[i];
    rgba[i * 4 + 3] = 255;
  }
  return jsQR(rgba, width, height)?.data ?? null;
}

function render(pdf: Buffer, dpi: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'pdftoppm',
      ['-gray', '-r', String(dpi), '-f', '1', '-l', '1', '-'],
      { maxBuffer: 256 * 1024 * 1024, encoding: 'buffer' },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`pdftoppm failed: ${stderr.toString() || error.message}`));
        else resolve(stdout);
      },
    );
    child.stdin!.end(pdf);
  });
}

/** A binary greymap (P5, 8 bits), as pdftoppm -gray writes it. */
function readPgm(file: Buffer): { width: number; height: number; pixels: Buffer } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(file.subarray(0, 64).toString('latin1'));
  if (!header || header[3] !== '255') throw new Error('not an 8-bit binary greymap');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: file.subarray(header[0].length, header[0].length + width * height) };
}
