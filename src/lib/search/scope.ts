/**
 * Search scopes and tiers, shared by the server (ranking) and the pages (chips, headings, links).
 * Tier 0 is the searcher's own council areas, 1 the rest of their districts, 2 the rest of their
 * states, 3 everywhere else. A scope keeps the tiers up to its own.
 */
import { plural } from './format.ts';
import type { SearchResults } from './types.ts';

export const SEARCH_SCOPES = ['mine', 'district', 'state', 'all'] as const;
export type SearchScope = (typeof SEARCH_SCOPES)[number];

export const TIER_NAMES = ['mine', 'district', 'state', 'rest'] as const;
export type TierName = (typeof TIER_NAMES)[number];
export type TierCounts = Record<TierName, number>;

export function emptyTierCounts(): TierCounts {
  return { mine: 0, district: 0, state: 0, rest: 0 };
}

/** Unknown or missing scopes search everywhere (still local first). */
export function parseScope(value: string | null | undefined): SearchScope {
  return (SEARCH_SCOPES as readonly string[]).includes(value ?? '')
    ? (value as SearchScope)
    : 'all';
}

export const SCOPE_LABELS: Record<SearchScope, string> = {
  mine: 'My areas',
  district: 'My districts',
  state: 'My state',
  all: 'Everywhere'
};

/** Headings for the groups of results, by tier. */
export const TIER_LABELS: Record<TierName, string> = {
  mine: 'In your areas',
  district: 'Elsewhere in your districts',
  state: 'Elsewhere in your state',
  rest: 'Everywhere else'
};

export function tierName(tier: number): TierName {
  return TIER_NAMES[Math.min(3, Math.max(0, Math.trunc(tier)))] ?? 'rest';
}

/** How many results a scope shows: the tiers up to it. */
export function countInScope(counts: TierCounts, scope: SearchScope): number {
  const upTo = SEARCH_SCOPES.indexOf(scope);
  return TIER_NAMES.slice(0, upTo + 1).reduce((sum, name) => sum + counts[name], 0);
}

type Counted = Pick<
  SearchResults,
  'clients' | 'practitioners' | 'agencies' | 'clientTiers' | 'practitionerTiers' | 'agencyTiers'
>;

/** Each kind of result with its tier counts and its words, in the order the counts are written. */
const KINDS = [
  { hits: 'clients', tiers: 'clientTiers', one: 'client', many: 'clients' },
  { hits: 'practitioners', tiers: 'practitionerTiers', one: 'practitioner', many: 'practitioners' },
  { hits: 'agencies', tiers: 'agencyTiers', one: 'agency', many: 'agencies' }
] as const;

/**
 * What a scope chip counts, kind by kind ("3 clients, 12 agencies"; "none"): never clients,
 * practitioners and agencies added into one number beside lists that count them apart.
 */
export function foundText(results: Counted, scope: SearchScope): string {
  const parts = KINDS.map((k) => ({ k, n: countInScope(results[k.tiers], scope) }))
    .filter(({ n }) => n > 0)
    .map(({ k, n }) => plural(n, k.one, k.many));
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/**
 * What the lists show, kind by kind, and how many were found when that is more than are shown
 * ("20 of 132 agencies"), so the summary and the chip of the scope in force agree.
 */
export function shownText(results: Counted, scope: SearchScope): string[] {
  return KINDS.map((k) => {
    const shown = results[k.hits].length;
    const found = countInScope(results[k.tiers], scope);
    return found > shown
      ? `${shown} of ${plural(found, k.one, k.many)}`
      : plural(shown, k.one, k.many);
  });
}

/** `/search?q=…&scope=…&area=…`, the bookmarkable address of a search. */
export function searchHref(
  q: string,
  scope: SearchScope = 'all',
  areas: readonly string[] = []
): string {
  const params = new URLSearchParams();
  params.set('q', q);
  if (scope !== 'all') params.set('scope', scope);
  for (const code of areas) params.append('area', code);
  return `/search?${params.toString()}`;
}
