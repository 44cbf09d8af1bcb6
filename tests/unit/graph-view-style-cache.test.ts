/**
 * The faster dirtyStyleCache (src/lib/graph-view/style-cache.ts) against Cytoscape's own, on a real
 * headless instance with the real stylesheet: it must clear exactly the same caches, and styles
 * computed after data changes must come out the same.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Core, ElementDefinition } from 'cytoscape';
import cytoscape from '../../src/lib/graph-view/cytoscape.ts';
import { installFastStyleCache } from '../../src/lib/graph-view/style-cache.ts';
import { stylesheet } from '../../src/lib/graph-view/stylesheet.ts';
import { buildNetwork } from '../../src/lib/graph-view/elements.ts';
import { toCytoscape } from '../../src/lib/graph-view/cy-elements.ts';
import { syntheticNeighbourhood } from '../../src/lib/graph-view/synthetic.ts';

type Dirty = (this: unknown) => unknown;
const original = installFastStyleCache(cytoscape) as unknown as Dirty;
const SENTINEL = { cached: true };

let cy: Core | undefined;
afterEach(() => {
  cy?.destroy();
  cy = undefined;
});

/** Cytoscape's typings leave out dirtyStyleCache: call it (ours, once installed) on `eles`. */
function dirtyOf(eles: unknown): () => void {
  return () => (eles as { dirtyStyleCache: () => void }).dirtyStyleCache();
}

function privateOf(ele: unknown): { styleCache: unknown } {
  return (ele as { _private: { styleCache: unknown } })._private;
}

/** Ids whose cache `dirty` clears when called on `eles`. */
function cleared(instance: Core, eles: unknown, dirty: () => void): string[] {
  instance.elements().forEach((e) => {
    privateOf(e).styleCache = SENTINEL;
  });
  dirty.call(eles);
  return instance
    .elements()
    .filter((e) => privateOf(e).styleCache !== SENTINEL)
    .map((e) => e.id())
    .sort();
}

/** Household boxes from the synthetic network, agency boxes, and a box nested inside a box. */
function graph(): ElementDefinition[] {
  const model = buildNetwork([syntheticNeighbourhood(120, 3)], {
    groupByAgency: true,
    collapsed: new Set()
  });
  return [
    { group: 'nodes', data: { id: 'outer', type: 'household', display: 'Outer' } },
    { group: 'nodes', data: { id: 'inner', type: 'household', parent: 'outer', display: 'Inner' } },
    { group: 'nodes', data: { id: 'deep', type: 'client', parent: 'inner', display: 'Deep' } },
    { group: 'nodes', data: { id: 'side', type: 'client', parent: 'outer', display: 'Side' } },
    { group: 'edges', data: { id: 'deep-side', source: 'deep', target: 'side', type: 'family' } },
    ...toCytoscape(model)
  ];
}

function styled(): Core {
  return cytoscape({ headless: true, styleEnabled: true, style: stylesheet(), elements: graph() });
}

describe('the faster dirtyStyleCache', () => {
  it('is installed once, on the prototype every instance shares', () => {
    expect(installFastStyleCache(cytoscape)).toBe(original);
    cy = styled();
    const proto = Object.getPrototypeOf(cy.collection()) as { dirtyStyleCache: unknown };
    expect(proto.dirtyStyleCache).not.toBe(original);
  });

  it('clears exactly the caches Cytoscape clears, for every element of a compound graph', () => {
    cy = styled();
    const instance = cy;
    expect(instance.nodes(':parent').length).toBeGreaterThan(3);
    instance.elements().forEach((ele) => {
      const theirs = cleared(instance, ele, original as () => void);
      const ours = cleared(instance, ele, dirtyOf(ele));
      expect(ours, ele.id()).toEqual(theirs);
    });
    // A box with a box inside: the child, the grandchild, the boxes above and all their edges.
    expect(cleared(instance, instance.$id('inner'), dirtyOf(instance.$id('inner')))).toEqual([
      'deep',
      'deep-side',
      'inner',
      'outer'
    ]);
  });

  it('clears the same caches for collections of many elements and without compound nodes', () => {
    cy = styled();
    const instance = cy;
    const some = instance.elements().filter((_e, i) => i % 7 === 0);
    expect(cleared(instance, some, dirtyOf(some))).toEqual(
      cleared(instance, some, original as () => void)
    );
    const flat = cytoscape({
      headless: true,
      styleEnabled: true,
      style: stylesheet(),
      elements: toCytoscape(buildNetwork([syntheticNeighbourhood(60, 5)]))
        .map((e) => ({
          ...e,
          data: { ...e.data, parent: undefined }
        }))
        .filter((e) => (e.data as { type?: string }).type !== 'household')
    });
    try {
      flat.elements().forEach((ele) => {
        expect(cleared(flat, ele, dirtyOf(ele))).toEqual(
          cleared(flat, ele, original as () => void)
        );
      });
    } finally {
      flat.destroy();
    }
  });

  it('gives the same styles as Cytoscape after data changes inside the boxes', () => {
    const run = (dirty: Dirty | null) => {
      const proto = Object.getPrototypeOf(cytoscape({ headless: true }).collection()) as {
        dirtyStyleCache: Dirty;
      };
      const ours = proto.dirtyStyleCache;
      if (dirty) proto.dirtyStyleCache = dirty;
      try {
        const instance = styled();
        instance.elements().forEach((e) => void e.style());
        instance.$id('deep').data({ centre: true });
        instance.$id('side').data({ member: false });
        instance.nodes('[type = "practitioner"]').first().data({ agencyKind: 'HEALTH' });
        instance.$id('inner').data({ collapsed: true, count: 1 });
        const out = instance.elements().map((e) => [e.id(), JSON.stringify(e.style())]);
        instance.destroy();
        return out;
      } finally {
        proto.dirtyStyleCache = ours;
      }
    };
    expect(run(null)).toEqual(run(original));
  });
});
