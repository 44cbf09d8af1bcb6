import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PERIOD,
  WEEK_MS,
  monthsBefore,
  parsePeriod,
  periodStart,
  periodWeeks,
  weekPoints,
  weekStart
} from '../../src/lib/dashboard/period.ts';

describe('periods', () => {
  it('reads 4w, 12w and 52w and falls back to the default', () => {
    expect(parsePeriod('4w')).toBe('4w');
    expect(parsePeriod('52w')).toBe('52w');
    expect(parsePeriod('5w')).toBe(DEFAULT_PERIOD);
    expect(parsePeriod(null)).toBe(DEFAULT_PERIOD);
    expect(periodWeeks('12w')).toBe(12);
  });

  it('starts weeks on Monday 00:00 UTC', () => {
    // Wednesday 25 November 2026, evening.
    expect(weekStart(new Date('2026-11-25T21:50:00Z')).toISOString()).toBe(
      '2026-11-23T00:00:00.000Z'
    );
    // A Monday is its own week start; a Sunday belongs to the week before.
    expect(weekStart(new Date('2026-11-23T00:00:00Z')).toISOString()).toBe(
      '2026-11-23T00:00:00.000Z'
    );
    expect(weekStart(new Date('2026-11-29T23:59:59Z')).toISOString()).toBe(
      '2026-11-23T00:00:00.000Z'
    );
  });

  it('starts a period of N weeks N weeks before this week', () => {
    const now = new Date('2026-11-25T21:50:00Z');
    expect(periodStart(now, '4w').toISOString()).toBe('2026-10-26T00:00:00.000Z');
    expect(periodStart(now, '52w').getTime()).toBe(weekStart(now).getTime() - 52 * WEEK_MS);
  });

  it('lists the week starts, oldest first, ending with this week', () => {
    const points = weekPoints(new Date('2026-11-25T21:50:00Z'), 4);
    expect(points.map((p) => p.toISOString().slice(0, 10))).toEqual([
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23'
    ]);
  });

  it('goes back calendar months, clamping the day as Neo4j does', () => {
    expect(monthsBefore(new Date('2026-08-31T10:00:00Z'), 6).toISOString()).toBe(
      '2026-02-28T10:00:00.000Z'
    );
    expect(monthsBefore(new Date('2026-11-25T21:50:00Z'), 6).toISOString()).toBe(
      '2026-05-25T21:50:00.000Z'
    );
    expect(monthsBefore(new Date('2026-03-15T00:00:00Z'), 6).toISOString()).toBe(
      '2025-09-15T00:00:00.000Z'
    );
  });
});
