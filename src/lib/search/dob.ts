/**
 * Dates of birth as people type them into a search box. Day first (dd/mm/yyyy), the order used in
 * Australia and the UK, so `12/03/2015` is the 12th of March; ISO `2015-03-12` is also understood,
 * and so are month names (`20 Sep 2011`, `20 September 2011`, `Sep 20, 2011`, `20-Sep-2011`); a
 * year on its own (`2015`) finds everyone born that year. Pure: used in the browser and on the
 * server.
 */

export type ParsedDob =
  /** An exact day, as an ISO date string (what Neo4j's `date()` takes). */
  { kind: 'date'; date: string } | { kind: 'year'; year: number };

/** Earliest year accepted: nobody alive was born before it. */
export const MIN_YEAR = 1900;

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  // 31/02 rolls over into March in Date: reject instead of guessing.
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return null;
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function plausibleYear(year: number, today: Date): boolean {
  return year >= MIN_YEAR && year <= today.getUTCFullYear();
}

const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** Month names and their usual short forms, as typed in English. */
const MONTHS = [
  'jan(?:uary)?',
  'feb(?:ruary)?',
  'mar(?:ch)?',
  'apr(?:il)?',
  'may',
  'june?',
  'july?',
  'aug(?:ust)?',
  'sep(?:t(?:ember)?)?',
  'oct(?:ober)?',
  'nov(?:ember)?',
  'dec(?:ember)?'
];
const MONTH = `(${MONTHS.join('|')})\\.?`;
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const SEP = '[\\s/.,-]+';
/** "20 Sep 2011", "20-Sep-2011", "20th September 2011", anywhere in a search (whole words). */
const DAY_MONTH_YEAR = new RegExp(
  `(?<![\\p{L}\\p{N}])${DAY}${SEP}${MONTH}${SEP}(\\d{4})(?![\\p{L}\\p{N}])`,
  'iu'
);
/** "Sep 20 2011", "September 20, 2011". */
const MONTH_DAY_YEAR = new RegExp(
  `(?<![\\p{L}\\p{N}])${MONTH}${SEP}${DAY}${SEP}(\\d{4})(?![\\p{L}\\p{N}])`,
  'iu'
);

function monthNumber(name: string): number {
  return MONTHS.findIndex((m) => new RegExp(`^${m}$`, 'i').test(name)) + 1;
}

/** A date written with a month name somewhere in `input`: the date and where it was written. */
function findNamedMonthDate(
  input: string,
  today: Date
): { dob: ParsedDob; start: number; end: number } | null {
  const dmy = DAY_MONTH_YEAR.exec(input);
  const mdy = dmy ? null : MONTH_DAY_YEAR.exec(input);
  const match = dmy ?? mdy;
  if (!match) return null;
  const [day, month, year] = dmy ? [match[1], match[2], match[3]] : [match[2], match[1], match[3]];
  const dob = exactDate(Number(year), monthNumber(month ?? ''), Number(day), today);
  return dob && { dob, start: match.index, end: match.index + match[0].length };
}
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const YEAR = /^(\d{4})$/;

/**
 * The date of birth in `input` (the whole input, trimmed), or null when it is not one. Dates in the
 * future and years before 1900 are not dates of birth.
 */
export function parseDob(input: string, today: Date = new Date()): ParsedDob | null {
  const text = input.trim();
  // The longest written date ("30th September, 2011") is far below this.
  if (text.length > 30) return null;
  const named = findNamedMonthDate(text, today);
  if (named) return named.start === 0 && named.end === text.length ? named.dob : null;
  if (text.length > 10) return null;
  let match = DAY_FIRST.exec(text);
  if (match) return exactDate(Number(match[3]), Number(match[2]), Number(match[1]), today);
  match = ISO.exec(text);
  if (match) return exactDate(Number(match[1]), Number(match[2]), Number(match[3]), today);
  match = YEAR.exec(text);
  if (match) {
    const year = Number(match[1]);
    return plausibleYear(year, today) ? { kind: 'year', year } : null;
  }
  return null;
}

function exactDate(year: number, month: number, day: number, today: Date): ParsedDob | null {
  if (!plausibleYear(year, today)) return null;
  const date = isoDate(year, month, day);
  if (!date) return null;
  const todayIso = today.toISOString().slice(0, 10);
  return date > todayIso ? null : { kind: 'date', date };
}

/**
 * Splits a search like `john smith 12/03/2015` or `nolan 20 sep 2011` into the date of birth and the
 * remaining words. A date with a month name is looked for first (it spans words), then the first
 * word that parses as a date of birth; the rest is searched as names.
 */
export function extractDob(
  input: string,
  today: Date = new Date()
): { dob: ParsedDob | null; rest: string } {
  const named = findNamedMonthDate(input, today);
  if (named) {
    const rest = `${input.slice(0, named.start)} ${input.slice(named.end)}`;
    return { dob: named.dob, rest: rest.trim().split(/\s+/).join(' ') };
  }
  const words = input.trim().split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    const dob = parseDob(words[i] ?? '', today);
    if (dob) {
      return { dob, rest: [...words.slice(0, i), ...words.slice(i + 1)].join(' ') };
    }
  }
  return { dob: null, rest: input.trim() };
}

/** `12/03/2015` or `2015`, for showing a parsed date of birth back to the searcher. */
export function formatDob(dob: ParsedDob): string {
  if (dob.kind === 'year') return String(dob.year);
  return formatIsoDate(dob.date);
}

/** An ISO date (`2015-03-12`) as dd/mm/yyyy; anything else is returned unchanged. */
export function formatIsoDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}
