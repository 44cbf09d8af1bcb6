import { describe, expect, it } from 'vitest';
import {
  HIDDEN_CHANGE,
  SMALL,
  isSuppressed,
  suppress,
  suppressChange
} from '../../src/lib/dashboard/suppress.ts';

describe('suppress', () => {
  it('shows 0 as 0: nobody identifies nobody', () => {
    expect(suppress(0)).toBe('0');
  });

  it.each([1, 2, 3, 4])('shows %i as <5', (n) => {
    expect(suppress(n)).toBe(SMALL);
    expect(isSuppressed(suppress(n))).toBe(true);
  });

  it.each([5, 6, 42, 100_000])('shows %i as it is', (n) => {
    expect(suppress(n)).toBe(String(n));
    expect(isSuppressed(suppress(n))).toBe(false);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s: not a count', (n) => {
    expect(() => suppress(n)).toThrow(RangeError);
  });
});

describe('suppressChange', () => {
  it('signs a change between shown counts', () => {
    expect(suppressChange(17, 5)).toBe('+12');
    expect(suppressChange(5, 8)).toBe('-3');
    expect(suppressChange(9, 9)).toBe('0');
    expect(suppressChange(0, 0)).toBe('0');
  });

  it('shows a change from or to nothing, since 0 is shown', () => {
    expect(suppressChange(12, 0)).toBe('+12');
    expect(suppressChange(0, 7)).toBe('-7');
  });

  it('hides a change when either end is below 5 (differencing would reveal it)', () => {
    // 12 now and "+9" would give away the 3 that "<5" hid.
    expect(suppressChange(12, 3)).toBe(HIDDEN_CHANGE);
    expect(suppressChange(4, 40)).toBe(HIDDEN_CHANGE);
    expect(suppressChange(1, 1)).toBe(HIDDEN_CHANGE);
    expect(suppressChange(0, 2)).toBe(HIDDEN_CHANGE);
  });
});
