import { execFile } from 'node:child_process';

/**
 * The text of a PDF as a reader's viewer extracts it (Debian's `pdftotext` from poppler-utils,
 * layout kept), so a test checks what a person would read on the page, not what the code meant
 * to draw.
 */
export function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'pdftotext',
      ['-layout', '-enc', 'UTF-8', '-', '-'],
      { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`pdftotext failed: ${stderr || error.message}`));
        else resolve(stdout);
      },
    );
    child.stdin!.end(pdf);
  });
}
