/**
 * Raw figures -> what leaves the server. Pure. Every count passes through suppress() and every
 * change through suppressChange() here, and only here, so the page, the CSV exports and GraphQL
 * can only show what this returns.
 */
import {
  FIGURE_HELP,
  FIGURE_KEYS,
  FIGURE_LABELS,
  emptyFigures,
  type Figures
} from '../../dashboard/figures.ts';
import { MAX_WEEKS, PERIOD_LABELS, periodWeeks, type Period } from '../../dashboard/period.ts';
import { suppress, suppressChange } from '../../dashboard/suppress.ts';
import type {
  AreaView,
  BreakdownRowView,
  DashboardView,
  GapsView,
  MapView,
  SeriesView
} from '../../dashboard/view.ts';
import { LIMITS } from './limits.ts';
import type { AreaRef, SnapshotFigures } from './types.ts';

export interface PresentInput {
  area: AreaRef;
  breadcrumbs: AreaRef[];
  myAreas: AreaRef[];
  period: Period;
  /** Where the period starts when there is no snapshot yet (else the snapshot's week says). */
  periodStart: Date;
  /** Null while "everywhere" waits for its first snapshot. */
  snapshot: SnapshotFigures | null;
  /** Children to list (names only) when there is no snapshot yet. */
  children: AreaRef[];
  canRefresh: boolean;
}

const area = ({ code, name, level }: AreaRef): AreaView => ({ code, name, level });

const LEVEL_PLURAL: Record<string, string> = {
  STATE: 'states',
  DISTRICT: 'districts',
  COUNCIL: 'council areas'
};

function breakdownLabel(children: AreaRef[]): string | null {
  const levels = new Set(children.map((c) => c.level));
  if (levels.size === 0) return null;
  const [only] = levels;
  return levels.size === 1 && only ? (LEVEL_PLURAL[only] ?? 'areas') : 'areas';
}

function at(values: readonly number[], index: number): number {
  return values[index] ?? 0;
}

function headline(input: PresentInput): { now: Figures; then: Figures } {
  const s = input.snapshot;
  const now = emptyFigures();
  const then = emptyFigures();
  if (s) {
    const start = MAX_WEEKS - periodWeeks(input.period);
    for (const key of FIGURE_KEYS) {
      now[key] = at(s.series[key], s.series[key].length - 1);
      then[key] = at(s.series[key], start);
    }
  }
  return { now, then };
}

function series(s: SnapshotFigures, period: Period): SeriesView[] {
  const start = MAX_WEEKS - periodWeeks(period);
  const weeks = s.weeks.slice(start);
  const labels = [...weeks, s.asOf];
  const totals: SeriesView[] = FIGURE_KEYS.map((key) => ({
    key,
    label: FIGURE_LABELS[key],
    kind: 'total',
    points: s.series[key].slice(start).map((v, i) => ({ at: labels[i] ?? '', value: suppress(v) }))
  }));
  const weekly: SeriesView = {
    key: 'newMemberships',
    label: 'New memberships per week',
    kind: 'weekly',
    points: s.newMemberships
      .slice(start)
      .map((v, i) => ({ at: weeks[i] ?? '', value: suppress(v) }))
  };
  return [...totals, weekly];
}

function breakdown(
  s: SnapshotFigures | null,
  children: AreaRef[],
  period: Period
): BreakdownRowView[] {
  if (!s) {
    // Names only until the first snapshot: every count unknown, shown as such.
    return children.map((c) => ({
      ...area(c),
      ...(Object.fromEntries(FIGURE_KEYS.map((k) => [k, '…'])) as Record<
        (typeof FIGURE_KEYS)[number],
        string
      >),
      membershipsChange: '…'
    }));
  }
  return s.breakdown.map((row) => {
    const then = row.at[period];
    const shown = Object.fromEntries(FIGURE_KEYS.map((k) => [k, suppress(row.now[k])])) as Record<
      (typeof FIGURE_KEYS)[number],
      string
    >;
    return {
      ...area(row.area),
      ...shown,
      membershipsChange: suppressChange(row.now.memberships, then.memberships)
    };
  });
}

function gaps(s: SnapshotFigures | null): GapsView {
  if (!s) {
    return {
      oneWorker: '…',
      noLead: '…',
      stale: '…',
      idleAgencies: '…',
      stalledAreas: '…',
      byArea: [],
      idleAgencyList: [],
      stalledAreaList: [],
      listLimit: LIMITS.list
    };
  }
  const g = s.gaps;
  return {
    oneWorker: suppress(g.oneWorker),
    noLead: suppress(g.noLead),
    stale: suppress(g.stale),
    idleAgencies: suppress(g.idleAgencyCount),
    stalledAreas: suppress(g.stalledCount),
    byArea: g.byArea.map((row) => ({
      ...area(row.area),
      oneWorker: suppress(row.oneWorker),
      noLead: suppress(row.noLead),
      stale: suppress(row.stale)
    })),
    idleAgencyList: g.idleAgencies.map(({ id, name, kind }) => ({ id, name, kind })),
    stalledAreaList: g.stalled.map((row) => ({ ...area(row.area), everHad: row.everHad })),
    listLimit: LIMITS.list
  };
}

function map(s: SnapshotFigures | null): MapView {
  if (!s) return { nodes: [], edges: [], totalNodes: '0', totalEdges: '0' };
  const c = s.collaboration;
  const names = new Map(c.nodes.map((n) => [n.id, n.name]));
  return {
    nodes: c.nodes.map((n) => ({
      id: n.id,
      name: n.name,
      kind: n.kind,
      practitioners: suppress(n.practitioners)
    })),
    edges: c.edges.map((e) => ({
      source: e.source,
      target: e.target,
      sourceName: names.get(e.source) ?? '',
      targetName: names.get(e.target) ?? '',
      sharedClients: suppress(e.weight)
    })),
    totalNodes: suppress(c.totalNodes),
    totalEdges: suppress(c.totalEdges)
  };
}

export function presentDashboard(input: PresentInput): DashboardView {
  const s = input.snapshot;
  const { now, then } = headline(input);
  const asOf = s?.asOf ?? new Date(0).toISOString();
  const children = s ? s.breakdown.map((r) => r.area) : input.children;
  return {
    area: area(input.area),
    breadcrumbs: input.breadcrumbs.map(area),
    myAreas: input.myAreas.map(area),
    period: input.period,
    periodLabel: PERIOD_LABELS[input.period],
    periodStart: s
      ? new Date(s.weeks[MAX_WEEKS - periodWeeks(input.period)] ?? s.asOf).toISOString()
      : input.periodStart.toISOString(),
    asOf,
    pending: s === null,
    figures: FIGURE_KEYS.map((key) => ({
      key,
      label: FIGURE_LABELS[key],
      help: FIGURE_HELP[key],
      value: s ? suppress(now[key]) : '…',
      then: s ? suppress(then[key]) : '…',
      change: s ? suppressChange(now[key], then[key]) : '…'
    })),
    series: s ? series(s, input.period) : [],
    breakdownLabel: breakdownLabel(children),
    breakdown: breakdown(s, children, input.period),
    gaps: gaps(s),
    map: map(s),
    canRefresh: input.canRefresh
  };
}
