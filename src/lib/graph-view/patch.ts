/**
 * Bringing a live Cytoscape instance in line with new element definitions, the way
 * react-cytoscapejs does it: diff by id and patch inside one `cy.batch()` (one redraw), never
 * rebuild. Then lay out only what changed: new nodes start next to their neighbours and settle
 * while the nodes already on screen stay where they are.
 * Works on a headless instance too, so it is tested in Node.
 */
import type { Core, ElementDefinition, NodeSingular } from 'cytoscape';
import {
  effectiveLayout,
  incrementalOptions,
  layoutOptions,
  seedPositions,
  type LayoutName,
  type Position
} from './layout.ts';

export interface PatchResult {
  added: string[];
  removed: string[];
  updated: string[];
}

const FIXED_KEYS = new Set(['id', 'parent', 'source', 'target']);

function same(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) return false;
  }
  return true;
}

/** Patches `cy` to hold exactly `next`; returns the ids added, removed and changed. */
export function patchElements(cy: Core, next: readonly ElementDefinition[]): PatchResult {
  const result: PatchResult = { added: [], removed: [], updated: [] };
  const wanted = new Map(next.map((el) => [String(el.data.id), el]));
  cy.batch(() => {
    const gone = cy.elements().filter((ele) => !wanted.has(ele.id()));
    // Edges first, then children before their boxes, so nothing is removed twice.
    result.removed = gone.map((ele) => ele.id());
    cy.remove(gone.edges());
    cy.remove(gone.nodes().filter((n) => !n.isParent()));
    cy.remove(gone.nodes());

    const toAdd: ElementDefinition[] = [];
    for (const [id, def] of wanted) {
      const ele = cy.getElementById(id);
      if (ele.empty()) {
        toAdd.push(def);
        continue;
      }
      const data = def.data as Record<string, unknown>;
      const current = ele.data() as Record<string, unknown>;
      if (same(current, data)) continue;
      result.updated.push(id);
      if (ele.isNode() && (current.parent ?? null) !== (data.parent ?? null)) {
        (ele as NodeSingular).move({ parent: (data.parent as string | undefined) ?? null });
      }
      // Keys that disappeared must be cleared, not kept from the old data.
      for (const key of Object.keys(current)) {
        if (!(key in data) && !FIXED_KEYS.has(key)) ele.removeData(key);
      }
      // id, source and target never change for an id (they are part of it); parent moved above.
      const { id: _id, parent: _parent, source: _source, target: _target, ...rest } = data;
      ele.data(rest);
    }
    // Boxes before their members, nodes before edges: Cytoscape resolves references in order.
    // The boxes are collected once: asking per element would be quadratic in the graph's size.
    const boxes = new Set<string>();
    for (const d of next) {
      const parent = (d.data as { parent?: string }).parent;
      if (d.group !== 'edges' && parent) boxes.add(parent);
    }
    const rank = (def: ElementDefinition) => {
      if (def.group === 'edges') return 2;
      return boxes.has(String(def.data.id)) ? 0 : 1;
    };
    toAdd.sort((a, b) => rank(a) - rank(b));
    if (toAdd.length > 0) {
      result.added = cy.add(toAdd).map((ele) => ele.id());
    }
  });
  return result;
}

export interface LayoutContext {
  name: LayoutName;
  centreId: string;
  reducedMotion?: boolean;
}

/** A full layout of everything visible; resolves when it has stopped. */
export function runFullLayout(cy: Core, context: LayoutContext): Promise<void> {
  const eles = cy.elements(':visible');
  const name = effectiveLayout(context.name, eles.nodes().length);
  const options = layoutOptions(name, {
    nodeCount: eles.nodes().length,
    centreId: context.centreId,
    reducedMotion: context.reducedMotion
  });
  return runLayout(cy, eles, options);
}

/**
 * Lays out the nodes just added, keeping every other node where it is. Returns once done; with no
 * new simple nodes it does nothing.
 */
export function runIncrementalLayout(
  cy: Core,
  addedIds: readonly string[],
  context: LayoutContext
): Promise<void> {
  const added = new Set(addedIds);
  const fresh = cy.nodes().filter((n) => added.has(n.id()) && !n.isParent());
  if (fresh.empty()) return Promise.resolve();
  const known = new Map<string, Position>();
  cy.nodes(':visible')
    .filter((n) => !added.has(n.id()) && !n.isParent())
    .forEach((n) => {
      known.set(n.id(), { ...n.position() });
    });
  if (known.size === 0) return runFullLayout(cy, context);
  const seeded = seedPositions(
    fresh.map((n) => n.id()),
    (id) =>
      cy
        .getElementById(id)
        .neighborhood('node')
        .map((n) => n.id()),
    known
  );
  cy.batch(() => {
    for (const [id, position] of seeded) cy.getElementById(id).position(position);
  });
  if (context.name !== 'fcose') {
    // Only the new nodes are arranged; everything else is untouched by construction.
    return runLayout(cy, fresh.filter(':visible'), incrementalOptions(context.name, []));
  }
  const fixed = [...known].map(([nodeId, position]) => ({ nodeId, position }));
  return runLayout(cy, cy.elements(':visible'), incrementalOptions('fcose', fixed));
}

function runLayout(
  cy: Core,
  eles: ReturnType<Core['elements']>,
  options: Record<string, unknown> & { name: string }
): Promise<void> {
  if (eles.nodes().empty()) return Promise.resolve();
  const layout = eles.layout(options as Parameters<Core['layout']>[0]);
  const done = layout.promiseOn('layoutstop').then(() => undefined);
  layout.run();
  return done;
}

export interface ViewClasses {
  hidden: ReadonlySet<string>;
  matches: ReadonlySet<string>;
  focused: string | null;
  selected: string | null;
}

/** Filters, search highlights, keyboard focus and selection, as classes in one batch. */
export function applyViewClasses(cy: Core, view: ViewClasses): void {
  const searching = view.matches.size > 0;
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const id = n.id();
      n.toggleClass('hidden', view.hidden.has(id));
      n.toggleClass('match', view.matches.has(id));
      n.toggleClass('dim', searching && !view.matches.has(id) && !n.isParent());
      n.toggleClass('focused', view.focused === id);
      if (view.selected === id) {
        if (!n.selected()) n.select();
      } else if (n.selected()) {
        n.unselect();
      }
    });
    cy.edges().forEach((e) => {
      e.toggleClass('dim', searching);
    });
  });
}
