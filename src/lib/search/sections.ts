/**
 * The order of the result sections (clients, practitioners, agencies) on the search page and in
 * the header's suggestions, and the bands a hit's `match` falls in. Pure: shared by the browser,
 * the server and the search quality list (tests/search-quality).
 */
import type { SearchResults } from './types.ts';

export type SectionKind = 'clients' | 'practitioners' | 'agencies';

export interface Section {
  kind: SectionKind;
  ids: string[];
}

/** The order when no section matches better than another. */
export const SECTION_KINDS: readonly SectionKind[] = ['clients', 'practitioners', 'agencies'];

/**
 * 0: the words are a whole name (match 0); 1: every word, whole or begun (1, 2); 2: a similar
 * spelling or only some words (3). The searches rank by band before tier (search-*.cypher), so
 * what was typed outranks a typo forgiven nearer home.
 */
export type MatchBand = 0 | 1 | 2;

export function matchBand(match: number): MatchBand {
  if (match <= 0) return 0;
  return match >= 3 ? 2 : 1;
}

export const MATCH_BAND_LABELS: Record<MatchBand, string> = {
  0: 'Whole name',
  1: 'Part of the name',
  2: 'Similar spellings'
};

type Hits = Pick<SearchResults, 'clients' | 'practitioners' | 'agencies'>;

/** The best band among a section's hits; sections without hits go last. */
function bestBand(hits: readonly { match: number }[]): number {
  return hits.reduce((best, hit) => Math.min(best, matchBand(hit.match)), Infinity);
}

/**
 * The sections in the order they are shown: the one with the best match first ("Blacktown Council
 * Community Services" puts that agency above the people who work there), ties in the usual order.
 */
export function pageSections(results: Hits): Section[] {
  return SECTION_KINDS.map((kind, order) => ({ kind, order, band: bestBand(results[kind]) }))
    .sort((a, b) => a.band - b.band || a.order - b.order)
    .map(({ kind }) => ({ kind, ids: results[kind].map((hit) => hit.id) }));
}
