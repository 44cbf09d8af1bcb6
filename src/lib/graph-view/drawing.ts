/**
 * A finished drawing of a network without a browser: a headless Cytoscape runs the layout the
 * explorer runs first (fcose, no animation, the same big-graph choices), and the SVG export draws
 * the result with its title and legend. The meeting pack embeds it, so a printed pack shows the
 * family as the explorer does. Only the model passed in is drawn; it comes from the guarded
 * neighbourhood answers like everything else.
 */
import cytoscape from './cytoscape.ts';
import { toCytoscape } from './cy-elements.ts';
import { isBig, type Position } from './layout.ts';
import { legendFor } from './legend.ts';
import type { GraphModel } from './model.ts';
import { runFullLayout } from './patch.ts';
import { stylesheet } from './stylesheet.ts';
import { defaultSvgStyles, toSvg } from './svg-export.ts';

/** Where each simple node lands (boxes are drawn around their members by the export). */
export async function layOut(model: GraphModel): Promise<Record<string, Position>> {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: stylesheet({ big: isBig(model.nodes.length) }),
    elements: toCytoscape(model)
  });
  try {
    const centre = model.nodes.find((n) => n.centre)?.id ?? '';
    await runFullLayout(cy, { name: 'fcose', centreId: centre, reducedMotion: true });
    const out: Record<string, Position> = {};
    cy.nodes(':childless').forEach((n) => {
      out[n.id()] = { ...n.position() };
    });
    return out;
  } finally {
    cy.destroy();
  }
}

/** The whole network as a standalone SVG document, titled, with its legend. */
export async function drawNetwork(model: GraphModel, title: string): Promise<string> {
  return toSvg(model, await layOut(model), defaultSvgStyles, legendFor(model), title);
}
