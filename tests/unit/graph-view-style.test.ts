/**
 * The stylesheet against a real (headless) Cytoscape: every property is one Cytoscape knows, and
 * each node type differs by shape as well as colour; agency colours are distinct and legible.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core } from 'cytoscape';
import cytoscape from '../../src/lib/graph-view/cytoscape.ts';
import { stylesheet } from '../../src/lib/graph-view/stylesheet.ts';
import {
  AGENCY_KINDS,
  NODE_STYLES,
  agencyKind,
  nodeColours,
  tint
} from '../../src/lib/graph-view/style.ts';
import { legendFor } from '../../src/lib/graph-view/legend.ts';
import { buildNetwork } from '../../src/lib/graph-view/elements.ts';
import { toCytoscape } from '../../src/lib/graph-view/cy-elements.ts';
import { syntheticNeighbourhood } from '../../src/lib/graph-view/synthetic.ts';

let cy: Core | undefined;
afterEach(() => {
  cy?.destroy();
  cy = undefined;
  vi.restoreAllMocks();
});

function luminance(hex: string): number {
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(1 + i, 3 + i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
};

describe('the stylesheet', () => {
  it.each([false, true])('is accepted by Cytoscape without a single warning (big: %s)', (big) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const model = buildNetwork([syntheticNeighbourhood(60, 3)]);
    cy = cytoscape({
      headless: true,
      styleEnabled: true,
      style: stylesheet({ big }),
      elements: toCytoscape(model)
    });
    cy.nodes().forEach((n) => void n.style('shape'));
    // Hover labels on edges, as the page shows them.
    cy.edges().addClass('show-label');
    cy.edges().forEach((e) => void e.style('label'));
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });

  it('draws a big graph with straight edges and plain labels, a small one with curves and a band', () => {
    const model = buildNetwork([syntheticNeighbourhood(60, 3)]);
    const look = (big: boolean) => {
      cy?.destroy();
      cy = cytoscape({
        headless: true,
        styleEnabled: true,
        style: stylesheet({ big }),
        elements: toCytoscape(model)
      });
      const node = cy.nodes('[type = "client"]').first();
      return {
        curve: cy.edges().first().style('curve-style'),
        wrap: node.style('text-wrap'),
        band: node.style('text-background-opacity'),
        label: node.style('label')
      };
    };
    expect(look(false)).toMatchObject({ curve: 'bezier', wrap: 'wrap', band: '0.85' });
    const big = look(true);
    expect(big).toMatchObject({ curve: 'haystack', wrap: 'none', band: '0' });
    // Names are still there; only the way they are drawn changes.
    expect(big.label).not.toBe('');
  });

  it('gives each node type its own shape and icon, and circle kinds their own line', () => {
    const model = buildNetwork([syntheticNeighbourhood(60, 3)]);
    cy = cytoscape({
      headless: true,
      styleEnabled: true,
      style: stylesheet(),
      elements: toCytoscape(model)
    });
    const shapeOf = (selector: string) => cy!.nodes(selector).first().style('shape');
    expect(shapeOf('[type = "client"]')).toBe('ellipse');
    expect(shapeOf('[type = "practitioner"]')).toBe('round-rectangle');
    expect(shapeOf('[type = "agency"]')).toBe('hexagon');
    expect(shapeOf('[type = "restricted"]')).toBe('octagon');
    const shapes = new Set(Object.values(NODE_STYLES).map((s) => s.shape));
    expect(shapes.size).toBeGreaterThanOrEqual(4);
    const icons = new Set(Object.values(NODE_STYLES).map((s) => s.icon));
    expect(icons.size).toBe(Object.keys(NODE_STYLES).length);
    const line = (kind: string) => cy!.edges(`[type = "${kind}"]`).first().style('line-style');
    expect(line('FAMILY')).toBe('solid');
    expect(line('HOUSEHOLD')).toBe('dashed');
    expect(line('SIGNIFICANT')).toBe('dotted');
    const centre = cy.nodes('[?centre]');
    expect(centre).toHaveLength(1);
    const client = cy.nodes('[type = "client"][!centre]').first();
    expect(parseFloat(centre.style('width'))).toBeGreaterThan(parseFloat(client.style('width')));
  });

  it('colours agency kinds distinctly, legibly, and the same for agencies and their staff', () => {
    const colours = Object.values(AGENCY_KINDS).map((k) => k.color);
    expect(new Set(colours).size).toBe(colours.length);
    for (const colour of colours) expect(contrast(colour, '#ffffff')).toBeGreaterThanOrEqual(3);
    expect(nodeColours({ type: 'agency', agencyKind: 'POLICE' }).stroke).toBe(
      AGENCY_KINDS.POLICE!.color
    );
    expect(nodeColours({ type: 'practitioner', agencyKind: 'POLICE' }).stroke).toBe(
      AGENCY_KINDS.POLICE!.color
    );
    expect(agencyKind('SOMETHING_NEW').name).toBe('Other agency');
    expect(tint('#000000', 0.5)).toBe('#808080');
    expect(nodeColours({ type: 'client', member: false }).fill).not.toBe(
      nodeColours({ type: 'client', member: true }).fill
    );
  });

  it('builds a legend of exactly what is on show', () => {
    const legend = legendFor(buildNetwork([syntheticNeighbourhood(60, 3)]));
    const keys = legend.map((e) => e.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'node:client',
        'node:practitioner',
        'node:agency',
        'node:restricted',
        'edge:works-with'
      ])
    );
    expect(keys.filter((k) => k.startsWith('agency:')).length).toBeGreaterThan(0);
    expect(keys).not.toContain('edge:shares');
    expect(legendFor({ nodes: [], edges: [] })).toEqual([]);
  });
});
