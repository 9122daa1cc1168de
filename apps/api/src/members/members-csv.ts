/** The columns of the member import, in order; the export starts with the same ones. */
export const IMPORT_COLUMNS = ['email', 'name', 'title', 'category', 'region', 'phone', 'establishments'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Establishments in one cell: codes or names separated by semicolons. */
export function splitList(cell: string): string[] {
  return cell
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * One CSV cell. A leading =, +, -, @ or control character would make a spreadsheet run the
 * cell as a formula, so such text is prefixed with an apostrophe; phone numbers like
 * "+44 ..." are plain data and stay as they are.
 */
export function csvCell(value: string | null | undefined): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text) && !/^\+?[\d\s()-]+$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: (string | null | undefined)[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}
