import { describe, expect, it } from 'vitest';
import {
  edgeWidth,
  mapElements,
  nodeSize,
  patchPlan
} from '../../src/lib/dashboard/map-elements.ts';
import {
  DEFAULT_BOX,
  barChart,
  lineChart,
  niceMax,
  plotValue,
  tickValues
} from '../../src/lib/dashboard/scale.ts';

describe('chart scales', () => {
  it('draws <5 at 2.5 and numbers as they are', () => {
    expect(plotValue('<5')).toBe(2.5);
    expect(plotValue('0')).toBe(0);
    expect(plotValue('120')).toBe(120);
  });

  it('rounds the top of the axis up to a nice number, 5 at least', () => {
    expect(niceMax(0)).toBe(5);
    expect(niceMax(3)).toBe(5);
    expect(niceMax(7)).toBe(8);
    expect(niceMax(180)).toBe(200);
    expect(niceMax(2400)).toBe(2500);
    expect(tickValues(200)).toEqual([0, 50, 100, 150, 200]);
    // Every axis ends on a labelled tick, and only whole numbers are labelled (counts are whole).
    for (const max of [6, 7, 13, 99, 180, 2400, 987_654]) {
      const ticks = tickValues(niceMax(max));
      expect(ticks.at(-1), String(max)).toBe(niceMax(max));
      expect(ticks.every(Number.isInteger)).toBe(true);
    }
  });

  it('places line points left to right and higher values higher, marking suppressed ones', () => {
    const model = lineChart([
      { label: 'a', shown: '<5' },
      { label: 'b', shown: '10' },
      { label: 'now', shown: '20' }
    ]);
    const [first, second, third] = model.points;
    expect(first?.x).toBe(DEFAULT_BOX.margin.left);
    expect(third?.x).toBe(DEFAULT_BOX.width - DEFAULT_BOX.margin.right);
    expect(second!.y).toBeGreaterThan(third!.y);
    expect(first?.suppressed).toBe(true);
    expect(model.path.startsWith('M')).toBe(true);
    expect(model.xTicks.at(-1)?.label).toBe('now');
  });

  it('gives a bar of <5 the same height as any other <5, whatever it hides', () => {
    const model = barChart([
      { label: 'a', shown: '<5' },
      { label: 'b', shown: '<5' },
      { label: 'c', shown: '40' }
    ]);
    expect(model.bars[0]?.height).toBe(model.bars[1]?.height);
    expect(model.bars[2]!.height).toBeGreaterThan(model.bars[0]!.height);
    expect(model.bars.every((b) => b.y + b.height === model.baseline)).toBe(true);
  });
});

describe('collaboration map elements', () => {
  const map = {
    nodes: [
      { id: 'a', name: 'Agency A', kind: 'POLICE', practitioners: '12' },
      { id: 'b', name: 'Agency B', kind: 'SCHOOL', practitioners: '<5' }
    ],
    edges: [
      {
        source: 'a',
        target: 'b',
        sourceName: 'Agency A',
        targetName: 'Agency B',
        sharedClients: '<5'
      }
    ],
    totalNodes: '<5',
    totalEdges: '<5'
  };

  it('sizes from the shown values and labels a small link <5', () => {
    const elements = mapElements(map);
    expect(elements.map((e) => e.group)).toEqual(['nodes', 'nodes', 'edges']);
    const edge = elements[2];
    expect(edge?.group === 'edges' && edge.data.label).toBe('<5');
    expect(nodeSize('<5')).toBe(nodeSize('<5'));
    expect(nodeSize('12')).toBeGreaterThan(nodeSize('<5'));
    expect(edgeWidth('40')).toBeGreaterThan(edgeWidth('<5'));
  });

  it('plans a patch: remove what went, add what came, update what stayed', () => {
    const plan = patchPlan(new Set(['a', 'gone']), mapElements(map));
    expect(plan.remove).toEqual(['gone']);
    expect(plan.add.map((e) => e.data.id)).toEqual(['b', 'a|b']);
    expect(plan.update.map((e) => e.data.id)).toEqual(['a']);
  });
});
