import { describe, expect, it } from 'vitest';
import {
  formatChange,
  formatCount,
  formatDay,
  formatKind,
  formatShortDay
} from '../../src/lib/dashboard/format.ts';
import { dashboardSearch } from '../../src/lib/dashboard/links.ts';

describe('dashboard formatting', () => {
  it('groups thousands of shown counts and leaves <5 alone', () => {
    expect(formatCount('15959')).toBe('15,959');
    expect(formatCount('999')).toBe('999');
    expect(formatCount('<5')).toBe('<5');
    expect(formatCount('n/a')).toBe('n/a');
  });

  it('writes a change with a real minus sign, its digits grouped like the figures', () => {
    expect(formatChange('-3')).toBe('−3');
    expect(formatChange('+12')).toBe('+12');
    expect(formatChange('+37416')).toBe('+37,416');
    expect(formatChange('-1234')).toBe('−1,234');
    expect(formatChange('0')).toBe('0');
    expect(formatChange('n/a')).toBe('n/a');
  });

  it('prints days in UTC, as the weeks are', () => {
    expect(formatDay('2026-11-23')).toBe('23 Nov 2026');
    expect(formatShortDay('2026-11-23T00:00:00Z')).toBe('23 Nov');
  });

  it('names agency kinds for people', () => {
    expect(formatKind('CHILD_PROTECTION')).toBe('Child protection');
    expect(formatKind('GP')).toBe('GP');
  });
});

describe('dashboard links', () => {
  it('keeps everything in the query string, leaving out defaults and everywhere', () => {
    expect(dashboardSearch({ area: '10750', period: '4w' })).toBe('area=10750&period=4w');
    expect(dashboardSearch({ area: 'ALL', period: '12w' })).toBe('period=12w');
    expect(
      dashboardSearch({ area: null, period: '52w', sort: { column: 'clients', dir: 'desc' } })
    ).toBe('period=52w&sort=clients&dir=desc');
    expect(dashboardSearch({ area: 'X', period: '4w', sort: { column: 'name', dir: 'asc' } })).toBe(
      'area=X&period=4w'
    );
  });
});
