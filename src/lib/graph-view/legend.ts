/**
 * The key to the graph: one entry per kind of node, line and agency colour actually on show, in a
 * fixed order. The page's legend, the SVG export and the PNG export all draw these entries.
 */
import type { EdgeType, GraphModel, NodeType } from './model.ts';
import {
  AGENCY_KINDS,
  EDGE_STYLES,
  NODE_STYLES,
  OUTSIDE_STYLE,
  agencyKind,
  tint,
  type EdgeStyle,
  type NodeShape
} from './style.ts';

export type LegendEntry =
  | {
      kind: 'node';
      key: string;
      label: string;
      shape: NodeShape;
      fill: string;
      stroke: string;
      dashed: boolean;
      icon: string;
    }
  | {
      kind: 'edge';
      key: string;
      label: string;
      color: string;
      width: number;
      pattern: EdgeStyle['pattern'];
    }
  | { kind: 'agency'; key: string; label: string; color: string };

const NODE_ORDER: NodeType[] = ['client', 'practitioner', 'agency', 'restricted', 'household'];
const EDGE_ORDER: EdgeType[] = [
  'FAMILY',
  'HOUSEHOLD',
  'SIGNIFICANT',
  'works-with',
  'works-at',
  'shares'
];

export function legendFor(model: Pick<GraphModel, 'nodes' | 'edges'>): LegendEntry[] {
  const types = new Set(model.nodes.map((n) => n.type));
  const outside = model.nodes.some((n) => n.type === 'client' && n.member === false);
  const edges = new Set(model.edges.map((e) => e.type));
  const kinds = new Set(
    model.nodes
      .filter((n) => n.type === 'agency' || n.type === 'practitioner')
      .map((n) => n.agencyKind ?? '')
  );
  const entries: LegendEntry[] = [];
  for (const type of NODE_ORDER) {
    if (!types.has(type)) continue;
    const s = NODE_STYLES[type];
    entries.push({
      kind: 'node',
      key: `node:${type}`,
      label: type === 'client' ? 'Person (on your team)' : s.name,
      shape: s.shape,
      fill: s.fill,
      stroke: s.stroke,
      dashed: type === 'household',
      icon: s.icon
    });
    if (type === 'client' && outside) {
      entries.push({
        kind: 'node',
        key: 'node:outside',
        label: `Person (${OUTSIDE_STYLE.name.toLowerCase()})`,
        shape: s.shape,
        fill: OUTSIDE_STYLE.fill,
        stroke: OUTSIDE_STYLE.stroke,
        dashed: true,
        icon: s.icon
      });
    }
  }
  for (const type of EDGE_ORDER) {
    if (!edges.has(type)) continue;
    const s = EDGE_STYLES[type];
    entries.push({
      kind: 'edge',
      key: `edge:${type}`,
      label: s.name,
      color: s.color,
      width: s.width,
      pattern: s.pattern
    });
  }
  const known = Object.keys(AGENCY_KINDS).filter((k) => kinds.has(k));
  const other = [...kinds].some((k) => !(k in AGENCY_KINDS));
  for (const kind of [...known, ...(other ? [''] : [])]) {
    const { name, color } = agencyKind(kind);
    entries.push({ kind: 'agency', key: `agency:${kind || 'other'}`, label: name, color });
  }
  return entries;
}

/** The fill used for an agency swatch (as the agency node is filled). */
export const swatchFill = (color: string) => tint(color, 0.75);
