/**
 * The fuzz layer's size (issue 15, "Done when": at least 1,000 malformed inputs across forms,
 * /login?next=, tokens and /graphql). Counted from the case lists, which every fuzz test sends in
 * full (each asserts it sent its whole list), so the layer cannot shrink unnoticed.
 */
import { describe, expect, it } from 'vitest';
import { countAll } from './cases.ts';

describe('the fuzz layer', () => {
  it('sends at least 1,000 malformed inputs, in every area', () => {
    const counts = countAll();
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`fuzz inputs: ${total}`, counts);
    expect(total).toBeGreaterThanOrEqual(1000);
    for (const [area, count] of Object.entries(counts)) expect(count, area).toBeGreaterThan(0);
    const sum = (prefix: string) =>
      Object.entries(counts)
        .filter(([area]) => area.startsWith(prefix))
        .reduce((a, [, b]) => a + b, 0);
    expect(sum('form')).toBeGreaterThanOrEqual(200);
    expect(sum('/login?next=')).toBeGreaterThanOrEqual(200);
    expect(sum('tokens')).toBeGreaterThanOrEqual(200);
    expect(sum('graphql')).toBeGreaterThanOrEqual(200);
  });
});
