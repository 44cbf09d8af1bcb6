/**
 * The order of the result sections (clients, practitioners, agencies) on the search page and in
 * the header's suggestions. Pure: shared by the browser, the server and the search quality list.
 */
import type { SearchResults } from './types.ts';

export type SectionKind = 'clients' | 'practitioners' | 'agencies';

export interface Section {
  kind: SectionKind;
  ids: string[];
}

export const SECTION_KINDS: readonly SectionKind[] = ['clients', 'practitioners', 'agencies'];

/** The sections in the order they are shown. */
export function pageSections(
  results: Pick<SearchResults, 'clients' | 'practitioners' | 'agencies'>
): Section[] {
  return SECTION_KINDS.map((kind) => ({ kind, ids: results[kind].map((hit) => hit.id) }));
}
