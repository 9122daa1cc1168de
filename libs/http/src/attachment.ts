import { StreamableFile } from '@nestjs/common';

/**
 * `Content-Disposition` of a download named for people: a plain ASCII name for old programs and
 * the UTF-8 one for the rest (RFC 6266), so "Máire Ní Bhriain.vcf" keeps its accents where it can.
 */
export function attachmentDisposition(fileName: string, fallback: string): string {
  const dot = fileName.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot)] : [fileName, ''];
  const ascii =
    stem
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]|["\\/]/g, '')
      .trim() || fallback;
  return `attachment; filename="${ascii}${extension}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** A file answered as a download (or `inline`), the same through either HTTP adapter. */
export function download(content: string | Buffer, type: string, disposition: string): StreamableFile {
  return new StreamableFile(typeof content === 'string' ? Buffer.from(content, 'utf8') : content, {
    type,
    disposition,
  });
}
