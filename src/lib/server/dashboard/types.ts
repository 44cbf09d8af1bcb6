/**
 * What the dashboard reads from Neo4j (rows of codes and epoch milliseconds, never a client's name
 * or id) and what a snapshot keeps (raw counts: suppression happens on the way out, in present.ts).
 */
import type { FigureKey, Figures } from '../../dashboard/figures.ts';
import type { Period } from '../../dashboard/period.ts';

export type AreaLevel = 'STATE' | 'DISTRICT' | 'COUNCIL';

/** `ALL` is the admins' "everywhere": its children are the states. */
export const ROOT_CODE = 'ALL';

export interface AreaRef {
  code: string;
  name: string;
  level: AreaLevel | 'ALL';
}

export interface AreaTree {
  area: AreaRef;
  /** From the top down, the area itself not included. */
  ancestors: AreaRef[];
  /** The areas directly within it, by name. */
  children: AreaRef[];
  /** Council codes within it (the area itself when it is a council). */
  councils: string[];
  /** Council areas within it with their names, for the stalled-growth list. */
  councilAreas: AreaRef[];
  /** The area and every area within it: what an agency may SERVE to count here. */
  subtree: string[];
  /** Any area within it -> the child of the area it lies in (a child maps to itself). */
  childOf: Map<string, string>;
}

export interface MemberRow {
  practitioner: string;
  agency: string | null;
  since: number | null;
  until: number | null;
  lead: boolean;
  restricted: boolean;
  /** lastConfirmedAt, or since when never confirmed (as the alerts' stale rule reads it). */
  confirmedAt: number | null;
}

export interface ClientRow {
  council: string;
  createdAt: number | null;
  members: MemberRow[];
  attentions: { createdAt: number | null; resolvedAt: number | null }[];
  /** Circle links, each reported by exactly one client of the area; `other` is the far end's council. */
  links: { since: number | null; other: string | null }[];
}

export interface AgencyRow {
  id: string;
  name: string;
  kind: string;
  createdAt: number | null;
  /** Codes of the areas (within the selected one) it serves. */
  served: string[];
  /** Its active practitioners. */
  practitioners: { id: string; createdAt: number | null }[];
}

export interface AreaRows {
  clients: ClientRow[];
  agencies: AgencyRow[];
}

export interface AgencyRef {
  id: string;
  name: string;
  kind: string;
}

export interface BreakdownFigures {
  area: AreaRef;
  now: Figures;
  /** At the start of each period. */
  at: Record<Period, Figures>;
}

export interface GapCounts {
  /** Clients whose team has exactly one current member. */
  oneWorker: number;
  /** Teams (clients with current members) with no current lead professional. */
  noLead: number;
  /** Current memberships not confirmed for 6 months. */
  stale: number;
}

export interface GapFigures extends GapCounts {
  byArea: ({ area: AreaRef } & GapCounts)[];
  /** Agencies serving the area with no active practitioner (the first LIST_LIMIT by name). */
  idleAgencies: AgencyRef[];
  idleAgencyCount: number;
  /** Council areas with no new membership in the last 8 weeks (the first LIST_LIMIT by name). */
  stalled: { area: AreaRef; everHad: boolean }[];
  stalledCount: number;
}

export interface CollaborationFigures {
  /** Agencies of current (not restricted) members of the area's teams; size = such members. */
  nodes: (AgencyRef & { practitioners: number })[];
  /** Agency pairs sharing clients; weight = clients shared. */
  edges: { source: string; target: string; weight: number }[];
  totalNodes: number;
  totalEdges: number;
}

export interface SnapshotFigures {
  version: 1;
  area: AreaRef;
  /** When it was computed (ISO). */
  asOf: string;
  /** The 53 week starts the series are read at (ISO days), oldest first; `asOf` follows them. */
  weeks: string[];
  /** Each figure at every week start and then at asOf (54 values). */
  series: Record<FigureKey, number[]>;
  /** Memberships begun in each week (the last one up to asOf). */
  newMemberships: number[];
  breakdown: BreakdownFigures[];
  gaps: GapFigures;
  collaboration: CollaborationFigures;
}

export interface StoredSnapshot {
  id: string;
  areaCode: string;
  weekStart: string;
  computedAt: string;
  figures: SnapshotFigures;
}
