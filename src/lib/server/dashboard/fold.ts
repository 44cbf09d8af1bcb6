/**
 * The dashboard's arithmetic, pure: counts at given times from the rows fetch.ts reads; times are
 * epoch milliseconds. A thing exists at `t` when it began at or before `t` and had not ended by
 * `t`; a missing start counts as "always".
 */
import {
  FIGURE_KEYS,
  emptyFigures,
  type FigureKey,
  type Figures
} from '../../dashboard/figures.ts';
import type { AgencyRow, AreaRows, ClientRow, GapCounts, MemberRow } from './types.ts';

const began = (start: number | null, t: number) => start === null || start <= t;
const current = (m: MemberRow, t: number) => began(m.since, t) && (m.until === null || m.until > t);

export interface LinkRow {
  since: number | null;
}

/** Each client's links, once each (fetch.ts makes one client of the area report each link). */
export function linksOf(clients: readonly ClientRow[]): LinkRow[] {
  return clients.flatMap((c) => c.links);
}

/** Active practitioners of these agencies, each once (a practitioner has one current agency). */
function practitionerStarts(agencies: readonly AgencyRow[]): (number | null)[] {
  const starts = new Map<string, number | null>();
  for (const agency of agencies) {
    for (const p of agency.practitioners) starts.set(p.id, p.createdAt);
  }
  return [...starts.values()];
}

/** The first index of ascending `sorted` at or after `value` (0 for a missing start: "always"). */
export function firstAtOrAfter(sorted: readonly number[], value: number | null): number {
  if (value === null) return 0;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The seven headline figures at each of `times` (any order). Each row adds +1 over the range of
 * time points it covers (a difference array), so the cost is rows x log(times), not rows x times:
 * a year of weekly points costs little more than one.
 */
export function figuresAt(
  clients: readonly ClientRow[],
  links: readonly LinkRow[],
  agencies: readonly AgencyRow[],
  times: readonly number[]
): Figures[] {
  const order = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t);
  const sorted = order.map((o) => o.t);
  const n = sorted.length;
  const diff = Object.fromEntries(FIGURE_KEYS.map((k) => [k, new Int32Array(n + 1)])) as Record<
    FigureKey,
    Int32Array
  >;
  // Counted at every point from its start (inclusive) until its end (exclusive).
  const range = (key: FigureKey, from: number, to: number) => {
    if (from >= to) return;
    const d = diff[key];
    d[from] = (d[from] ?? 0) + 1;
    d[to] = (d[to] ?? 0) - 1;
  };
  const span = (start: number | null, end: number | null): [number, number] => [
    firstAtOrAfter(sorted, start),
    end === null ? n : firstAtOrAfter(sorted, end)
  ];
  for (const c of clients) {
    range('clients', ...span(c.createdAt, null));
    const spans: [number, number][] = [];
    for (const m of c.members) {
      const s = span(m.since, m.until);
      range('memberships', ...s);
      if (s[0] < s[1]) spans.push(s);
    }
    // A team is active while any member is current: the union of its members' spans.
    spans.sort((a, b) => a[0] - b[0]);
    let open: [number, number] | undefined;
    for (const s of spans) {
      if (open && s[0] <= open[1]) open[1] = Math.max(open[1], s[1]);
      else {
        if (open) range('activeTeams', ...open);
        open = [s[0], s[1]];
      }
    }
    if (open) range('activeTeams', ...open);
    for (const a of c.attentions) range('openAttentions', ...span(a.createdAt, a.resolvedAt));
  }
  for (const l of links) range('circleLinks', ...span(l.since, null));
  for (const a of agencies) range('agencies', ...span(a.createdAt, null));
  for (const start of practitionerStarts(agencies)) range('practitioners', ...span(start, null));

  const result: Figures[] = times.map(() => emptyFigures());
  const running = emptyFigures();
  order.forEach(({ i }, k) => {
    const out = result[i] as Figures;
    for (const key of FIGURE_KEYS) {
      running[key] += diff[key][k] ?? 0;
      out[key] = running[key];
    }
  });
  return result;
}

/** Memberships begun in each [times[i], times[i + 1]) (ascending; the last up to and including `end`). */
export function newMembershipsBetween(
  clients: readonly ClientRow[],
  times: readonly number[],
  end: number
): number[] {
  const counts = times.map(() => 0);
  for (const c of clients) {
    for (const m of c.members) {
      if (m.since === null || m.since > end) continue;
      // The last week start at or before `since`.
      const i = firstAtOrAfter(times, m.since + 1) - 1;
      if (i >= 0) counts[i] = (counts[i] ?? 0) + 1;
    }
  }
  return counts;
}

/** Gaps at `now`: one-worker clients, teams with no lead, memberships unconfirmed since `staleBefore`. */
export function gapCounts(
  clients: readonly ClientRow[],
  now: number,
  staleBefore: number
): GapCounts {
  const gaps: GapCounts = { oneWorker: 0, noLead: 0, stale: 0 };
  for (const c of clients) {
    const members = c.members.filter((m) => current(m, now));
    const people = new Set(members.map((m) => m.practitioner));
    if (people.size === 1) gaps.oneWorker++;
    if (members.length > 0 && !members.some((m) => m.lead)) gaps.noLead++;
    for (const m of members) {
      if (m.confirmedAt !== null && m.confirmedAt < staleBefore) gaps.stale++;
    }
  }
  return gaps;
}

/** Per council: memberships begun since `from` (up to `now`), and whether there ever was one. */
export function councilActivity(
  clients: readonly ClientRow[],
  from: number,
  now: number
): Map<string, { recent: number; ever: number }> {
  const activity = new Map<string, { recent: number; ever: number }>();
  for (const c of clients) {
    const entry = activity.get(c.council) ?? { recent: 0, ever: 0 };
    for (const m of c.members) {
      if (m.since !== null && m.since > now) continue;
      entry.ever++;
      if (m.since !== null && m.since >= from) entry.recent++;
    }
    activity.set(c.council, entry);
  }
  return activity;
}

export interface CollaborationCounts {
  /** Agency id -> practitioners of it currently (and not restricted) on the area's teams. */
  practitioners: Map<string, number>;
  /** "a|b" (a < b) -> clients whose current team includes both agencies. */
  shared: Map<string, number>;
}

/**
 * Agencies linked by shared clients. Restricted memberships are left out: the team itself is not
 * told which sensitive service is involved (DESIGN.md rule 3), so neither is the map.
 */
export function collaboration(clients: readonly ClientRow[], now: number): CollaborationCounts {
  const people = new Map<string, Set<string>>();
  const shared = new Map<string, number>();
  for (const c of clients) {
    const agencies = new Set<string>();
    for (const m of c.members) {
      if (m.restricted || m.agency === null || !current(m, now)) continue;
      agencies.add(m.agency);
      const set = people.get(m.agency) ?? new Set<string>();
      set.add(m.practitioner);
      people.set(m.agency, set);
    }
    const list = [...agencies].sort();
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const key = `${list[i]}|${list[j]}`;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
    }
  }
  return {
    practitioners: new Map([...people].map(([id, set]) => [id, set.size])),
    shared
  };
}

/** The strongest links whose agencies fit in `maxNodes`, then the busiest agencies left alone. */
export function topCollaboration(
  counts: CollaborationCounts,
  maxEdges: number,
  maxNodes: number
): { nodes: string[]; edges: { source: string; target: string; weight: number }[] } {
  const edges = [...counts.shared]
    .map(([key, weight]) => {
      const [source = '', target = ''] = key.split('|');
      return { source, target, weight };
    })
    .sort(
      (a, b) =>
        b.weight - a.weight || a.source.localeCompare(b.source) || a.target.localeCompare(b.target)
    );
  const nodes = new Set<string>();
  const kept: typeof edges = [];
  for (const edge of edges) {
    if (kept.length >= maxEdges) break;
    const adds = (nodes.has(edge.source) ? 0 : 1) + (nodes.has(edge.target) ? 0 : 1);
    if (nodes.size + adds > maxNodes) continue;
    nodes.add(edge.source);
    nodes.add(edge.target);
    kept.push(edge);
  }
  const busiest = [...counts.practitioners].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [id] of busiest) {
    if (nodes.size >= maxNodes) break;
    nodes.add(id);
  }
  return { nodes: [...nodes], edges: kept };
}

const clamp = (t: number | null, now: number) => (t !== null && t > now ? now : t);

/**
 * The rows as they stand at `now`: whatever has begun has begun by now, and a membership with an
 * `until` has ended by now (DESIGN.md: current means `until IS NULL`), even when a clock or the
 * demo data put the time a moment ahead. Counts at `now` then equal plain Cypher counts.
 */
export function asOf(rows: AreaRows, now: number): AreaRows {
  return {
    clients: rows.clients.map((c) => ({
      ...c,
      createdAt: clamp(c.createdAt, now),
      members: c.members.map((m) => ({
        ...m,
        since: clamp(m.since, now),
        until: clamp(m.until, now),
        confirmedAt: clamp(m.confirmedAt, now)
      })),
      attentions: c.attentions.map((a) => ({
        createdAt: clamp(a.createdAt, now),
        resolvedAt: clamp(a.resolvedAt, now)
      })),
      links: c.links.map((l) => ({ ...l, since: clamp(l.since, now) }))
    })),
    agencies: rows.agencies.map((a) => ({
      ...a,
      createdAt: clamp(a.createdAt, now),
      practitioners: a.practitioners.map((p) => ({ ...p, createdAt: clamp(p.createdAt, now) }))
    }))
  };
}
