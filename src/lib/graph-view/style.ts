/**
 * How the graph looks, in one place: the Cytoscape stylesheet, the SVG export and the legends all
 * read these tables, so a node looks the same on screen, on paper and in the key.
 *
 * A node's type shows three ways (shape, icon and colour) so nobody needs to tell colours apart;
 * circle links differ by line pattern as well as colour.
 */
import { svgDataUri } from './files.ts';
import type { EdgeType, NodeType } from './model.ts';

export type NodeShape = 'ellipse' | 'round-rectangle' | 'hexagon' | 'octagon' | 'rectangle';

export interface NodeStyle {
  name: string;
  shape: NodeShape;
  size: number;
  fill: string;
  stroke: string;
  icon: string;
}

export interface EdgeStyle {
  name: string;
  color: string;
  width: number;
  pattern: 'solid' | 'dashed' | 'dotted';
}

/** 24x24 icon paths (drawn in the node's stroke colour). */
export const ICONS = {
  person: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 9c0-4 3.1-7 7-7s7 3 7 7z',
  briefcase:
    'M9 3h6a1 1 0 0 1 1 1v3h4a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h4V4a1 1 0 0 1 1-1zm1 2v2h4V5zM3 12h18v1H3z',
  building: 'M4 21V6l8-4 8 4v15h-6v-5h-4v5zM8 8h2v2H8zm6 0h2v2h-2zM8 12h2v2H8zm6 0h2v2h-2z',
  lock: 'M7 10V7a5 5 0 0 1 10 0v3h1a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1zm2 0h6V7a3 3 0 0 0-6 0z',
  home: 'M12 3l9 8h-3v9h-5v-6h-2v6H6v-9H3z'
} as const;

export const NODE_STYLES: Record<NodeType, NodeStyle> = {
  client: {
    name: 'Person in the circle',
    shape: 'ellipse',
    size: 48,
    fill: '#dbeafe',
    stroke: '#1d4ed8',
    icon: ICONS.person
  },
  practitioner: {
    name: 'Practitioner',
    shape: 'round-rectangle',
    size: 40,
    fill: '#f8fafc',
    stroke: '#334155',
    icon: ICONS.briefcase
  },
  agency: {
    name: 'Agency',
    shape: 'hexagon',
    size: 46,
    fill: '#e2e8f0',
    stroke: '#334155',
    icon: ICONS.building
  },
  restricted: {
    name: 'Restricted service',
    shape: 'octagon',
    size: 42,
    fill: '#fef3c7',
    stroke: '#92400e',
    icon: ICONS.lock
  },
  household: {
    name: 'Household',
    shape: 'round-rectangle',
    size: 60,
    fill: '#f0fdfa',
    stroke: '#0f766e',
    icon: ICONS.home
  }
};

/** Someone whose team the viewer is not on: the same shape, greyed and dashed. */
export const OUTSIDE_STYLE = { fill: '#f3f4f6', stroke: '#4b5563', name: 'Not on your team' };

export const EDGE_STYLES: Record<EdgeType, EdgeStyle> = {
  FAMILY: { name: 'Family', color: '#1e293b', width: 3, pattern: 'solid' },
  HOUSEHOLD: { name: 'Household', color: '#0f766e', width: 3, pattern: 'dashed' },
  SIGNIFICANT: { name: 'Significant other', color: '#6d28d9', width: 3, pattern: 'dotted' },
  'works-with': { name: 'Works with', color: '#64748b', width: 1.5, pattern: 'solid' },
  'works-at': { name: 'Works at', color: '#94a3b8', width: 1, pattern: 'dashed' },
  shares: { name: 'Shared clients', color: '#0369a1', width: 2, pattern: 'solid' }
};

/**
 * Agency kinds (graph/README.md), each with one colour used for the agency, its practitioners and
 * the legend. Dark enough for 3:1 against white and the light node fills.
 */
export const AGENCY_KINDS: Record<string, { name: string; color: string }> = {
  CHILD_PROTECTION: { name: 'Child protection', color: '#1d4ed8' },
  POLICE: { name: 'Police', color: '#1e3a8a' },
  SCHOOL: { name: 'School', color: '#047857' },
  GP: { name: 'GP', color: '#be123c' },
  HEALTH: { name: 'Health', color: '#c2410c' },
  MENTAL_HEALTH: { name: 'Mental health', color: '#7c3aed' },
  HOUSING: { name: 'Housing', color: '#a16207' },
  YOUTH_JUSTICE: { name: 'Youth justice', color: '#4b5563' },
  JOB_CENTRE: { name: 'Job centre', color: '#0e7490' },
  EARLY_HELP: { name: 'Early help', color: '#4d7c0f' },
  DOMESTIC_VIOLENCE: { name: 'Domestic violence', color: '#9f1239' },
  DRUG_ALCOHOL: { name: 'Drug and alcohol', color: '#92400e' },
  SEXUAL_HEALTH: { name: 'Sexual health', color: '#a21caf' }
};

const OTHER_KIND = { name: 'Other agency', color: '#334155' };

export function agencyKind(kind: string | null | undefined): { name: string; color: string } {
  return (kind && AGENCY_KINDS[kind]) || OTHER_KIND;
}

/** `color` mixed with white: `amount` 0 is the colour, 1 is white. */
export function tint(color: string, amount: number): string {
  const hex = color.replace('#', '');
  const channel = (i: number) => {
    const value = parseInt(hex.slice(i, i + 2), 16);
    return Math.round(value + (255 - value) * amount)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(2)}${channel(4)}`;
}

/** The fill and stroke of one node, as drawn everywhere. */
export function nodeColours(node: { type: NodeType; agencyKind?: string; member?: boolean }): {
  fill: string;
  stroke: string;
} {
  const base = NODE_STYLES[node.type];
  if (node.type === 'client' && node.member === false) {
    return { fill: OUTSIDE_STYLE.fill, stroke: OUTSIDE_STYLE.stroke };
  }
  if (node.type === 'agency' || node.type === 'practitioner') {
    const { color } = agencyKind(node.agencyKind);
    return { fill: node.type === 'agency' ? tint(color, 0.75) : tint(color, 0.9), stroke: color };
  }
  return { fill: base.fill, stroke: base.stroke };
}

/** An icon as a data URI (the CSP allows img-src data:) for Cytoscape's background-image. */
export function iconDataUri(path: string, color: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24"><path fill="${color}" d="${path}"/></svg>`;
  return svgDataUri(svg);
}

/** The dash pattern for a line pattern (SVG stroke-dasharray; Cytoscape for dashed lines). */
export function dashArray(pattern: EdgeStyle['pattern'], width: number): number[] | undefined {
  if (pattern === 'dashed') return [width * 3, width * 2];
  if (pattern === 'dotted') return [width, width * 1.5];
  return undefined;
}
