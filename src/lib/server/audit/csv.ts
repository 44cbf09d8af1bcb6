/**
 * CSV for exports (RFC 4180: quoted when needed, CRLF line ends). Cells that a spreadsheet would
 * read as a formula (= + - @, and tab or carriage return before them) get a leading apostrophe,
 * so a name like `=HYPERLINK(...)` typed into Teamaround stays text in Excel (OWASP CSV injection).
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(
  header: string[],
  rows: (string | number | boolean | null | undefined)[][]
): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
