/**
 * The dashboard as every reader gets it (the page, the CSV exports, GraphQL `dashboard`): strings
 * only, every count already passed through suppress(). Nothing here can hold a raw count.
 */
import type { FigureKey } from './figures.ts';
import type { Period } from './period.ts';

export interface AreaView {
  code: string;
  name: string;
  /** STATE | DISTRICT | COUNCIL, or ALL for an admin's "everywhere". */
  level: string;
}

export interface FigureView {
  key: FigureKey;
  label: string;
  help: string;
  value: string;
  /** At the start of the period. */
  then: string;
  /** "+12", "-3", "0", or "n/a" when an end is below 5. */
  change: string;
}

export interface PointView {
  /** The week's start (ISO day), or the time figures were taken for the last point. */
  at: string;
  value: string;
}

export interface SeriesView {
  key: FigureKey | 'newMemberships';
  label: string;
  /** `total`: the figure at each week start and now (line chart); `weekly`: per week (bars). */
  kind: 'total' | 'weekly';
  points: PointView[];
}

export type BreakdownRowView = AreaView & Record<FigureKey | 'membershipsChange', string>;

export interface GapAreaView extends AreaView {
  oneWorker: string;
  noLead: string;
  stale: string;
}

export interface AgencyView {
  id: string;
  name: string;
  kind: string;
}

export interface StalledAreaView extends AreaView {
  /** False when the area never had a membership at all. */
  everHad: boolean;
}

export interface GapsView {
  oneWorker: string;
  noLead: string;
  stale: string;
  idleAgencies: string;
  stalledAreas: string;
  byArea: GapAreaView[];
  idleAgencyList: AgencyView[];
  stalledAreaList: StalledAreaView[];
  /** How many of each list are shown at most (the counts cover them all). */
  listLimit: number;
}

export interface MapNodeView extends AgencyView {
  practitioners: string;
}

export interface MapEdgeView {
  source: string;
  target: string;
  sourceName: string;
  targetName: string;
  sharedClients: string;
}

export interface MapView {
  nodes: MapNodeView[];
  edges: MapEdgeView[];
  totalNodes: string;
  totalEdges: string;
}

export interface DashboardView {
  area: AreaView;
  /** From the top down to the area's parent, within what the viewer may see. */
  breadcrumbs: AreaView[];
  /** A lead's own areas (the ones they LEAD). */
  myAreas: AreaView[];
  period: Period;
  periodLabel: string;
  /** ISO time the period starts (a week start). */
  periodStart: string;
  /** When the snapshot behind every figure was taken (ISO). */
  asOf: string;
  /** True while "everywhere" waits for its first snapshot (nothing but breakdown names then). */
  pending: boolean;
  figures: FigureView[];
  series: SeriesView[];
  /** What the breakdown rows are: "states", "districts", "council areas"; null for a council. */
  breakdownLabel: string | null;
  breakdown: BreakdownRowView[];
  gaps: GapsView;
  map: MapView;
  canRefresh: boolean;
}
