/**
 * A faster `dirtyStyleCache` for graphs with compound nodes (the household and agency boxes).
 *
 * Cytoscape calls `dirtyStyleCache` once per style property applied to an element. When the graph
 * has compound nodes, its own version builds four new collections each time (the element, its
 * descendants, its ancestors, and all their connected edges) just to set one field on each: at 300
 * nodes that was about 40% of the time spent computing styles in the browser
 * (docs/benchmarks.md). This version clears the same caches by walking `_private` directly, with
 * no collections. The set of elements cleared is exactly Cytoscape's, which
 * tests/unit/graph-view-style-cache.test.ts checks against the original on a real instance.
 */
import type { Core } from 'cytoscape';

/** The parts of Cytoscape's private element record that the walk reads. */
interface Private {
  group: 'nodes' | 'edges';
  styleCache: unknown;
  parent?: Element | null;
  children?: Element[];
  edges?: Element[];
}
interface Element {
  _private: Private;
}
interface Collection extends ArrayLike<Element> {
  // Public in Cytoscape, missing from its type definitions.
  cy(): Core & { hasCompoundNodes(): boolean };
  dirtyStyleCache(this: Collection): Collection;
}

/** Every element whose style cache Cytoscape's own `dirtyStyleCache` clears for `eles`. */
export function styleCacheDependents(eles: ArrayLike<Element>, compound: boolean): Set<Element> {
  const out = new Set<Element>();
  const withEdges = (ele: Element) => {
    if (out.has(ele)) return;
    out.add(ele);
    // Cytoscape's connectedEdges() skips edges; a node lists its edges in _private.edges.
    if (ele._private.group === 'nodes') for (const edge of ele._private.edges ?? []) out.add(edge);
  };
  const down = (ele: Element) => {
    for (const child of ele._private.children ?? []) {
      withEdges(child);
      down(child);
    }
  };
  for (let i = 0; i < eles.length; i++) {
    const ele = eles[i]!;
    withEdges(ele);
    if (!compound) continue;
    down(ele);
    for (let up = ele._private.parent; up; up = up._private.parent) withEdges(up);
  }
  return out;
}

const INSTALLED = Symbol.for('teamaround.fastDirtyStyleCache');

/**
 * Replaces `dirtyStyleCache` on Cytoscape's collection prototype (shared by every instance), once.
 * Returns the original, for the test that compares the two.
 */
export function installFastStyleCache(
  cytoscape: (options: object) => Core
): Collection['dirtyStyleCache'] {
  const proto = Object.getPrototypeOf(cytoscape({ headless: true }).collection()) as Collection & {
    [INSTALLED]?: Collection['dirtyStyleCache'];
  };
  const existing = proto[INSTALLED];
  if (existing) return existing;
  const original = proto.dirtyStyleCache;
  proto.dirtyStyleCache = function (this: Collection) {
    const compound = this.length > 0 && this.cy().hasCompoundNodes();
    for (const ele of styleCacheDependents(this, compound)) ele._private.styleCache = null;
    return this;
  };
  proto[INSTALLED] = original;
  return original;
}
