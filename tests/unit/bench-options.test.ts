import { describe, expect, it } from 'vitest';
import { benchOptions } from '../../scripts/bench/lib/options.ts';
import { percentile } from '../../scripts/bench/lib/stats.ts';

describe('benchmark options', () => {
  const defaults = {
    runs: 30,
    viewer: 'a@example.org',
    area: undefined as string | undefined,
    json: false
  };

  it('keeps the defaults and reads numbers, text and flags', () => {
    expect(benchOptions(defaults, [])).toEqual(defaults);
    expect(benchOptions(defaults, ['--runs', '50', '--area', 'NSW', '--json'])).toEqual({
      runs: 50,
      viewer: 'a@example.org',
      area: 'NSW',
      json: true
    });
  });

  it('ignores options meant for another benchmark, and refuses a number that is not one', () => {
    expect(benchOptions(defaults, ['--browser-runs', '5']).runs).toBe(30);
    expect(() => benchOptions(defaults, ['--runs', 'many'])).toThrow('--runs wants a number');
  });
});

describe('percentile', () => {
  it('is the nearest rank', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(sorted, 50)).toBe(5);
    expect(percentile(sorted, 95)).toBe(10);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});
