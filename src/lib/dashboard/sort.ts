/**
 * Sorting the breakdown table from the query string (`?sort=clients&dir=desc`), so it works
 * without JavaScript. Rows are sorted by what they show: every "<5" ties with every other "<5"
 * (sorting by the hidden counts would give their order away), between 0 and 5.
 */
import { FIGURE_KEYS, FIGURE_LABELS, type FigureKey } from './figures.ts';
import { HIDDEN_CHANGE, SMALL } from './suppress.ts';

export const SORT_COLUMNS = ['name', ...FIGURE_KEYS, 'membershipsChange'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type SortDir = 'asc' | 'desc';

export interface SortState {
  column: SortColumn;
  dir: SortDir;
}

export const DEFAULT_SORT: SortState = { column: 'name', dir: 'asc' };

export const COLUMN_LABELS: Record<SortColumn, string> = {
  name: 'Area',
  ...FIGURE_LABELS,
  membershipsChange: 'Change in memberships'
};

/** A breakdown row as shown: strings only, already suppressed. */
export type ShownRow = { name: string } & Record<FigureKey | 'membershipsChange', string>;

export function parseSort(params: URLSearchParams): SortState {
  const column = params.get('sort');
  const dir = params.get('dir');
  const known = (SORT_COLUMNS as readonly string[]).includes(column ?? '');
  if (!known) return DEFAULT_SORT;
  return {
    column: column as SortColumn,
    dir: dir === 'asc' || dir === 'desc' ? dir : column === 'name' ? 'asc' : 'desc'
  };
}

/** The number a shown value sorts by; NaN for "n/a" (always last). */
export function sortValue(shown: string): number {
  if (shown === SMALL) return 2.5;
  if (shown === HIDDEN_CHANGE) return Number.NaN;
  return Number(shown);
}

export function sortRows<T extends ShownRow>(rows: readonly T[], sort: SortState): T[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const byName = (a: T, b: T) => a.name.localeCompare(b.name, 'en');
  return [...rows].sort((a, b) => {
    if (sort.column === 'name') return sign * byName(a, b);
    const x = sortValue(a[sort.column]);
    const y = sortValue(b[sort.column]);
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (Number.isNaN(x) && Number.isNaN(y)) return byName(a, b);
      return Number.isNaN(x) ? 1 : -1;
    }
    return x === y ? byName(a, b) : sign * (x - y);
  });
}

/** The next sort when a column's header is followed: the other direction if already sorted by it. */
export function nextSort(current: SortState, column: SortColumn): SortState {
  if (current.column === column) return { column, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { column, dir: column === 'name' ? 'asc' : 'desc' };
}

export function ariaSort(
  current: SortState,
  column: SortColumn
): 'ascending' | 'descending' | 'none' {
  if (current.column !== column) return 'none';
  return current.dir === 'asc' ? 'ascending' : 'descending';
}
