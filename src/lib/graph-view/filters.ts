/**
 * What is shown: filters by node type and agency kind, and search within the graph. Hiding is
 * only a view choice (the data was already limited to what the viewer may see); the centre is
 * never hidden, and a box is hidden when everything in it is.
 */
import type { FilterableType, GraphModel, GraphNode } from './model.ts';

export interface Filters {
  /** Node types switched off. */
  types: ReadonlySet<FilterableType>;
  /** Agency kinds switched off (their agencies and practitioners). */
  kinds: ReadonlySet<string>;
}

export const NO_FILTERS: Filters = { types: new Set(), kinds: new Set() };

function hiddenByFilter(node: GraphNode, filters: Filters): boolean {
  if (node.centre) return false;
  if (node.type !== 'household' && filters.types.has(node.type)) return true;
  if ((node.type === 'agency' || node.type === 'practitioner') && node.agencyKind) {
    return filters.kinds.has(node.agencyKind);
  }
  return false;
}

/** Ids of the nodes the filters hide. */
export function hiddenIds(model: GraphModel, filters: Filters): Set<string> {
  const hidden = new Set<string>();
  for (const node of model.nodes) if (hiddenByFilter(node, filters)) hidden.add(node.id);
  const members = new Map<string, string[]>();
  for (const node of model.nodes) {
    if (node.parent) members.set(node.parent, [...(members.get(node.parent) ?? []), node.id]);
  }
  for (const [box, ids] of members) {
    if (ids.every((id) => hidden.has(id))) hidden.add(box);
  }
  return hidden;
}

/** Lower case without accents, so "zoe" finds "Zoë". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

/** Ids of visible nodes whose name, job, agency or agency kind contains every word of `query`. */
export function searchIds(
  model: GraphModel,
  query: string,
  hidden: ReadonlySet<string> = new Set()
): Set<string> {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const found = new Set<string>();
  if (words.length === 0) return found;
  for (const node of model.nodes) {
    if (hidden.has(node.id) || node.type === 'household') continue;
    const text = fold(
      [node.label, node.jobTitle, node.agencyName, node.agencyKind?.replace(/_/g, ' ')]
        .filter(Boolean)
        .join(' ')
    );
    if (words.every((w) => text.includes(w))) found.add(node.id);
  }
  return found;
}
