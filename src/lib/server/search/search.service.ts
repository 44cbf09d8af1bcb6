/**
 * One search over clients, practitioners and agencies, local areas first.
 *
 * Per search: one small query computes the searcher's tiers as lists of area codes (my areas, my
 * districts, my states) and, when filtered, the chosen areas; then the three hand-written queries
 * in cypher/queries/search-*.cypher run side by side on the full-text indexes and rank by tier,
 * then relevance. Everything returned is a projected scalar; a client's team is never part of it
 * (only whether the searcher is on it).
 *
 * Bad input never throws: empty, one letter, pasted essays, Lucene syntax or emoji come back as
 * `message` with empty results, because the Lucene query is built from escaped words only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { extractDob, formatDob, type ParsedDob } from '../../search/dob.ts';
import { kindTermsInQuery } from '../../search/kinds.ts';
import {
  FOLD_PAIRS,
  buildLuceneQuery,
  matchTerms,
  queryProblem,
  requireAnyOf,
  searchTerms
} from '../../search/lucene.ts';
import {
  SEARCH_SCOPES,
  TIER_NAMES,
  emptyTierCounts,
  parseScope,
  type SearchScope,
  type TierCounts
} from '../../search/scope.ts';
import type {
  AgencyHit,
  AreaRef,
  ClientHit,
  PractitionerHit,
  SearchResults
} from '../../search/types.ts';
import { database, getDriver } from '../db/neo4j.ts';
import { cachedAreaFilter, cachedViewerTiers } from './search-cache.ts';

export { SEARCH_SCOPES, parseScope, type SearchScope, type TierCounts };
export type { AgencyHit, AreaRef, ClientHit, PractitionerHit, SearchResults };

/**
 * Read once at start-up (relative to the working directory, like the migrations). A line
 * `// @include <file>` is replaced by that file: the name-match step is shared by three queries.
 */
function loadQuery(name: string): string {
  const text = readFileSync(path.resolve(process.cwd(), 'cypher/queries', name), 'utf8');
  return text.replace(/^\/\/ @include (\S+\.cypher)$/gm, (_, included: string) =>
    loadQuery(included)
  );
}

const QUERIES = {
  viewerAreas: loadQuery('search-viewer-areas.cypher'),
  areaFilter: loadQuery('search-area-filter.cypher'),
  clients: loadQuery('search-clients.cypher'),
  practitioners: loadQuery('search-practitioners.cypher'),
  agencies: loadQuery('search-agencies.cypher')
};

export const SEARCH_LIMITS = {
  defaultLimit: 10,
  maxLimit: 50,
  /** Full-text hits looked at per type before ranking by tier: the bound on every search. */
  candidates: 500,
  /**
   * Full-text hits looked at for a name with a date of birth: the date is checked after the name
   * search, and a common surname has thousands of holders at a million clients.
   */
  candidatesWithDob: 3_000,
  /** Rows of a date-of-birth-only search scanned (a year matches many people). */
  dobScan: 5_000,
  /** Council codes an area filter hands to Lucene; a larger filter is applied in Cypher only. */
  luceneAreaCodes: 500,
  /** Agencies whose staff are listed when a search matches an agency name. */
  agencies: 5,
  perAgency: 25,
  /** Area filters accepted in one search. */
  maxAreas: 10,
  /** Neo4j stops a search running longer than this. */
  timeoutMs: 5_000
} as const;

export type SearchType = 'clients' | 'practitioners' | 'agencies';

export interface SearchInput {
  q: string;
  scope?: string | null;
  /** Area codes (council, district or state) to narrow to. */
  areas?: readonly string[] | null;
  /** Per type; 1..50, default 10. */
  limit?: number | null;
  types?: readonly SearchType[];
}

interface Tiers {
  tier0: string[];
  tier1: string[];
  tier2: string[];
  hasAreas: boolean;
}

interface AreaFilter {
  chosen: AreaRef[];
  within: string[];
  above: string[];
}

interface TypeResult<H> {
  hits: H[];
  tiers: TierCounts;
  capped: boolean;
}

/** Neo4j stopped the transaction at its timeout. */
function isTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.includes('TransactionTimedOut');
}

const MAX_TIER: Record<SearchScope, number> = { mine: 0, district: 1, state: 2, all: 3 };

function clampLimit(limit: number | null | undefined): number {
  if (limit === null || limit === undefined || !Number.isFinite(limit)) {
    return SEARCH_LIMITS.defaultLimit;
  }
  return Math.min(SEARCH_LIMITS.maxLimit, Math.max(1, Math.trunc(limit)));
}

/** Area codes as typed into a URL: trimmed, deduplicated, bounded, only code-like strings. */
export function cleanAreaCodes(codes: readonly string[] | null | undefined): string[] {
  const clean = new Set<string>();
  for (const raw of codes ?? []) {
    const code = raw.trim();
    if (/^[A-Za-z0-9-]{1,40}$/.test(code)) clean.add(code);
    if (clean.size === SEARCH_LIMITS.maxAreas) break;
  }
  return [...clean];
}

function dobRange(dob: ParsedDob | null): { dobFrom: string | null; dobTo: string | null } {
  if (!dob) return { dobFrom: null, dobTo: null };
  if (dob.kind === 'date') return { dobFrom: dob.date, dobTo: dob.date };
  return { dobFrom: `${dob.year}-01-01`, dobTo: `${dob.year}-12-31` };
}

/**
 * The client name query, narrowed to the filtered council areas inside Lucene so the candidates
 * are local ones (the Cypher filter still applies, and alone covers a very large filter).
 */
function clientLucene(lucene: string | null, within: string[] | null): string | null {
  if (!lucene || !within || within.length > SEARCH_LIMITS.luceneAreaCodes) return lucene;
  const area = requireAnyOf('councilCode', within);
  return area ? `${lucene} ${area}` : lucene;
}

function tierCounts(raw: unknown): TierCounts {
  const list = Array.isArray(raw) ? raw.map((n) => Number(n) || 0) : [];
  const counts = emptyTierCounts();
  TIER_NAMES.forEach((name, i) => {
    counts[name] = list[i] ?? 0;
  });
  return counts;
}

function emptyResults(q: string, scope: SearchScope, message: string | null): SearchResults {
  return {
    q,
    message,
    dob: null,
    scope,
    areas: [],
    viewerHasAreas: false,
    clients: [],
    practitioners: [],
    agencies: [],
    clientTiers: emptyTierCounts(),
    practitionerTiers: emptyTierCounts(),
    agencyTiers: emptyTierCounts(),
    capped: false
  };
}

export class SearchService {
  constructor(
    private readonly driver: Driver = getDriver(),
    private readonly db: string = database()
  ) {}

  private async read<T>(query: string, params: Record<string, unknown>, viewerId: string) {
    const { records } = await this.driver.executeQuery(query, params, {
      database: this.db,
      routing: 'READ',
      transactionConfig: {
        timeout: SEARCH_LIMITS.timeoutMs,
        metadata: { app: 'teamaround-search', viewer: viewerId }
      }
    });
    return records.map((r) => r.toObject() as T);
  }

  /** The searcher's tiers as code lists (see search-viewer-areas.cypher). */
  viewerTiers(viewerId: string): Promise<Tiers> {
    return cachedViewerTiers(viewerId, async () => {
      const [row] = await this.read<Tiers>(QUERIES.viewerAreas, { viewerId }, viewerId);
      return row ?? { tier0: [], tier1: [], tier2: [], hasAreas: false };
    });
  }

  async areaFilter(viewerId: string, codes: string[]): Promise<AreaFilter> {
    if (codes.length === 0) return { chosen: [], within: [], above: [] };
    return cachedAreaFilter(codes, async () => {
      const [row] = await this.read<AreaFilter>(QUERIES.areaFilter, { codes }, viewerId);
      return row ?? { chosen: [], within: [], above: [] };
    });
  }

  async search(viewerId: string, input: SearchInput): Promise<SearchResults> {
    const q = typeof input.q === 'string' ? input.q : '';
    const scope = parseScope(input.scope);
    const limit = clampLimit(input.limit);
    const types = new Set<SearchType>(input.types ?? ['clients', 'practitioners', 'agencies']);
    // Echo a bounded query: a pasted essay is not worth sending back.
    const shownQ = q.trim().slice(0, 200);

    const problem = queryProblem(q);
    if (problem) return emptyResults(shownQ, scope, problem);

    const { dob, rest } = extractDob(q);
    const lucene = buildLuceneQuery(rest);
    if (!lucene && !dob) {
      return emptyResults(shownQ, scope, queryProblem(rest) ?? 'Type at least 2 letters.');
    }
    // A one-letter name part with a date of birth is fine ("j 12/03/2015"); alone it is not.
    if (lucene && !dob && searchTerms(rest).join('').length < 2) {
      return emptyResults(shownQ, scope, 'Type at least 2 letters.');
    }

    const codes = cleanAreaCodes(input.areas);
    const [tiers, filter] = await Promise.all([
      this.viewerTiers(viewerId),
      this.areaFilter(viewerId, codes)
    ]);
    const results = emptyResults(shownQ, scope, null);
    results.dob = dob ? formatDob(dob) : null;
    results.viewerHasAreas = tiers.hasAreas;
    results.areas = filter.chosen;
    if (codes.length > 0 && filter.chosen.length === 0) {
      results.message = 'That area is not known. Remove the area filter to search everywhere.';
      return results;
    }

    const common = {
      viewerId,
      lucene,
      tier0: tiers.tier0,
      tier1: tiers.tier1,
      tier2: tiers.tier2,
      within: codes.length > 0 ? filter.within : null,
      above: filter.above,
      maxTier: MAX_TIER[scope],
      limit,
      candidates: SEARCH_LIMITS.candidates,
      // For search-name-match.cypher: the words as typed, and how to fold names like them.
      matchTerms: matchTerms(rest),
      folds: FOLD_PAIRS
    };

    type Row<H> = { tierCounts: unknown; capped: boolean; hits: H[] };
    const none = <H>(): TypeResult<H> => ({ hits: [], tiers: emptyTierCounts(), capped: false });
    let timedOut = false;
    const run = async <H>(
      query: string,
      params: Record<string, unknown>
    ): Promise<TypeResult<H>> => {
      try {
        const [row] = await this.read<Row<H>>(query, { ...common, ...params }, viewerId);
        return {
          hits: row?.hits ?? [],
          tiers: tierCounts(row?.tierCounts),
          capped: Boolean(row?.capped)
        };
      } catch (error) {
        // A search stopped by the timeout (a very busy server) is answered, not failed: the other
        // types still show and the searcher is told to narrow the search.
        if (!isTimeout(error)) throw error;
        timedOut = true;
        return none<H>();
      }
    };

    const kindTerms = kindTermsInQuery(rest);
    const [clients, practitioners, agencies] = await Promise.all([
      types.has('clients')
        ? run<ClientHit>(QUERIES.clients, {
            ...dobRange(dob),
            lucene: clientLucene(lucene, common.within),
            candidates: dob ? SEARCH_LIMITS.candidatesWithDob : SEARCH_LIMITS.candidates,
            scanLimit: SEARCH_LIMITS.dobScan
          })
        : none<ClientHit>(),
      // People and agencies have no date of birth: a date alone searches clients only.
      types.has('practitioners') && lucene
        ? run<PractitionerHit>(QUERIES.practitioners, {
            agencyLimit: SEARCH_LIMITS.agencies,
            perAgency: SEARCH_LIMITS.perAgency
          })
        : none<PractitionerHit>(),
      types.has('agencies') && lucene && !dob
        ? run<AgencyHit>(QUERIES.agencies, {
            // "police albury" is a kind and a place, not a name: the kind and place branches
            // find it, while a name needs every word (a typo in one word no longer brings up
            // every agency whose town is one letter away).
            kinds: Object.keys(kindTerms),
            kindTerms,
            text: searchTerms(rest).join(' ')
          })
        : none<AgencyHit>()
    ]);

    results.clients = clients.hits;
    results.practitioners = practitioners.hits;
    results.agencies = agencies.hits;
    results.clientTiers = clients.tiers;
    results.practitionerTiers = practitioners.tiers;
    results.agencyTiers = agencies.tiers;
    results.capped = clients.capped || practitioners.capped || agencies.capped;
    if (timedOut) {
      results.message =
        'The search took too long. Try again, or add a date of birth or an area to narrow it.';
    }
    return results;
  }
}

let shared: SearchService | undefined;

/** The process's search service on the shared driver. */
export function searchService(): SearchService {
  shared ??= new SearchService();
  return shared;
}

/** Searches as `viewerId`: the function pages, GraphQL and the benchmark call. */
export function search(viewerId: string, input: SearchInput): Promise<SearchResults> {
  return searchService().search(viewerId, input);
}
