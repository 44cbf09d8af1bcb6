/**
 * Periods and weeks. Weeks start on Monday 00:00 UTC, so every snapshot computed in the same week
 * has the same week points and the figures of a period are the same whoever asks. A period of N
 * weeks runs from the start of the week N weeks before this one until now.
 */

export const PERIODS = ['4w', '12w', '52w'] as const;
export type Period = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: Period = '12w';

export const PERIOD_LABELS: Record<Period, string> = {
  '4w': '4 weeks',
  '12w': '12 weeks',
  '52w': '52 weeks'
};

export const DAY_MS = 24 * 60 * 60 * 1000;
export const WEEK_MS = 7 * DAY_MS;

/** The longest period: snapshots keep this many weeks of series. */
export const MAX_WEEKS = 52;

export function parsePeriod(value: string | null | undefined): Period {
  return (PERIODS as readonly string[]).includes(value ?? '') ? (value as Period) : DEFAULT_PERIOD;
}

export function periodWeeks(period: Period): number {
  return Number(period.slice(0, -1));
}

/** Monday 00:00 UTC of the week holding `at`. */
export function weekStart(at: Date): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS);
}

/** Where a period that ends at `now` begins. */
export function periodStart(now: Date, period: Period): Date {
  return new Date(weekStart(now).getTime() - periodWeeks(period) * WEEK_MS);
}

/** The starts of the last `weeks` weeks and of this one, oldest first (weeks + 1 dates). */
export function weekPoints(now: Date, weeks: number): Date[] {
  const current = weekStart(now).getTime();
  return Array.from({ length: weeks + 1 }, (_, i) => new Date(current - (weeks - i) * WEEK_MS));
}

/**
 * `months` calendar months before `at`, the day clamped to the shorter month (31 August minus 6
 * months is 28 or 29 February), as Neo4j's `datetime - duration({months: 6})` does, so the stale
 * rule here and the alerts' mark-stale job agree.
 */
export function monthsBefore(at: Date, months: number): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth() - months;
  const target = new Date(Date.UTC(y, m, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)
  ).getUTCDate();
  return new Date(
    Date.UTC(
      target.getUTCFullYear(),
      target.getUTCMonth(),
      Math.min(at.getUTCDate(), lastDay),
      at.getUTCHours(),
      at.getUTCMinutes(),
      at.getUTCSeconds(),
      at.getUTCMilliseconds()
    )
  );
}

/** 2026-11-23 */
export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
