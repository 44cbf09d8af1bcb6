/**
 * What the network queries answer (graph/commands/network.graphql), shared by the resolvers, the
 * pages' loads and the browser code. Plain data: no Cytoscape types here.
 */

/**
 * A team entry as Query.neighbourhood answers it: a practitioner's id, or (masked: the team's
 * restricted members, one entry per team) nothing else at all (DESIGN.md rule 3).
 */
export interface NeighbourhoodTeamEntry {
  masked: boolean;
  restricted: boolean;
  lead: boolean;
  isViewer: boolean;
  practitionerId?: string | null;
}

/** A team member as the network may show them; masked entries carry only their flags. */
export interface NetworkTeamMember extends NeighbourhoodTeamEntry {
  /** The agency's duty line of a named member. */
  dutyPhone?: string | null;
  name?: string | null;
  jobTitle?: string | null;
  phone?: string | null;
  email?: string | null;
  agencyId?: string | null;
  agencyName?: string | null;
  agencyKind?: string | null;
  agencyPhone?: string | null;
}

export interface NetworkPerson {
  clientId: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  distance: number;
  viewerIsMember: boolean;
  team: NetworkTeamMember[];
}

export type CircleKind = 'FAMILY' | 'HOUSEHOLD' | 'SIGNIFICANT';

export interface NetworkLink {
  fromId: string;
  toId: string;
  kind: string;
  /** What `fromId` is to `toId`. */
  label: string | null;
  /** What `toId` is to `fromId`. */
  reciprocal: string | null;
}

export interface Neighbourhood {
  centreId: string;
  depth: number;
  truncated: boolean;
  people: NetworkPerson[];
  links: NetworkLink[];
}

export interface NeighbourhoodPractitioner {
  practitionerId: string;
  name: string;
  jobTitle: string | null;
  phone: string | null;
  email: string | null;
  agencyId: string | null;
}

export interface NeighbourhoodAgency {
  agencyId: string;
  name: string;
  kind: string | null;
  phone: string | null;
  dutyPhone: string | null;
}

/**
 * Query.neighbourhood's answer as it travels: practitioners and agencies once each, the teams
 * referring to them by id. `inflateNeighbourhood` (answer.ts) turns it into a `Neighbourhood`.
 */
export interface NeighbourhoodAnswer extends Omit<Neighbourhood, 'people'> {
  people: (Omit<NetworkPerson, 'team'> & { team: NeighbourhoodTeamEntry[] })[];
  practitioners: NeighbourhoodPractitioner[];
  agencies: NeighbourhoodAgency[];
}

export interface NetworkClient {
  clientId: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
}

export interface NetworkColleague extends NeighbourhoodPractitioner {
  agencyName: string | null;
  agencyKind: string | null;
  sharedClientIds: string[];
  sharedCount: number;
}

export interface MyNetwork {
  viewerId: string;
  viewerName: string | null;
  agencyId: string | null;
  agencyName: string | null;
  agencyKind: string | null;
  truncated: boolean;
  clients: NetworkClient[];
  colleagues: NetworkColleague[];
}
