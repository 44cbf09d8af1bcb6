/** Times are milliseconds since the epoch while generating, ISO strings when written. */
import type { Rng } from './random.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const YEAR = 365.25 * DAY;
/** The network's history: memberships and accounts spread over the last three years. */
export const HISTORY = 3 * YEAR;

export function iso(ms: number): string {
  return new Date(Math.round(ms)).toISOString();
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight UTC of the day `ms` falls on, so dates of birth are whole days. */
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

export function between(rng: Rng, from: number, to: number): number {
  return to <= from ? from : from + rng.float() * (to - from);
}

/**
 * A time in [from, to] whose density grows linearly towards `to`: the network grows, so recent
 * joins are more frequent than early ones (a month near the end holds ~2x the average).
 */
export function growing(rng: Rng, from: number, to: number): number {
  return to <= from ? from : from + Math.sqrt(rng.float()) * (to - from);
}

/** Whole years between two dates of birth or times (what a practitioner would call the gap). */
export function yearsBetween(earlier: number, later: number): number {
  return (later - earlier) / YEAR;
}
