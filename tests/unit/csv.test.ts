import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/lib/server/audit/csv.ts';

describe('csvCell', () => {
  it('leaves plain text alone', () => {
    expect(csvCell('Jane Citizen')).toBe('Jane Citizen');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvCell('Citizen, Jane')).toBe('"Citizen, Jane"');
    expect(csvCell('the "duty" line')).toBe('"the ""duty"" line"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
    expect(csvCell(' padded ')).toBe('" padded "');
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+61 2 9555 0123', "'+61 2 9555 0123"],
    ['-2', "'-2"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"]
  ])('neutralises a cell starting with a formula character: %s', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('neutralises a formula hidden behind a tab or carriage return, and still quotes it', () => {
    expect(csvCell('\t=cmd')).toBe("'\t=cmd");
    expect(csvCell('\r=cmd')).toBe('"\'\r=cmd"');
  });

  it('neutralises and quotes a formula with commas and quotes', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe(
      '"\'=HYPERLINK(""http://evil.example"",""click"")"'
    );
  });
});

describe('toCsv', () => {
  it('writes a header and rows with CRLF line ends', () => {
    expect(
      toCsv(
        ['when', 'who'],
        [
          ['2026-01-02T03:04:05Z', 'Jane, Citizen'],
          ['2026-01-03T00:00:00Z', '=evil()']
        ]
      )
    ).toBe(
      'when,who\r\n2026-01-02T03:04:05Z,"Jane, Citizen"\r\n2026-01-03T00:00:00Z,\'=evil()\r\n'
    );
  });
});
