/**
 * Dates of birth in the list's queries. The seed's dates move with the day it is seeded (every
 * age is fixed, so every date shifts), so a query names the date as `{dob:FORMAT}` and the runner
 * fills in the expected client's date in the way a practitioner might type it.
 */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December'
];

/**
 * Fills `{dob:FORMAT}` with an ISO date: `d mon y` (20 Sep 2011), `d month y` (20 September 2011),
 * `mon d y` (Sep 20 2011), `d-mon-y` (20-Sep-2011), `dd/mm/yyyy` and `yyyy`.
 */
export function fillDob(q: string, iso: string | null): string {
  return q.replace(/\{dob:([^}]+)\}/g, (_, format: string) => {
    if (!iso) throw new Error(`"${q}" needs a date of birth, and the expected client has none.`);
    const [y, m, d] = iso.split('-') as [string, string, string];
    const month = MONTHS[Number(m) - 1] ?? '';
    const day = String(Number(d));
    const formats: Record<string, string> = {
      'd mon y': `${day} ${month.slice(0, 3)} ${y}`,
      'd month y': `${day} ${month} ${y}`,
      'mon d y': `${month.slice(0, 3)} ${day} ${y}`,
      'd-mon-y': `${day}-${month.slice(0, 3)}-${y}`,
      'dd/mm/yyyy': `${d}/${m}/${y}`,
      yyyy: y
    };
    const text = formats[format];
    if (!text) throw new Error(`Unknown date format {dob:${format}} in "${q}".`);
    return text;
  });
}
