/**
 * The accessible twin of the graph: the same nodes and relations as rows of a table, in reading
 * order (the client, their circle nearest first, then practitioners, services and agencies). A
 * screen-reader or keyboard user gets everything the picture shows, and the same actions.
 */
import type { GraphEdge, GraphModel, GraphNode, NodeType } from './model.ts';
import { agencyKind } from './style.ts';

export interface TwinRow {
  id: string;
  type: NodeType;
  typeLabel: string;
  name: string;
  /** How this node relates to the others shown, in words. */
  relations: string[];
  node: GraphNode;
  canExpand: boolean;
  canCollapse: boolean;
  canJoin: boolean;
}

const TYPE_ORDER: Record<NodeType, number> = {
  client: 0,
  practitioner: 1,
  restricted: 2,
  agency: 3,
  household: 4
};

export function typeLabel(node: GraphNode): string {
  switch (node.type) {
    case 'client':
      if (node.centre) return 'Client (centre)';
      return node.member ? 'Person, on your team' : 'Person, not on your team';
    case 'practitioner':
      return node.isViewer ? 'Practitioner (you)' : 'Practitioner';
    case 'agency':
      return `Agency: ${agencyKind(node.agencyKind).name}`;
    case 'restricted':
      return 'Restricted service';
    case 'household':
      return 'Household';
  }
}

/** A node's connections from its own point of view: "mother of Tyson Nolan (family)". */
export function relationsOf(
  id: string,
  edges: readonly GraphEdge[],
  label: (id: string) => string
): string[] {
  const circle: string[] = [];
  const team: string[] = [];
  const worksWith: string[] = [];
  const worksAt: string[] = [];
  const staff: string[] = [];
  const shares: string[] = [];
  for (const e of edges) {
    if (e.source !== id && e.target !== id) continue;
    const mine = e.source === id;
    const other = label(mine ? e.target : e.source);
    const lead = e.lead ? ' (lead professional)' : '';
    switch (e.type) {
      case 'works-with':
        (mine ? worksWith : team).push(`${other}${lead}`);
        break;
      case 'works-at':
        (mine ? worksAt : staff).push(other);
        break;
      case 'shares':
        shares.push(`Shares ${e.weight ?? 1} client${e.weight === 1 ? '' : 's'} with ${other}`);
        break;
      default: {
        const role = mine ? e.sourceRole : e.targetRole;
        const kind = e.type.toLowerCase();
        circle.push(role ? `${role} of ${other} (${kind})` : `${kind} link with ${other}`);
      }
    }
  }
  const lines = circle.map((line) => line.charAt(0).toUpperCase() + line.slice(1));
  if (team.length > 0) lines.push(`Team: ${team.join(', ')}`);
  if (worksWith.length > 0) lines.push(`Works with ${worksWith.join(', ')}`);
  if (worksAt.length > 0) lines.push(`Works at ${worksAt.join(', ')}`);
  if (staff.length > 0) lines.push(`Practitioners shown: ${staff.join(', ')}`);
  return [...lines, ...shares];
}

export function twinRows(model: GraphModel, hidden: ReadonlySet<string> = new Set()): TwinRow[] {
  const visible = model.nodes.filter((n) => !hidden.has(n.id));
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const label = (id: string) => byId.get(id)?.label ?? id;
  const shownEdges = model.edges.filter((e) => !hidden.has(e.source) && !hidden.has(e.target));
  const members = new Map<string, string[]>();
  for (const n of visible) {
    if (n.parent) members.set(n.parent, [...(members.get(n.parent) ?? []), n.label]);
  }
  const rows = visible.map((node): TwinRow => {
    const relations = relationsOf(node.id, shownEdges, label);
    if (node.type === 'restricted') {
      relations.unshift(
        'A restricted service is involved — ask them to contact you through Teamaround'
      );
    }
    const box = node.parent ? byId.get(node.parent) : undefined;
    if (box?.type === 'household') {
      const others = members.get(box.id)?.filter((m) => m !== node.label) ?? [];
      if (others.length > 0) relations.push(`Lives in a household with ${others.join(', ')}`);
    }
    if (node.collapsed)
      relations.unshift(`Stands for ${node.count ?? 0} people or services inside it`);
    if (node.type === 'household' && !node.collapsed) {
      relations.push(`Members: ${(members.get(node.id) ?? []).join(', ')}`);
    }
    if (node.type === 'agency' && !node.collapsed && relations.length === 0) {
      relations.push(`Practitioners shown: ${(members.get(node.id) ?? []).join(', ') || 'none'}`);
    }
    return {
      id: node.id,
      type: node.type,
      typeLabel: typeLabel(node),
      name: node.label,
      relations,
      node,
      canExpand: node.type === 'client' && node.member === true && !node.expanded,
      canCollapse: node.type === 'client' && node.expanded === true && !node.centre,
      canJoin: node.type === 'client' && node.member === false
    };
  });
  return rows.sort(
    (a, b) =>
      Number(b.node.centre === true) - Number(a.node.centre === true) ||
      TYPE_ORDER[a.type] - TYPE_ORDER[b.type] ||
      (a.node.distance ?? 9) - (b.node.distance ?? 9) ||
      a.name.localeCompare(b.name)
  );
}
