/**
 * The figures of the search quality list, pure so they are unit-tested on their own: each query's
 * ranked list (what the search page shows, top to bottom) against the ids of its right answers.
 */

export interface QueryOutcome {
  q: string;
  category: string;
  /** Ids of the right answers. */
  relevant: string[];
  /** Ids as the page lists them, top first. */
  ranked: string[];
}

export interface Figures {
  queries: number;
  /** Share of queries whose first result is a right answer. */
  precisionAt1: number;
  /** Mean share of each query's right answers found in its first ten results. */
  recallAt10: number;
}

/** 1-based position of the first right answer, or null when none is listed. */
export function firstRelevantRank(outcome: QueryOutcome): number | null {
  const index = outcome.ranked.findIndex((id) => outcome.relevant.includes(id));
  return index < 0 ? null : index + 1;
}

export function recallAt(outcome: QueryOutcome, k: number): number {
  if (outcome.relevant.length === 0) return 0;
  const top = new Set(outcome.ranked.slice(0, k));
  return outcome.relevant.filter((id) => top.has(id)).length / outcome.relevant.length;
}

export function figures(outcomes: readonly QueryOutcome[]): Figures {
  const n = outcomes.length;
  if (n === 0) return { queries: 0, precisionAt1: 0, recallAt10: 0 };
  const hits = outcomes.filter((o) => firstRelevantRank(o) === 1).length;
  const recall = outcomes.reduce((sum, o) => sum + recallAt(o, 10), 0);
  return { queries: n, precisionAt1: hits / n, recallAt10: recall / n };
}

/** Figures overall (key `all`) and per category, categories in the order they first appear. */
export function figuresByCategory(outcomes: readonly QueryOutcome[]): Map<string, Figures> {
  const byCategory = new Map<string, QueryOutcome[]>();
  for (const o of outcomes) byCategory.set(o.category, [...(byCategory.get(o.category) ?? []), o]);
  const result = new Map<string, Figures>([['all', figures(outcomes)]]);
  for (const [category, list] of byCategory) result.set(category, figures(list));
  return result;
}

const pad = (text: string, width: number) => text.padEnd(width);
const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

/** A Markdown table of figures per category, as docs/search-quality.md shows them. */
export function figuresTable(byCategory: Map<string, Figures>): string {
  const rows = [...byCategory].map(([category, f]) => [
    category,
    String(f.queries),
    percent(f.precisionAt1),
    percent(f.recallAt10)
  ]);
  const header = ['category', 'queries', 'precision@1', 'recall@10'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => pad(c, widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line)
  ].join('\n');
}
