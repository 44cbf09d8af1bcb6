/**
 * Names no path may store (issue 15, finding 7): markup, spreadsheet formulas and their leading
 * characters, control and invisible characters, too long, empty. Shared by the integration table
 * test and the HTTP attack so both send exactly the same values.
 */
export const BAD_NAMES: readonly { label: string; value: string; optionalMayBeEmpty?: true }[] = [
  { label: 'markup', value: '<b>x</b>' },
  { label: 'script tag', value: 'Ann<script>alert(1)</script>' },
  { label: 'formula =HYPERLINK', value: '=HYPERLINK("http://evil.example","Click")' },
  { label: 'leading +', value: '+Ann' },
  { label: 'leading -', value: '-Ann' },
  { label: 'leading @', value: '@SUM(A1)' },
  { label: 'leading = after spaces', value: '   =1+1' },
  { label: 'NUL', value: 'Ann\u0000Lee' },
  { label: 'tab', value: 'Ann\tLee' },
  { label: 'newline', value: 'Ann\nLee' },
  { label: 'carriage return', value: 'Ann\r=1+1' },
  { label: 'bell', value: 'Ann\u0007' },
  { label: 'right-to-left override', value: 'Ann\u202eeeL' },
  { label: 'digits', value: 'Ann 2' },
  { label: 'too long', value: 'A'.repeat(101) },
  { label: 'empty', value: '', optionalMayBeEmpty: true },
  { label: 'whitespace only', value: '   ', optionalMayBeEmpty: true }
];

/** Real names the rule must keep accepting, so a refusal above is the rule and not a broken path. */
export const GOOD_NAME = 'Zoë O’Brien-Nguyễn';
