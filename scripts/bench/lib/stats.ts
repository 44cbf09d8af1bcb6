/**
 * The statistics every benchmark reports, computed one way so their figures compare: the
 * nearest-rank percentile (the smallest sample with at least p% of the samples at or below it).
 */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export function mean(samples: number[]): number {
  return samples.length === 0 ? Number.NaN : samples.reduce((a, b) => a + b, 0) / samples.length;
}

/** Ascending copy: percentile() wants sorted samples and callers keep theirs in run order. */
export const ascending = (samples: number[]): number[] => [...samples].sort((a, b) => a - b);
