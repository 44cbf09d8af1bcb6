/** A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF) for the area files. */

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else {
      field += ch;
    }
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

/** Rows as objects keyed by the header line; a missing column is an error, not undefined. */
export function parseCsvRecords<K extends string>(
  text: string,
  columns: readonly K[]
): Record<K, string>[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!header) return [];
  const index = columns.map((c) => {
    const i = header.indexOf(c);
    if (i < 0) throw new Error(`CSV column "${c}" is missing (header: ${header.join(',')})`);
    return i;
  });
  return rows.map((cells) => {
    const record = {} as Record<K, string>;
    columns.forEach((c, n) => {
      record[c] = (cells[index[n] as number] ?? '').trim();
    });
    return record;
  });
}
