/**
 * Computes an area's snapshot figures from scratch: the costly part of the dashboard (weekly series,
 * per-area breakdown, gaps, collaboration map), run by the weekly job, by an admin's refresh, or
 * once for an area nobody has looked at yet.
 */
import { FIGURE_KEYS, type Figures } from '../../dashboard/figures.ts';
import {
  MAX_WEEKS,
  PERIODS,
  WEEK_MS,
  isoDay,
  monthsBefore,
  periodWeeks,
  weekPoints,
  type Period
} from '../../dashboard/period.ts';
import { readAgencyNames, readAreaRows, type Db } from './fetch.ts';
import { LIMITS } from './limits.ts';
import {
  asOf,
  collaboration,
  councilActivity,
  figuresAt,
  gapCounts,
  linksOf,
  newMembershipsBetween,
  topCollaboration,
  type LinkRow
} from './fold.ts';
import type {
  AgencyRow,
  AreaRows,
  AreaTree,
  ClientRow,
  CollaborationFigures,
  GapFigures,
  SnapshotFigures
} from './types.ts';

interface Group {
  clients: ClientRow[];
  links: LinkRow[];
  agencies: AgencyRow[];
}

/** Splits the rows by the child of the area each lies in. */
function groupByChild(tree: AreaTree, rows: AreaRows): Map<string, Group> {
  const groups = new Map<string, Group>(
    tree.children.map((c) => [c.code, { clients: [], links: [], agencies: [] }])
  );
  for (const client of rows.clients) {
    const child = tree.childOf.get(client.council);
    const group = child === undefined ? undefined : groups.get(child);
    group?.clients.push(client);
    for (const link of client.links) {
      group?.links.push(link);
      // A link between two children counts in both.
      const other = link.other === null ? undefined : tree.childOf.get(link.other);
      if (other !== undefined && other !== child) groups.get(other)?.links.push(link);
    }
  }
  for (const agency of rows.agencies) {
    const children = new Set(agency.served.map((code) => tree.childOf.get(code)));
    for (const child of children) if (child !== undefined) groups.get(child)?.agencies.push(agency);
  }
  return groups;
}

function periodIndex(period: Period): number {
  return MAX_WEEKS - periodWeeks(period);
}

function gapFigures(
  tree: AreaTree,
  rows: AreaRows,
  groups: Map<string, Group>,
  now: number
): GapFigures {
  const staleBefore = monthsBefore(new Date(now), LIMITS.staleMonths).getTime();
  const idle = rows.agencies
    .filter((a) => a.practitioners.length === 0)
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const activity = councilActivity(rows.clients, now - LIMITS.stalledWeeks * WEEK_MS, now);
  const stalled = tree.councilAreas
    .map((area) => ({ area, activity: activity.get(area.code) }))
    .filter(({ activity }) => (activity?.recent ?? 0) === 0)
    .map(({ area, activity }) => ({ area, everHad: (activity?.ever ?? 0) > 0 }))
    // Where growth stopped comes before where it never began.
    .sort(
      (a, b) =>
        Number(b.everHad) - Number(a.everHad) || a.area.name.localeCompare(b.area.name, 'en')
    );
  return {
    ...gapCounts(rows.clients, now, staleBefore),
    byArea: tree.children.map((area) => ({
      area,
      ...gapCounts(groups.get(area.code)?.clients ?? [], now, staleBefore)
    })),
    idleAgencies: idle.slice(0, LIMITS.list).map(({ id, name, kind }) => ({ id, name, kind })),
    idleAgencyCount: idle.length,
    stalled: stalled.slice(0, LIMITS.list),
    stalledCount: stalled.length
  };
}

async function collaborationFigures(
  db: Db,
  rows: AreaRows,
  now: number
): Promise<CollaborationFigures> {
  const counts = collaboration(rows.clients, now);
  const top = topCollaboration(counts, LIMITS.mapEdges, LIMITS.mapNodes);
  const known = new Map(rows.agencies.map((a) => [a.id, { id: a.id, name: a.name, kind: a.kind }]));
  const missing = top.nodes.filter((id) => !known.has(id));
  for (const agency of await readAgencyNames(db, missing)) known.set(agency.id, agency);
  return {
    nodes: top.nodes.map((id) => ({
      ...(known.get(id) ?? { id, name: 'Unknown agency', kind: '' }),
      practitioners: counts.practitioners.get(id) ?? 0
    })),
    edges: top.edges,
    totalNodes: counts.practitioners.size,
    totalEdges: counts.shared.size
  };
}

/** The figures of a snapshot taken at `now`, from rows already read. */
export async function foldSnapshot(
  db: Db,
  tree: AreaTree,
  fetched: AreaRows,
  now: Date
): Promise<SnapshotFigures> {
  const at = now.getTime();
  const rows = asOf(fetched, at);
  const weeks = weekPoints(now, MAX_WEEKS);
  const times = [...weeks.map((w) => w.getTime()), at];
  const links = linksOf(rows.clients);
  const points = figuresAt(rows.clients, links, rows.agencies, times);
  const series = Object.fromEntries(
    FIGURE_KEYS.map((key) => [key, points.map((p) => p[key])])
  ) as SnapshotFigures['series'];

  const groups = groupByChild(tree, rows);
  const breakdownTimes = [at, ...PERIODS.map((p) => times[periodIndex(p)] as number)];
  const breakdown = tree.children.map((area) => {
    const group = groups.get(area.code) ?? { clients: [], links: [], agencies: [] };
    const [nowFigures, ...then] = figuresAt(
      group.clients,
      group.links,
      group.agencies,
      breakdownTimes
    );
    return {
      area,
      now: nowFigures as Figures,
      at: Object.fromEntries(PERIODS.map((p, i) => [p, then[i] as Figures])) as Record<
        Period,
        Figures
      >
    };
  });

  return {
    version: 1,
    area: tree.area,
    asOf: now.toISOString(),
    weeks: weeks.map(isoDay),
    series,
    newMemberships: newMembershipsBetween(rows.clients, times.slice(0, -1), at),
    breakdown,
    gaps: gapFigures(tree, rows, groups, at),
    collaboration: await collaborationFigures(db, rows, at)
  };
}

export async function computeSnapshot(
  db: Db,
  tree: AreaTree,
  now = new Date()
): Promise<SnapshotFigures> {
  return foldSnapshot(db, tree, await readAreaRows(db, tree), now);
}
