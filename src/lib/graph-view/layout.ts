/**
 * Which layout to run and with what options, and where new nodes start so that expanding a person
 * does not move what the practitioner was already looking at.
 *
 * Big graphs (above BIG_GRAPH nodes) switch to cheaper settings: fcose's spectral "draft" pass,
 * no animation (a long animated layout freezes the tab), and viewport options that skip edges and
 * reuse a bitmap while panning and zooming.
 */

export type LayoutName = 'fcose' | 'concentric' | 'breadthfirst';

export const LAYOUTS: readonly { name: LayoutName; label: string }[] = [
  { name: 'fcose', label: 'Force-directed' },
  { name: 'concentric', label: 'Rings around the client' },
  { name: 'breadthfirst', label: 'Tree from the client' }
];

export const BIG_GRAPH = 300;
/** Above this fcose's full refinement costs more than it adds: its spectral draft is kept. */
export const DRAFT_ABOVE = 150;
/** Above this even the draft is slow (about 2 s in a browser): rings are drawn instead. */
export const RINGS_ABOVE = 800;

export interface Position {
  x: number;
  y: number;
}

/** What the layout functions read from a node (a Cytoscape node satisfies it). */
export interface LayoutNode {
  id(): string;
  data(key: string): unknown;
}

export function isLayoutName(value: unknown): value is LayoutName {
  return value === 'fcose' || value === 'concentric' || value === 'breadthfirst';
}

export function isBig(nodeCount: number): boolean {
  return nodeCount > BIG_GRAPH;
}

/** The layout actually run: the one asked for, unless the graph is too big for it to be quick. */
export function effectiveLayout(requested: LayoutName, nodeCount: number): LayoutName {
  return requested === 'fcose' && nodeCount > RINGS_ABOVE ? 'concentric' : requested;
}

/** Higher is nearer the middle: the client, their circle by distance, then teams and agencies. */
export function ring(node: LayoutNode): number {
  if (node.data('centre')) return 100;
  const distance = Number(node.data('distance') ?? 3);
  switch (node.data('type')) {
    case 'client':
      return 80 - 10 * distance;
    case 'practitioner':
    case 'restricted':
      return 30;
    case 'agency':
      return 10;
    default:
      return 0;
  }
}

/** Options for a full layout of the whole graph. */
export function layoutOptions(
  name: LayoutName,
  context: { nodeCount: number; centreId: string; reducedMotion?: boolean }
): Record<string, unknown> & { name: string } {
  const big = isBig(context.nodeCount);
  const animate = !big && !context.reducedMotion;
  const common = { fit: true, padding: 30, animate, animationDuration: 350 };
  switch (name) {
    case 'concentric':
      return {
        ...common,
        name: 'concentric',
        concentric: ring,
        levelWidth: () => 10,
        minNodeSpacing: big ? 12 : 28,
        avoidOverlap: !big,
        startAngle: (3 / 2) * Math.PI
      };
    case 'breadthfirst':
      return {
        ...common,
        name: 'breadthfirst',
        roots: context.centreId ? [context.centreId] : undefined,
        directed: false,
        circle: false,
        spacingFactor: big ? 0.9 : 1.15,
        avoidOverlap: !big
      };
    default:
      return {
        ...common,
        name: 'fcose',
        // Draft is the spectral pass alone: several times faster, fine for hundreds of nodes.
        quality: context.nodeCount > DRAFT_ABOVE ? 'draft' : 'default',
        randomize: true,
        nodeDimensionsIncludeLabels: false,
        nodeSeparation: 100,
        idealEdgeLength: (edge: LayoutNode) => (edge.data('type') === 'works-at' ? 110 : 90),
        nodeRepulsion: () => 9000,
        // Without cytoscape-layout-utilities registered, packing would only log a warning.
        packComponents: false,
        tile: true
      };
  }
}

/**
 * Options for laying out only what was just added: existing nodes are fixed where they are
 * (fcose's fixedNodeConstraint), the new ones settle around them. For the other layouts the new
 * nodes alone are arranged in a small circle around where they were seeded.
 */
export function incrementalOptions(
  name: LayoutName,
  fixed: readonly { nodeId: string; position: Position }[]
): Record<string, unknown> & { name: string } {
  if (name === 'fcose') {
    return {
      name: 'fcose',
      quality: 'default',
      randomize: false,
      animate: false,
      fit: false,
      packComponents: false,
      nodeRepulsion: () => 9000,
      idealEdgeLength: () => 90,
      fixedNodeConstraint: fixed.map((f) => ({ nodeId: f.nodeId, position: { ...f.position } })),
      numIter: 1000
    };
  }
  return { name: 'circle', animate: false, fit: false, avoidOverlap: true, spacingFactor: 0.8 };
}

/**
 * Starting points for new nodes: in a ring around the first neighbour that already has a place,
 * so a layout that keeps old nodes fixed only has to settle the new ones nearby.
 */
export function seedPositions(
  newIds: readonly string[],
  neighboursOf: (id: string) => readonly string[],
  known: ReadonlyMap<string, Position>,
  radius = 90
): Map<string, Position> {
  const placed = new Map<string, Position>(known);
  const seeded = new Map<string, Position>();
  const around = new Map<string, number>();
  const centroid = (() => {
    if (known.size === 0) return { x: 0, y: 0 };
    let x = 0;
    let y = 0;
    for (const p of known.values()) {
      x += p.x;
      y += p.y;
    }
    return { x: x / known.size, y: y / known.size };
  })();
  const pending = [...newIds];
  // Nodes whose only neighbours are also new get placed once a neighbour has been.
  for (let pass = 0; pass < 3 && pending.length > 0; pass++) {
    for (let i = pending.length - 1; i >= 0; i--) {
      const id = pending[i]!;
      const anchor = neighboursOf(id).find((n) => placed.has(n));
      if (!anchor && pass < 2) continue;
      const origin = anchor ? placed.get(anchor)! : centroid;
      const key = anchor ?? '';
      const index = around.get(key) ?? 0;
      around.set(key, index + 1);
      // Golden-angle spacing: any number of children spread evenly without knowing the count.
      const angle = index * 2.399963;
      const r = radius * (1 + Math.floor(index / 8) * 0.6);
      const position = { x: origin.x + r * Math.cos(angle), y: origin.y + r * Math.sin(angle) };
      placed.set(id, position);
      seeded.set(id, position);
      pending.splice(i, 1);
    }
  }
  return seeded;
}

/** Renderer options chosen when the graph is created (Cytoscape reads them once). */
export function viewportOptions(nodeCount: number): {
  hideEdgesOnViewport: boolean;
  textureOnViewport: boolean;
  motionBlur: boolean;
  pixelRatio: number | 'auto';
} {
  const big = isBig(nodeCount);
  return {
    hideEdgesOnViewport: big,
    textureOnViewport: big,
    motionBlur: big,
    pixelRatio: big ? 1 : 'auto'
  };
}
