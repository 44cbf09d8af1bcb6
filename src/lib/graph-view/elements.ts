/**
 * Builds the graph model from neighbourhood answers: the starting client's, then one per
 * expanded person. Only what the answers carry can appear (the query already applied the rules);
 * this decides how it is drawn: one node per person, practitioner, agency and restricted service,
 * circle links by kind, households as boxes, and (for big graphs) agencies as boxes that can be
 * collapsed into one node.
 */
import type { Neighbourhood, NetworkLink, NetworkPerson } from './types.ts';
import {
  nodeId,
  personName,
  type CircleKind,
  type GraphEdge,
  type GraphModel,
  type GraphNode
} from './model.ts';

export interface BuildOptions {
  /** Group (household or agency box) ids drawn as one node standing for their members. */
  collapsed?: ReadonlySet<string>;
  /** Put practitioners inside their agency's box instead of linking them to an agency node. */
  groupByAgency?: boolean;
}

const CIRCLE_KINDS: ReadonlySet<string> = new Set(['FAMILY', 'HOUSEHOLD', 'SIGNIFICANT']);

/** People from every answer; a later answer (an expansion, a re-fetch after joining) wins. */
function mergePeople(sources: readonly Neighbourhood[]): Map<string, NetworkPerson> {
  const people = new Map<string, NetworkPerson>();
  for (const source of sources) {
    for (const person of source.people) people.set(person.clientId, person);
  }
  return people;
}

/** Circle links between known people, once per pair and kind whichever way they were stored. */
function mergeLinks(
  sources: readonly Neighbourhood[],
  people: ReadonlyMap<string, NetworkPerson>
): NetworkLink[] {
  const links = new Map<string, NetworkLink>();
  for (const source of sources) {
    for (const link of source.links) {
      if (!people.has(link.fromId) || !people.has(link.toId) || link.fromId === link.toId) continue;
      if (!CIRCLE_KINDS.has(link.kind)) continue;
      const [a, b] = [link.fromId, link.toId].sort();
      const key = `${a}|${b}|${link.kind}`;
      if (!links.has(key)) links.set(key, link);
    }
  }
  return [...links.values()];
}

/** Circle links from the centre, by breadth-first search over the links shown. */
function distances(centre: string, links: readonly NetworkLink[]): Map<string, number> {
  const next = new Map<string, string[]>();
  for (const l of links) {
    next.set(l.fromId, [...(next.get(l.fromId) ?? []), l.toId]);
    next.set(l.toId, [...(next.get(l.toId) ?? []), l.fromId]);
  }
  const seen = new Map<string, number>([[centre, 0]]);
  const queue = [centre];
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i]!;
    for (const other of next.get(at) ?? []) {
      if (seen.has(other)) continue;
      seen.set(other, seen.get(at)! + 1);
      queue.push(other);
    }
  }
  return seen;
}

/** Households: connected groups of HOUSEHOLD links (2+ people), keyed by their first member. */
export function households(links: readonly NetworkLink[]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  for (const l of links) {
    if (l.kind !== 'HOUSEHOLD') continue;
    for (const id of [l.fromId, l.toId]) if (!parent.has(id)) parent.set(id, id);
    const [a, b] = [find(l.fromId), find(l.toId)];
    // The smaller id is the root, so the box keeps its id however the links arrive.
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  }
  const groupOf = new Map<string, string>();
  for (const id of parent.keys()) groupOf.set(id, nodeId.household(find(id)));
  return groupOf;
}

/** Replaces each collapsed group's members by the group: their links now end at the group. */
export function collapseGroups(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
  collapsed: ReadonlySet<string>,
  keep: string
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const groups = new Set(
    nodes.filter((n) => n.parent && collapsed.has(n.parent)).map((n) => n.parent!)
  );
  // Never fold the centre away: the view is about them.
  const centreGroup = nodes.find((n) => n.id === keep)?.parent;
  if (centreGroup) groups.delete(centreGroup);
  if (groups.size === 0) return { nodes: [...nodes], edges: [...edges] };
  const replaced = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const n of nodes) {
    if (n.parent && groups.has(n.parent)) {
      replaced.set(n.id, n.parent);
      counts.set(n.parent, (counts.get(n.parent) ?? 0) + 1);
    }
  }
  const outNodes = nodes
    .filter((n) => !replaced.has(n.id))
    .map((n) => (groups.has(n.id) ? { ...n, collapsed: true, count: counts.get(n.id) ?? 0 } : n));
  const seen = new Map<string, GraphEdge>();
  for (const e of edges) {
    const source = replaced.get(e.source) ?? e.source;
    const target = replaced.get(e.target) ?? e.target;
    if (source === target) continue;
    if (source === e.source && target === e.target) {
      seen.set(e.id, e);
      continue;
    }
    const id = `group:${e.type}:${source}:${target}`;
    const before = seen.get(id);
    seen.set(id, {
      id,
      type: e.type,
      source,
      target,
      weight: (before?.weight ?? 0) + (e.weight ?? 1)
    });
  }
  return { nodes: outNodes, edges: [...seen.values()] };
}

function clientNode(
  person: NetworkPerson,
  centreId: string,
  distance: number | undefined,
  expanded: ReadonlySet<string>,
  household: string | undefined
): GraphNode {
  const node: GraphNode = {
    id: nodeId.client(person.clientId),
    type: 'client',
    label: personName(person),
    clientId: person.clientId,
    member: person.viewerIsMember,
    centre: person.clientId === centreId,
    distance: distance ?? person.distance,
    expanded: expanded.has(person.clientId)
  };
  if (household) node.parent = household;
  return node;
}

/** The teams of the people whose team the viewer is on: practitioners, agencies, restricted. */
function teamElements(
  people: Iterable<NetworkPerson>,
  groupByAgency: boolean
): { nodes: Map<string, GraphNode>; edges: Map<string, GraphEdge> } {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  for (const person of people) {
    if (!person.viewerIsMember) continue;
    const client = nodeId.client(person.clientId);
    for (const m of person.team) {
      if (m.masked || !m.practitionerId) {
        const id = nodeId.restricted(person.clientId);
        nodes.set(id, {
          id,
          type: 'restricted',
          label: 'Restricted service',
          teamClientId: person.clientId
        });
        const edge = `works-with:${id}:${person.clientId}`;
        edges.set(edge, { id: edge, type: 'works-with', source: id, target: client });
        continue;
      }
      const id = nodeId.practitioner(m.practitionerId);
      const agency = m.agencyId ? nodeId.agency(m.agencyId) : undefined;
      const practitioner: GraphNode = {
        id,
        type: 'practitioner',
        label: m.isViewer ? `You (${m.name ?? 'me'})` : (m.name ?? 'A practitioner'),
        practitionerId: m.practitionerId,
        isViewer: m.isViewer
      };
      for (const [key, value] of [
        ['jobTitle', m.jobTitle],
        ['phone', m.phone],
        ['email', m.email],
        ['agencyId', m.agencyId],
        ['agencyName', m.agencyName],
        ['agencyKind', m.agencyKind]
      ] as const) {
        if (value) practitioner[key] = value;
      }
      if (groupByAgency && agency) practitioner.parent = agency;
      nodes.set(id, practitioner);
      const edge = `works-with:${m.practitionerId}:${person.clientId}`;
      edges.set(edge, { id: edge, type: 'works-with', source: id, target: client, lead: m.lead });
      if (agency && m.agencyId) {
        nodes.set(agency, {
          id: agency,
          type: 'agency',
          label: m.agencyName ?? 'An agency',
          agencyId: m.agencyId,
          ...(m.agencyKind ? { agencyKind: m.agencyKind } : {}),
          ...(m.agencyPhone ? { phone: m.agencyPhone } : {})
        });
        if (!groupByAgency) {
          const at = `works-at:${m.practitionerId}`;
          edges.set(at, { id: at, type: 'works-at', source: id, target: agency });
        }
      }
    }
  }
  return { nodes, edges };
}

/**
 * The model for the starting client's answer (first) and the answers of expanded people.
 * Nodes come in a stable order: clients (nearest first), then the teams, then boxes.
 */
export function buildNetwork(
  sources: readonly Neighbourhood[],
  options: BuildOptions = {}
): GraphModel {
  const centreId = sources[0]?.centreId ?? '';
  const people = mergePeople(sources);
  const links = mergeLinks(sources, people);
  const hops = distances(centreId, links);
  const householdOf = households(links);
  const expanded = new Set(sources.map((s) => s.centreId));

  const clients = [...people.values()]
    .map((p) =>
      clientNode(p, centreId, hops.get(p.clientId), expanded, householdOf.get(p.clientId))
    )
    .sort(
      (a, b) =>
        Number(b.centre) - Number(a.centre) ||
        (a.distance ?? 99) - (b.distance ?? 99) ||
        a.label.localeCompare(b.label)
    );
  const circleEdges: GraphEdge[] = links.map((l) => {
    const [source, target] = [nodeId.client(l.fromId), nodeId.client(l.toId)];
    const edge: GraphEdge = {
      id: `circle:${[l.fromId, l.toId].sort().join(':')}:${l.kind}`,
      type: l.kind as CircleKind,
      source,
      target
    };
    if (l.label) edge.sourceRole = l.label;
    if (l.reciprocal) edge.targetRole = l.reciprocal;
    return edge;
  });
  const team = teamElements(people.values(), options.groupByAgency === true);
  const boxes: GraphNode[] = [...new Set(householdOf.values())].map((id) => ({
    id,
    type: 'household',
    label: 'Household'
  }));

  let nodes = [...boxes, ...clients, ...team.nodes.values()];
  let edges = [...circleEdges, ...team.edges.values()];
  if (options.collapsed && options.collapsed.size > 0) {
    ({ nodes, edges } = collapseGroups(nodes, edges, options.collapsed, nodeId.client(centreId)));
  }
  return { centreId, nodes, edges, truncated: sources.some((s) => s.truncated) };
}

/** "Zac is father of Xena · Xena is daughter of Zac": a circle link in words, both ways. */
export function relationText(edge: GraphEdge, labelOf: (id: string) => string): string {
  const a = labelOf(edge.source);
  const b = labelOf(edge.target);
  switch (edge.type) {
    case 'works-with':
      return `${a} works with ${b}${edge.lead ? ' (lead professional)' : ''}`;
    case 'works-at':
      return `${a} works at ${b}`;
    case 'shares':
      return `${a} and ${b} share ${edge.weight ?? 1} client${edge.weight === 1 ? '' : 's'}`;
    default: {
      const parts: string[] = [];
      if (edge.sourceRole) parts.push(`${a} is ${edge.sourceRole} of ${b}`);
      if (edge.targetRole) parts.push(`${b} is ${edge.targetRole} of ${a}`);
      if (parts.length === 0) parts.push(`${a} and ${b}: ${edge.type.toLowerCase()}`);
      return parts.join(' · ');
    }
  }
}
