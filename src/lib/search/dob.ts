/**
 * Dates of birth as people type them into a search box. Day first (dd/mm/yyyy), the order used in
 * Australia and the UK, so `12/03/2015` is the 12th of March; ISO `2015-03-12` is also understood,
 * and a year on its own (`2015`) finds everyone born that year. Pure: used in the browser and on
 * the server.
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
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const YEAR = /^(\d{4})$/;

/**
 * The date of birth in `input` (the whole input, trimmed), or null when it is not one. Dates in the
 * future and years before 1900 are not dates of birth.
 */
export function parseDob(input: string, today: Date = new Date()): ParsedDob | null {
  const text = input.trim();
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
 * Splits a search like `john smith 12/03/2015` into the date of birth and the remaining words. The
 * first word that parses as a date of birth is taken; the rest is searched as names.
 */
export function extractDob(
  input: string,
  today: Date = new Date()
): { dob: ParsedDob | null; rest: string } {
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
