/**
 * The graph as plain data: what the explorer draws (Cytoscape), lists (the table twin) and
 * exports (SVG). Built from query answers by elements.ts; no Cytoscape types here, so everything
 * that reasons about the graph runs and is tested in Node.
 */

/** What a node stands for; each type has its own shape, icon and colour (style.ts). */
export type NodeType = 'client' | 'practitioner' | 'agency' | 'restricted' | 'household';

/** The types a viewer can filter by (households are boxes around clients, not filtered). */
export const FILTERABLE_TYPES = ['client', 'practitioner', 'agency', 'restricted'] as const;
export type FilterableType = (typeof FILTERABLE_TYPES)[number];

export type CircleKind = 'FAMILY' | 'HOUSEHOLD' | 'SIGNIFICANT';
export type EdgeType = CircleKind | 'works-with' | 'works-at' | 'shares';

export interface GraphNode {
  id: string;
  type: NodeType;
  label: string;
  /** A compound parent (household box or agency group). */
  parent?: string;
  /** The client this node is (client nodes). */
  clientId?: string;
  practitionerId?: string;
  agencyId?: string;
  agencyKind?: string;
  agencyName?: string;
  jobTitle?: string;
  phone?: string;
  email?: string;
  /** Restricted nodes: the client whose team they are on (for "Ask them to contact me"). */
  teamClientId?: string;
  /** Client nodes: whether the viewer is on their team (anything behind them is shown only then). */
  member?: boolean;
  centre?: boolean;
  isViewer?: boolean;
  /** Circle links from the centre (client nodes). */
  distance?: number;
  /** Group nodes: whether it is drawn as one node; and how many it stands for. */
  collapsed?: boolean;
  count?: number;
  /** Whether this client's own neighbourhood has been fetched into the graph. */
  expanded?: boolean;
}

export interface GraphEdge {
  id: string;
  type: EdgeType;
  source: string;
  target: string;
  /** What the source is to the target (mother), and the target to the source (son). */
  sourceRole?: string;
  targetRole?: string;
  /** Works-with: the practitioner is the lead professional. */
  lead?: boolean;
  /** Shares: how many clients two practitioners share. */
  weight?: number;
}

export interface GraphModel {
  centreId: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Some query was capped: the graph does not show everybody reachable. */
  truncated: boolean;
}

/** Node ids are namespaced by type so a practitioner and a client can never collide. */
export const nodeId = {
  client: (id: string) => `client:${id}`,
  practitioner: (id: string) => `practitioner:${id}`,
  agency: (id: string) => `agency:${id}`,
  /**
   * One node per team with restricted members ("a restricted service is involved" with that
   * client): a node per practitioner would count them, and one per service (its duty line) would
   * name it through the phone book (DESIGN.md rule 3).
   */
  restricted: (teamClientId: string) => `restricted:${teamClientId}`,
  household: (firstClientId: string) => `household:${firstClientId}`
};

/** "Xena Network" or "Jo (Joanne) Smith": the name a practitioner would say. */
export function personName(p: {
  givenName: string;
  familyName: string;
  preferredName?: string | null;
}): string {
  const preferred = p.preferredName?.trim();
  if (preferred && preferred !== p.givenName)
    return `${preferred} (${p.givenName}) ${p.familyName}`;
  return `${p.givenName} ${p.familyName}`;
}

/** The title of a drawing of someone's network: on screen, in exports and in the meeting pack. */
export function networkTitle(name: string): string {
  return `The network around ${name}`;
}

/** The neighbours of each node (undirected), for keyboard navigation and the table twin. */
export function adjacency(edges: readonly Pick<GraphEdge, 'source' | 'target'>[]) {
  const map = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    let set = map.get(a);
    if (!set) map.set(a, (set = new Set()));
    set.add(b);
  };
  for (const e of edges) {
    if (e.source === e.target) continue;
    link(e.source, e.target);
    link(e.target, e.source);
  }
  return map;
}
