/**
 * Small-number suppression (docs/dashboard.md "Privacy"): the one place that decides how a count
 * is shown on the dashboard, in its CSV exports and in the GraphQL `dashboard` fields.
 *
 * Counts of 1 to 4 are shown as "<5": a count that small can point at a person (the one family in
 * a council area with a drug and alcohol worker). 0 is shown as 0: "nobody" identifies nobody, and
 * hiding it would hide exactly the gaps a local lead has to act on.
 */

/** What a count of 1 to 4 is shown as. */
export const SMALL = '<5';

/** Counts below this (and above 0) are suppressed. */
export const THRESHOLD = 5;

/** What a change is shown as when a count at either end of it is suppressed. */
export const HIDDEN_CHANGE = 'n/a';

export function suppress(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`suppress: not a count: ${n}`);
  if (n === 0) return '0';
  return n < THRESHOLD ? SMALL : String(n);
}

/**
 * A change `then -> now`, signed ("+12", "-3", "0"). Hidden when either end is suppressed:
 * otherwise "12 now, +9 over the period" would give away the 3 that "<5" hid (differencing).
 */
export function suppressChange(now: number, then: number): string {
  if (suppress(now) === SMALL || suppress(then) === SMALL) return HIDDEN_CHANGE;
  const change = now - then;
  return change > 0 ? `+${change}` : String(change);
}

/** True when a shown value is a suppressed count. */
export function isSuppressed(shown: string): boolean {
  return shown === SMALL;
}
