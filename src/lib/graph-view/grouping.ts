/**
 * The model actually drawn, from the plain one: a big graph (layout.ts isBig) puts
 * practitioners into agency boxes, closed unless the viewer opened them; boxes the viewer closed
 * stay closed. The explorer and the meeting pack's drawing both go through here, so a pack shows
 * a big family the way the explorer first does.
 */
import { buildNetwork } from './elements.ts';
import { isBig } from './layout.ts';
import type { GraphModel } from './model.ts';
import type { Neighbourhood } from './types.ts';

export interface Groups {
  /** Agency boxes opened by the viewer (big graphs start with them closed). */
  open: readonly string[];
  /** Household boxes closed by the viewer. */
  closed: readonly string[];
}

export const NO_GROUPS: Groups = { open: [], closed: [] };

export function groupedModel(
  sources: readonly Neighbourhood[],
  plain: GraphModel,
  groups: Groups
): GraphModel {
  const big = isBig(plain.nodes.length);
  if (!big && groups.closed.length === 0) return plain;
  const agencies = big
    ? plain.nodes.filter((n) => n.type === 'agency' && !groups.open.includes(n.id)).map((n) => n.id)
    : [];
  return buildNetwork(sources, {
    groupByAgency: big,
    collapsed: new Set([...groups.closed, ...agencies])
  });
}
