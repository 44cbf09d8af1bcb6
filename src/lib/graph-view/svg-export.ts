/**
 * SVG export of the current view (Cytoscape has no SVG output): a pure function from the visible
 * elements and their positions to a standalone SVG document with a title and the legend, so it
 * prints sharply at any size and can go into a meeting pack. Nothing but what is on screen goes
 * in: the caller passes the visible elements only.
 */
import { displayLabel } from './cy-elements.ts';
import type { LegendEntry } from './legend.ts';
import { swatchFill } from './legend.ts';
import type { Position } from './layout.ts';
import type { GraphEdge, GraphModel, GraphNode } from './model.ts';
import {
  EDGE_STYLES,
  NODE_STYLES,
  dashArray,
  nodeColours,
  type EdgeStyle,
  type NodeShape
} from './style.ts';

export interface SvgNodeStyle {
  shape: NodeShape;
  width: number;
  height: number;
  fill: string;
  stroke: string;
  strokeWidth: number;
  dashed: boolean;
  icon: string | null;
}

export interface SvgStyles {
  node(node: GraphNode): SvgNodeStyle;
  edge(edge: GraphEdge): Pick<EdgeStyle, 'color' | 'width' | 'pattern'>;
}

/** The same look as the stylesheet (style.ts), for nodes and lines. */
export const defaultSvgStyles: SvgStyles = {
  node(node) {
    const base = NODE_STYLES[node.type];
    const { fill, stroke } = nodeColours(node);
    const size = node.centre ? 68 : node.collapsed ? 58 : base.size;
    return {
      shape: node.collapsed ? 'round-rectangle' : base.shape,
      width: size,
      height: node.type === 'practitioner' && !node.collapsed ? size * 0.8 : size,
      fill,
      stroke,
      strokeWidth: node.centre ? 5 : node.isViewer || node.collapsed ? 4 : 2,
      dashed: node.type === 'client' && node.member === false,
      icon: base.icon
    };
  },
  edge(edge) {
    const s = EDGE_STYLES[edge.type];
    if (edge.type === 'shares') {
      return { ...s, width: Math.min(12, 2 + ((edge.weight ?? 1) - 1) * 1.5) };
    }
    return edge.lead ? { ...s, width: 3 } : s;
  }
};

const FONT = 'system-ui, DejaVu Sans, Arial, sans-serif';
const MARGIN = 40;
const HEADER = 56;
const LEGEND_WIDTH = 240;
const LEGEND_ROW = 24;
const BOX_PADDING = 16;

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const n = (value: number) => String(Math.round(value * 10) / 10);

/** The outline of a node shape centred on (x, y). */
export function shapeSvg(
  shape: NodeShape,
  x: number,
  y: number,
  w: number,
  h: number,
  attrs: string
): string {
  const points = (pts: [number, number][]) =>
    `<polygon points="${pts.map(([px, py]) => `${n(x + px)},${n(y + py)}`).join(' ')}" ${attrs}/>`;
  switch (shape) {
    case 'ellipse':
      return `<ellipse cx="${n(x)}" cy="${n(y)}" rx="${n(w / 2)}" ry="${n(h / 2)}" ${attrs}/>`;
    case 'hexagon':
      return points([
        [-w / 2, 0],
        [-w / 4, -h / 2],
        [w / 4, -h / 2],
        [w / 2, 0],
        [w / 4, h / 2],
        [-w / 4, h / 2]
      ]);
    case 'octagon': {
      const a = w / 2;
      const b = h / 2;
      const c = 0.4142;
      return points([
        [-a * c, -b],
        [a * c, -b],
        [a, -b * c],
        [a, b * c],
        [a * c, b],
        [-a * c, b],
        [-a, b * c],
        [-a, -b * c]
      ]);
    }
    case 'rectangle':
      return `<rect x="${n(x - w / 2)}" y="${n(y - h / 2)}" width="${n(w)}" height="${n(h)}" ${attrs}/>`;
    default:
      return `<rect x="${n(x - w / 2)}" y="${n(y - h / 2)}" width="${n(w)}" height="${n(h)}" rx="${n(Math.min(w, h) / 5)}" ${attrs}/>`;
  }
}

/** Splits a label into lines of about `width` characters (labels are names: short words). */
export function wrapLabel(text: string, width = 22): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    if (line) lines.push(line);
  }
  return lines;
}

function textLines(lines: string[], x: number, y: number, attrs: string): string {
  return lines
    .map((line, i) => `<text x="${n(x)}" y="${n(y + i * 13)}" ${attrs}>${escapeXml(line)}</text>`)
    .join('');
}

function icon(path: string, x: number, y: number, size: number): string {
  const s = size / 24;
  return `<path d="${path}" fill="#1f2937" transform="translate(${n(x - size / 2)} ${n(y - size / 2)}) scale(${Math.round(s * 1000) / 1000})"/>`;
}

function dash(pattern: EdgeStyle['pattern'], width: number): string {
  const d = dashArray(pattern, width);
  return d ? ` stroke-dasharray="${d.map(n).join(' ')}"` : '';
}

function legendGroup(entries: readonly LegendEntry[], x: number, y: number): string {
  const parts = [
    `<g class="legend" font-family="${FONT}" font-size="12">`,
    `<text x="${n(x)}" y="${n(y)}" font-size="14" font-weight="bold" fill="#111827">Legend</text>`
  ];
  entries.forEach((entry, i) => {
    const cy = y + 22 + i * LEGEND_ROW;
    const sx = x + 12;
    if (entry.kind === 'node') {
      const attrs = `fill="${entry.fill}" stroke="${entry.stroke}" stroke-width="2"${entry.dashed ? ' stroke-dasharray="4 3"' : ''}`;
      parts.push(shapeSvg(entry.shape, sx, cy, 20, 18, attrs));
    } else if (entry.kind === 'edge') {
      parts.push(
        `<line x1="${n(sx - 12)}" y1="${n(cy)}" x2="${n(sx + 12)}" y2="${n(cy)}" stroke="${entry.color}" stroke-width="${n(entry.width)}"${dash(entry.pattern, entry.width)}/>`
      );
    } else {
      parts.push(
        `<rect x="${n(sx - 10)}" y="${n(cy - 8)}" width="20" height="16" rx="3" fill="${swatchFill(entry.color)}" stroke="${entry.color}" stroke-width="3"/>`
      );
    }
    parts.push(
      `<text x="${n(sx + 20)}" y="${n(cy + 4)}" fill="#111827">${escapeXml(entry.label)}</text>`
    );
  });
  parts.push('</g>');
  return parts.join('');
}

/** The legend alone, as a standalone SVG document (the PNG export draws it beside the graph). */
export function legendSvg(legend: readonly LegendEntry[]): {
  svg: string;
  width: number;
  height: number;
} {
  const width = LEGEND_WIDTH;
  const height = 40 + legend.length * LEGEND_ROW;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    legendGroup(legend, 8, 20),
    '</svg>'
  ].join('\n');
  return { svg, width, height };
}

/**
 * A standalone SVG document of `elements` at `positions` (model coordinates, as Cytoscape gives
 * them), with `title` above and `legend` at the side. Nodes without a position are left out.
 */
export function toSvg(
  elements: Pick<GraphModel, 'nodes' | 'edges'>,
  positions: Readonly<Record<string, Position>>,
  styles: SvgStyles,
  legend: readonly LegendEntry[],
  title: string
): string {
  const byId = new Map(elements.nodes.map((node) => [node.id, node]));
  const children = new Map<string, GraphNode[]>();
  for (const node of elements.nodes) {
    if (node.parent && byId.has(node.parent)) {
      children.set(node.parent, [...(children.get(node.parent) ?? []), node]);
    }
  }
  // Simple nodes at their positions; boxes around their members.
  const boxes = new Map<string, { x1: number; y1: number; x2: number; y2: number }>();
  const simple = elements.nodes.filter((node) => !children.has(node.id) && positions[node.id]);
  const bounds = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
  const grow = (b: typeof bounds, x1: number, y1: number, x2: number, y2: number) => {
    b.x1 = Math.min(b.x1, x1);
    b.y1 = Math.min(b.y1, y1);
    b.x2 = Math.max(b.x2, x2);
    b.y2 = Math.max(b.y2, y2);
  };
  for (const node of simple) {
    const p = positions[node.id]!;
    const s = styles.node(node);
    grow(
      bounds,
      p.x - s.width / 2 - 40,
      p.y - s.height / 2,
      p.x + s.width / 2 + 40,
      p.y + s.height / 2 + 34
    );
  }
  for (const [id, members] of children) {
    const box = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
    for (const m of members) {
      const p = positions[m.id];
      if (!p) continue;
      const s = styles.node(m);
      grow(box, p.x - s.width / 2, p.y - s.height / 2, p.x + s.width / 2, p.y + s.height / 2 + 28);
    }
    if (!Number.isFinite(box.x1)) continue;
    const padded = {
      x1: box.x1 - BOX_PADDING,
      y1: box.y1 - BOX_PADDING - 14,
      x2: box.x2 + BOX_PADDING,
      y2: box.y2 + BOX_PADDING
    };
    boxes.set(id, padded);
    grow(bounds, padded.x1, padded.y1, padded.x2, padded.y2);
  }
  if (!Number.isFinite(bounds.x1)) Object.assign(bounds, { x1: 0, y1: 0, x2: 200, y2: 100 });

  const graphWidth = bounds.x2 - bounds.x1;
  const graphHeight = bounds.y2 - bounds.y1;
  const legendHeight = 40 + legend.length * LEGEND_ROW;
  const width = Math.ceil(graphWidth + MARGIN * 3 + LEGEND_WIDTH);
  const height = Math.ceil(HEADER + Math.max(graphHeight, legendHeight) + MARGIN * 2);
  // Model coordinates shifted into the drawing area below the title.
  const dx = MARGIN - bounds.x1;
  const dy = HEADER + MARGIN - bounds.y1;
  const at = (id: string): Position | undefined => {
    const box = boxes.get(id);
    if (box) return { x: (box.x1 + box.x2) / 2 + dx, y: (box.y1 + box.y2) / 2 + dy };
    const p = positions[id];
    return p && { x: p.x + dx, y: p.y + dy };
  };

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="graph-title graph-desc">`,
    `<title id="graph-title">${escapeXml(title)}</title>`,
    `<desc id="graph-desc">${escapeXml(`${simple.length} people and services, ${elements.edges.length} connections.`)}</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${MARGIN}" y="${MARGIN}" font-family="${FONT}" font-size="20" font-weight="bold" fill="#111827">${escapeXml(title)}</text>`
  ];

  out.push('<g class="boxes">');
  for (const [id, box] of boxes) {
    const node = byId.get(id)!;
    const s = styles.node(node);
    out.push(
      `<rect x="${n(box.x1 + dx)}" y="${n(box.y1 + dy)}" width="${n(box.x2 - box.x1)}" height="${n(box.y2 - box.y1)}" rx="10" fill="${s.fill}" fill-opacity="0.5" stroke="${s.stroke}" stroke-width="2" stroke-dasharray="6 4"/>`,
      `<text x="${n((box.x1 + box.x2) / 2 + dx)}" y="${n(box.y1 + dy + 14)}" text-anchor="middle" font-family="${FONT}" font-size="11" fill="#111827">${escapeXml(node.label)}</text>`
    );
  }
  out.push('</g>', '<g class="edges">');
  for (const edge of elements.edges) {
    const a = at(edge.source);
    const b = at(edge.target);
    if (!a || !b) continue;
    const s = styles.edge(edge);
    out.push(
      `<line x1="${n(a.x)}" y1="${n(a.y)}" x2="${n(b.x)}" y2="${n(b.y)}" stroke="${s.color}" stroke-width="${n(s.width)}"${dash(s.pattern, s.width)}/>`
    );
    const roles = [edge.sourceRole, edge.targetRole].filter(Boolean).join(' / ');
    if (roles) {
      out.push(
        `<text x="${n((a.x + b.x) / 2)}" y="${n((a.y + b.y) / 2 - 4)}" text-anchor="middle" font-family="${FONT}" font-size="10" fill="#374151" paint-order="stroke" stroke="#ffffff" stroke-width="3">${escapeXml(roles)}</text>`
      );
    }
  }
  out.push('</g>', '<g class="nodes">');
  for (const node of simple) {
    const p = at(node.id)!;
    const s = styles.node(node);
    const attrs = `fill="${s.fill}" stroke="${s.stroke}" stroke-width="${n(s.strokeWidth)}"${s.dashed ? ' stroke-dasharray="6 4"' : ''}`;
    out.push(
      `<g class="node node-${node.type}">`,
      shapeSvg(s.shape, p.x, p.y, s.width, s.height, attrs)
    );
    if (s.icon) out.push(icon(s.icon, p.x, p.y, Math.min(s.width, s.height) * 0.55));
    out.push(
      textLines(
        wrapLabel(displayLabel(node)),
        p.x,
        p.y + s.height / 2 + 14,
        `text-anchor="middle" font-family="${FONT}" font-size="11" fill="#111827"${node.centre ? ' font-weight="bold"' : ''}`
      ),
      '</g>'
    );
  }
  out.push('</g>');
  out.push(legendGroup(legend, MARGIN * 2 + graphWidth, HEADER + MARGIN));
  out.push('</svg>');
  return out.join('\n');
}
