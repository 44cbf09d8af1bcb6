/**
 * The drawing made without a browser (the meeting pack's): every node laid out in its own place,
 * the export's title and legend, and big graphs grouped into agency boxes as the explorer does.
 */
import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../src/lib/graph-view/elements.ts';
import { drawNetwork, layOut } from '../../src/lib/graph-view/drawing.ts';
import { NO_GROUPS, groupedModel } from '../../src/lib/graph-view/grouping.ts';
import { isBig } from '../../src/lib/graph-view/layout.ts';
import { syntheticNeighbourhood } from '../../src/lib/graph-view/synthetic.ts';

const text = (svg: string) => svg.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('drawing a network on the server', () => {
  it('places every simple node, apart from the others', async () => {
    const model = buildNetwork([syntheticNeighbourhood(40, 3)]);
    const positions = await layOut(model);
    const boxes = new Set(model.nodes.map((n) => n.parent).filter(Boolean));
    const simple = model.nodes.filter((n) => !boxes.has(n.id));
    expect(Object.keys(positions).sort()).toEqual(simple.map((n) => n.id).sort());
    const points = Object.values(positions);
    for (const p of points) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    // No two nodes on top of each other (fcose keeps them apart).
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++) {
        const [a, b] = [points[i]!, points[j]!];
        expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(10);
      }
    }
  });

  it('gives a standalone SVG with the escaped title, the legend and every node', async () => {
    const model = buildNetwork([syntheticNeighbourhood(30, 5)]);
    const svg = await drawNetwork(model, 'The network around Jo & Sam <test>');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('The network around Jo &amp; Sam &lt;test&gt;');
    const words = text(svg);
    expect(words).toContain('Legend');
    for (const node of model.nodes.filter((n) => n.type === 'client')) {
      expect(words).toContain(node.label.split(' ')[0]);
    }
  });
});

describe('grouping big graphs', () => {
  it('leaves a graph of up to 300 nodes as built', () => {
    const sources = [syntheticNeighbourhood(120, 2)];
    const plain = buildNetwork(sources);
    expect(isBig(plain.nodes.length)).toBe(false);
    expect(groupedModel(sources, plain, NO_GROUPS)).toBe(plain);
    // A household box away from the centre (the centre's own box never folds away).
    const centreBox = plain.nodes.find((n) => n.centre)?.parent;
    const household = plain.nodes.find((n) => n.type === 'household' && n.id !== centreBox);
    expect(household).toBeDefined();
    const closed = groupedModel(sources, plain, { open: [], closed: [household!.id] });
    expect(closed.nodes.find((n) => n.id === household!.id)?.collapsed).toBe(true);
  });

  it('closes every agency box of a big graph except those opened', () => {
    const sources = [syntheticNeighbourhood(500, 3)];
    const plain = buildNetwork(sources);
    expect(isBig(plain.nodes.length)).toBe(true);
    const grouped = groupedModel(sources, plain, NO_GROUPS);
    const agencies = grouped.nodes.filter((n) => n.type === 'agency');
    expect(agencies.length).toBeGreaterThan(5);
    expect(agencies.every((n) => n.collapsed === true && (n.count ?? 0) > 0)).toBe(true);
    expect(grouped.nodes.some((n) => n.type === 'practitioner')).toBe(false);
    const first = agencies[0]!;
    const opened = groupedModel(sources, plain, { open: [first.id], closed: [] });
    const inside = opened.nodes.filter((n) => n.parent === first.id);
    expect(inside.length).toBe(first.count);
    expect(inside.every((n) => n.type === 'practitioner')).toBe(true);
  });
});
