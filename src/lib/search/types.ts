/**
 * What a search answers, as the service returns it and GraphQL (graph/commands/search.graphql)
 * and the pages see it. Pure types, shared by server and browser code.
 */
import type { SearchScope, TierCounts } from './scope.ts';

export interface ClientHit {
  id: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  /** ISO date (`2015-03-12`) or null. */
  dob: string | null;
  councilCode: string | null;
  councilName: string | null;
  viewerIsMember: boolean;
  tier: number;
  /** 0 a whole name, 1 every word, 2 every word or its start, 3 similar (search-name-match.cypher). */
  match: number;
  score: number;
}

export interface PractitionerHit {
  id: string;
  name: string;
  jobTitle: string | null;
  agencyId: string | null;
  agencyName: string | null;
  agencyKind: string | null;
  /** Up to four of the areas they cover. */
  areaNames: string[];
  areaCount: number;
  tier: number;
  /** 0 a whole name, 1 every word, 2 every word or its start, 3 similar (search-name-match.cypher). */
  match: number;
  score: number;
}

export interface AgencyHit {
  id: string;
  name: string;
  kind: string;
  sensitive: boolean;
  phone: string | null;
  dutyPhone: string | null;
  areaNames: string[];
  areaCount: number;
  tier: number;
  /** 0 a whole name, 1 every word, 2 every word or its start, 3 similar (search-name-match.cypher). */
  match: number;
  score: number;
}

export interface AreaRef {
  code: string;
  name: string;
  level: string;
}

export interface SearchResults {
  q: string;
  /** Why nothing was searched (too short, no letters, unknown area), for the searcher. */
  message: string | null;
  /** The date of birth understood from the query, as dd/mm/yyyy or a year. */
  dob: string | null;
  scope: SearchScope;
  /** The area filters in force, with names. */
  areas: AreaRef[];
  /** false: the searcher covers no areas yet, so every result is "everywhere". */
  viewerHasAreas: boolean;
  clients: ClientHit[];
  practitioners: PractitionerHit[];
  agencies: AgencyHit[];
  /** Results per tier before the scope cut: what the chips offer. */
  clientTiers: TierCounts;
  practitionerTiers: TierCounts;
  agencyTiers: TierCounts;
  /** Some type had more matches than were looked at: the counts are lower bounds. */
  capped: boolean;
}
