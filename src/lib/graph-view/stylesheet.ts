/**
 * The Cytoscape stylesheet, generated from the tables in style.ts (its own module, as
 * react-cytoscapejs keeps it: the component only passes it in).
 */
import type { StylesheetJson, StylesheetStyle } from 'cytoscape';
import {
  AGENCY_KINDS,
  EDGE_STYLES,
  NODE_STYLES,
  OUTSIDE_STYLE,
  dashArray,
  iconDataUri,
  tint
} from './style.ts';
import type { EdgeType, NodeType } from './model.ts';

const ICON_COLOUR = '#1f2937';
const FOCUS = '#b45309';
const SELECT = '#1d4ed8';

type Css = StylesheetStyle['style'];

function rule(selector: string, style: Record<string, unknown>): StylesheetStyle {
  return { selector, style: style as Css };
}

function nodeRules(): StylesheetStyle[] {
  return (Object.keys(NODE_STYLES) as NodeType[]).map((type) => {
    const s = NODE_STYLES[type];
    return rule(`node[type = "${type}"]`, {
      shape: s.shape,
      width: s.size,
      height: type === 'practitioner' ? s.size * 0.8 : s.size,
      'background-color': s.fill,
      'border-color': s.stroke,
      'border-width': 2,
      'background-image': iconDataUri(s.icon, ICON_COLOUR),
      'background-width': '55%',
      'background-height': '55%',
      'background-clip': 'none'
    });
  });
}

function kindRules(): StylesheetStyle[] {
  return Object.entries(AGENCY_KINDS).flatMap(([kind, { color }]) => [
    rule(`node[type = "agency"][agencyKind = "${kind}"]`, {
      'background-color': tint(color, 0.75),
      'border-color': color
    }),
    rule(`node[type = "practitioner"][agencyKind = "${kind}"]`, {
      'background-color': tint(color, 0.9),
      'border-color': color,
      'border-width': 3
    })
  ]);
}

function edgeRules(): StylesheetStyle[] {
  return (Object.keys(EDGE_STYLES) as EdgeType[]).map((type) => {
    const s = EDGE_STYLES[type];
    const dash = s.pattern === 'dashed' ? dashArray(s.pattern, s.width) : undefined;
    return rule(`edge[type = "${type}"]`, {
      'line-color': s.color,
      width: s.width,
      'line-style': s.pattern,
      ...(dash ? { 'line-dash-pattern': dash } : {})
    });
  });
}

/**
 * Labels on a white band, wrapped to two lines, and curved edges that keep parallel links apart:
 * the normal look. A big graph (`big`, see layout.ts isBig) drops the label band and wrapping and
 * draws edges as straight "haystack" lines: measured in the browser at 300 nodes, that takes about
 * a sixth off the time to the first painted graph (docs/benchmarks.md). Names stay on every node;
 * what is lost is the band behind them (at that density labels overlap with or without it) and
 * the separation of two links between the same pair of people.
 */
export function stylesheet(options: { big?: boolean } = {}): StylesheetJson {
  const big = options.big === true;
  const labelBand = big
    ? { 'text-wrap': 'none' }
    : {
        'text-wrap': 'wrap',
        'text-max-width': '120px',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': '2px'
      };
  return [
    rule('node', {
      label: 'data(display)',
      'font-family': 'system-ui, "DejaVu Sans", sans-serif',
      'font-size': 11,
      color: '#111827',
      'text-valign': 'bottom',
      'text-halign': 'center',
      'text-margin-y': 4,
      ...labelBand,
      // Below this on-screen size labels are skipped: big graphs stay fluid when zoomed out.
      'min-zoomed-font-size': 7
    }),
    ...nodeRules(),
    ...kindRules(),
    rule('node[type = "client"][!member]', {
      'background-color': OUTSIDE_STYLE.fill,
      'border-color': OUTSIDE_STYLE.stroke,
      'border-style': 'dashed'
    }),
    rule('node[?centre]', { width: 68, height: 68, 'border-width': 5, 'font-weight': 'bold' }),
    rule('node[?isViewer]', { 'border-style': 'double', 'border-width': 5 }),
    rule('node[?expanded][!centre]', { 'border-width': 4 }),
    rule(':parent', {
      shape: 'round-rectangle',
      'background-opacity': 0.5,
      'background-image': 'none',
      'border-style': 'dashed',
      'border-width': 2,
      'text-valign': 'top',
      'text-margin-y': -4,
      padding: '14px'
    }),
    rule('node[?collapsed]', {
      width: 58,
      height: 58,
      'border-width': 4,
      'border-style': 'double'
    }),
    ...edgeRules(),
    rule('edge', {
      'curve-style': big ? 'haystack' : 'bezier',
      'font-size': 10,
      'text-rotation': 'autorotate'
    }),
    rule('edge[?lead]', { width: 3 }),
    rule('edge[type = "shares"]', { width: 'mapData(weight, 1, 8, 2, 12)' }),
    // Only edges that have something to say: a mapping to missing data makes Cytoscape warn.
    rule('edge[roles].show-label, edge[roles]:selected', {
      label: 'data(roles)',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.9,
      'text-background-padding': '2px'
    }),
    rule('.dim', { opacity: 0.25 }),
    rule('node.match', {
      'underlay-color': '#facc15',
      'underlay-opacity': 0.8,
      'underlay-padding': 8,
      'underlay-shape': 'ellipse'
    }),
    rule('node:selected', {
      'overlay-color': SELECT,
      'overlay-opacity': 0.18,
      'overlay-padding': 6,
      'border-color': SELECT,
      'border-width': 5
    }),
    rule('node.focused', {
      'underlay-color': FOCUS,
      'underlay-opacity': 0.9,
      'underlay-padding': 7,
      'underlay-shape': 'round-rectangle'
    }),
    rule('.hidden', { display: 'none' })
  ];
}
