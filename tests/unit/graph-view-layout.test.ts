/**
 * Layout choice and stability on a headless Cytoscape: patching changes only what changed, and
 * expanding a person leaves every node already on screen exactly where it was.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from 'cytoscape';
import cytoscape from '../../src/lib/graph-view/cytoscape.ts';
import { stylesheet } from '../../src/lib/graph-view/stylesheet.ts';
import { buildNetwork } from '../../src/lib/graph-view/elements.ts';
import { toCytoscape } from '../../src/lib/graph-view/cy-elements.ts';
import { syntheticNeighbourhood } from '../../src/lib/graph-view/synthetic.ts';
import {
  BIG_GRAPH,
  effectiveLayout,
  incrementalOptions,
  isLayoutName,
  layoutOptions,
  ring,
  seedPositions,
  viewportOptions,
  type LayoutName
} from '../../src/lib/graph-view/layout.ts';
import {
  applyViewClasses,
  patchElements,
  runFullLayout,
  runIncrementalLayout
} from '../../src/lib/graph-view/patch.ts';
import type { Neighbourhood } from '../../src/lib/graph-view/types.ts';

let cy: Core | undefined;
afterEach(() => {
  cy?.destroy();
  cy = undefined;
});

function headless(): Core {
  cy = cytoscape({ headless: true, styleEnabled: true, style: stylesheet() });
  return cy;
}

const positions = (core: Core) =>
  new Map(core.nodes(':childless').map((n) => [n.id(), { ...n.position() }]));

/** The synthetic network's centre expanded: three new people linked to two existing ones. */
function expansion(base: Neighbourhood): Neighbourhood {
  const anchor = base.people[1]!;
  const fresh = [0, 1, 2].map((i) => ({
    clientId: `new-${i}`,
    givenName: `New${i}`,
    familyName: 'Person',
    preferredName: null,
    distance: 1,
    viewerIsMember: false,
    team: []
  }));
  return {
    centreId: anchor.clientId,
    depth: 1,
    truncated: false,
    people: [anchor, ...fresh],
    links: fresh.map((p) => ({
      fromId: anchor.clientId,
      toId: p.clientId,
      kind: 'FAMILY',
      label: 'cousin',
      reciprocal: 'cousin'
    }))
  };
}

describe('layout choice', () => {
  it('uses fast, unanimated settings for big graphs', () => {
    const small = layoutOptions('fcose', { nodeCount: 50, centreId: 'c' });
    const big = layoutOptions('fcose', { nodeCount: BIG_GRAPH + 1, centreId: 'c' });
    expect(small).toMatchObject({ name: 'fcose', quality: 'default', animate: true });
    expect(big).toMatchObject({ name: 'fcose', quality: 'draft', animate: false });
    expect(
      layoutOptions('fcose', { nodeCount: 10, centreId: 'c', reducedMotion: true }).animate
    ).toBe(false);
    expect(layoutOptions('breadthfirst', { nodeCount: 10, centreId: 'client:x' })).toMatchObject({
      roots: ['client:x']
    });
    expect(viewportOptions(50)).toEqual({
      hideEdgesOnViewport: false,
      textureOnViewport: false,
      motionBlur: false,
      pixelRatio: 'auto'
    });
    expect(viewportOptions(1000)).toEqual({
      hideEdgesOnViewport: true,
      textureOnViewport: true,
      motionBlur: true,
      pixelRatio: 1
    });
    expect(layoutOptions('fcose', { nodeCount: 200, centreId: 'c' })).toMatchObject({
      quality: 'draft'
    });
    expect(effectiveLayout('fcose', 200)).toBe('fcose');
    expect(effectiveLayout('fcose', 2000)).toBe('concentric');
    expect(effectiveLayout('breadthfirst', 2000)).toBe('breadthfirst');
    expect(isLayoutName('concentric')).toBe(true);
    expect(isLayoutName('cola')).toBe(false);
  });

  it('rings the client in the middle, their circle by distance, then teams, then agencies', () => {
    const node = (data: Record<string, unknown>) => ({
      id: () => 'x',
      data: (k: string) => data[k]
    });
    const values = [
      ring(node({ centre: true, type: 'client' })),
      ring(node({ type: 'client', distance: 1 })),
      ring(node({ type: 'client', distance: 2 })),
      ring(node({ type: 'practitioner' })),
      ring(node({ type: 'agency' }))
    ];
    expect([...values].sort((a, b) => b - a)).toEqual(values);
  });

  it('keeps existing nodes fixed when laying out additions with fcose', () => {
    expect(incrementalOptions('fcose', [{ nodeId: 'a', position: { x: 1, y: 2 } }])).toMatchObject({
      randomize: false,
      fit: false,
      fixedNodeConstraint: [{ nodeId: 'a', position: { x: 1, y: 2 } }]
    });
  });

  it('seeds new nodes around a placed neighbour', () => {
    const seeded = seedPositions(
      ['n1', 'n2', 'n3'],
      (id) => (id === 'n3' ? ['n2'] : ['a']),
      new Map([['a', { x: 100, y: 100 }]])
    );
    for (const id of ['n1', 'n2']) {
      const p = seeded.get(id)!;
      expect(Math.hypot(p.x - 100, p.y - 100)).toBeCloseTo(90, 0);
    }
    const n3 = seeded.get('n3')!;
    const n2 = seeded.get('n2')!;
    expect(Math.hypot(n3.x - n2.x, n3.y - n2.y)).toBeCloseTo(90, 0);
  });
});

describe('patching and stable layouts', () => {
  it('adds, updates and removes by id without rebuilding', () => {
    const core = headless();
    const base = syntheticNeighbourhood(40, 5);
    const first = patchElements(core, toCytoscape(buildNetwork([base])));
    expect(first.added.length).toBe(core.elements().length);
    const before = core.getElementById('client:syn-client-0');
    const again = patchElements(core, toCytoscape(buildNetwork([base])));
    expect(again).toEqual({ added: [], removed: [], updated: [] });
    expect(core.getElementById('client:syn-client-0')).toBe(before);
    const renamed = structuredClone(base);
    renamed.people[0]!.givenName = 'Renamed';
    renamed.people.pop();
    const third = patchElements(core, toCytoscape(buildNetwork([renamed])));
    expect(third.updated).toContain('client:syn-client-0');
    expect(core.getElementById('client:syn-client-0').data('display')).toMatch(/^Renamed/);
    expect(third.removed.length).toBeGreaterThan(0);
    expect(core.getElementById('client:syn-client-0')).toBe(before);
  });

  for (const name of ['fcose', 'concentric', 'breadthfirst'] as LayoutName[]) {
    it(`expanding with ${name} moves no node already on screen`, async () => {
      const core = headless();
      const base = syntheticNeighbourhood(40, 9);
      const context = { name, centreId: 'client:syn-client-0', reducedMotion: true };
      patchElements(core, toCytoscape(buildNetwork([base])));
      await runFullLayout(core, context);
      const before = positions(core);
      const { added } = patchElements(core, toCytoscape(buildNetwork([base, expansion(base)])));
      expect(added).toEqual(
        expect.arrayContaining(['client:new-0', 'client:new-1', 'client:new-2'])
      );
      await runIncrementalLayout(core, added, context);
      for (const [id, p] of before) {
        const now = core.getElementById(id).position();
        expect(Math.abs(now.x - p.x) + Math.abs(now.y - p.y), id).toBeLessThan(0.5);
      }
      const anchor = core.getElementById(`client:${base.people[1]!.clientId}`).position();
      for (const id of ['client:new-0', 'client:new-1', 'client:new-2']) {
        const p = core.getElementById(id).position();
        expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
        expect(Math.hypot(p.x - anchor.x, p.y - anchor.y)).toBeLessThan(600);
      }
    });
  }

  it('lays out 300 nodes with fcose quickly enough to stay interactive', async () => {
    const core = headless();
    patchElements(core, toCytoscape(buildNetwork([syntheticNeighbourhood(300, 2)])));
    const started = performance.now();
    await runFullLayout(core, {
      name: 'fcose',
      centreId: 'client:syn-client-0',
      reducedMotion: true
    });
    // Generous on a busy CI machine; the benchmark reports the real number.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('applies filters, search, focus and selection as classes', () => {
    const core = headless();
    patchElements(core, toCytoscape(buildNetwork([syntheticNeighbourhood(20, 1)])));
    applyViewClasses(core, {
      hidden: new Set(['client:syn-client-1']),
      matches: new Set(['client:syn-client-2']),
      focused: 'client:syn-client-0',
      selected: 'client:syn-client-3'
    });
    expect(core.getElementById('client:syn-client-1').hasClass('hidden')).toBe(true);
    expect(core.getElementById('client:syn-client-1').visible()).toBe(false);
    expect(core.getElementById('client:syn-client-2').hasClass('match')).toBe(true);
    expect(core.getElementById('client:syn-client-0').hasClass('dim')).toBe(true);
    expect(core.getElementById('client:syn-client-0').hasClass('focused')).toBe(true);
    expect(core.getElementById('client:syn-client-3').selected()).toBe(true);
    applyViewClasses(core, {
      hidden: new Set(),
      matches: new Set(),
      focused: null,
      selected: null
    });
    expect(core.$('.hidden, .match, .dim, .focused, :selected')).toHaveLength(0);
  });
});
