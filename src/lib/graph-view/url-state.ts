/**
 * The view in the query string, so a link shares it: depth, layout, filters, search and the
 * people expanded. Whoever opens the link still only sees what they may (the page load asks the
 * same guarded query as them), and anything malformed falls back to the default.
 */
import { AGENCY_KINDS } from './style.ts';
import { FILTERABLE_TYPES, type FilterableType } from './model.ts';
import { isLayoutName, type LayoutName } from './layout.ts';

export interface ViewState {
  depth: 1 | 2 | 3;
  layout: LayoutName;
  hideTypes: FilterableType[];
  hideKinds: string[];
  q: string;
  /** Client ids whose neighbourhoods were expanded (at most MAX_EXPANDED). */
  expand: string[];
}

export const DEFAULT_VIEW: ViewState = {
  depth: 1,
  layout: 'fcose',
  hideTypes: [],
  hideKinds: [],
  q: '',
  expand: []
};

export const MAX_EXPANDED = 10;
const ID = /^[\w-]{1,100}$/;

function list(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

export function parseViewState(params: URLSearchParams): ViewState {
  const depth = Number(params.get('depth'));
  const layout = params.get('layout');
  const types = new Set<string>(FILTERABLE_TYPES);
  return {
    depth: depth === 2 || depth === 3 ? depth : 1,
    layout: isLayoutName(layout) ? layout : DEFAULT_VIEW.layout,
    hideTypes: [...new Set(list(params, 'hide'))].filter((t): t is FilterableType => types.has(t)),
    hideKinds: [...new Set(list(params, 'hideKind'))].filter((k) => k in AGENCY_KINDS),
    q: (params.get('q') ?? '').slice(0, 100),
    expand: [...new Set(list(params, 'expand'))].filter((id) => ID.test(id)).slice(0, MAX_EXPANDED)
  };
}

/** The query string for a view, leaving defaults out so links stay short. */
export function viewQuery(view: ViewState): string {
  const params = new URLSearchParams();
  if (view.depth !== DEFAULT_VIEW.depth) params.set('depth', String(view.depth));
  if (view.layout !== DEFAULT_VIEW.layout) params.set('layout', view.layout);
  if (view.hideTypes.length > 0) params.set('hide', [...view.hideTypes].sort().join(','));
  if (view.hideKinds.length > 0) params.set('hideKind', [...view.hideKinds].sort().join(','));
  if (view.q.trim()) params.set('q', view.q.trim());
  if (view.expand.length > 0) params.set('expand', view.expand.slice(0, MAX_EXPANDED).join(','));
  const text = params.toString();
  return text ? `?${text}` : '';
}
