/**
 * The accessible twin of the graph: the same nodes and relations as rows of a table, in reading
 * order (the client, their circle nearest first, then practitioners, services and agencies). A
 * screen-reader or keyboard user gets everything the picture shows, and the same actions.
 */
import { relationText } from './elements.ts';
import { adjacency, type GraphModel, type GraphNode, type NodeType } from './model.ts';
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

export function twinRows(model: GraphModel, hidden: ReadonlySet<string> = new Set()): TwinRow[] {
  const visible = model.nodes.filter((n) => !hidden.has(n.id));
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const label = (id: string) => byId.get(id)?.label ?? id;
  const shownEdges = model.edges.filter((e) => !hidden.has(e.source) && !hidden.has(e.target));
  const edgesOf = new Map<string, string[]>();
  for (const e of shownEdges) {
    const text = relationText(e, label);
    for (const end of [e.source, e.target]) edgesOf.set(end, [...(edgesOf.get(end) ?? []), text]);
  }
  const members = new Map<string, string[]>();
  for (const n of visible) {
    if (n.parent) members.set(n.parent, [...(members.get(n.parent) ?? []), n.label]);
  }
  const neighbours = adjacency(shownEdges);
  const rows = visible.map((node): TwinRow => {
    const relations = [...(edgesOf.get(node.id) ?? [])];
    if (node.type === 'restricted') {
      relations.unshift(
        `A restricted service is involved — contact through ${node.dutyPhone ?? 'the team'}`
      );
    }
    if (node.parent && byId.get(node.parent)?.type === 'household') {
      relations.push(
        `Lives in a household with ${members
          .get(node.parent)
          ?.filter((m) => m !== node.label)
          .join(', ')}`
      );
    }
    if (node.collapsed) relations.unshift(`Stands for ${node.count ?? 0} hidden inside it`);
    if (node.type === 'household' && !node.collapsed) {
      relations.push(`Members: ${(members.get(node.id) ?? []).join(', ')}`);
    }
    if (node.type === 'agency' && !node.collapsed && relations.length === 0) {
      relations.push(`${neighbours.get(node.id)?.size ?? 0} practitioners shown`);
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
