import { describe, expect, it } from 'vitest';
import {
  ariaSort,
  nextSort,
  parseSort,
  sortRows,
  sortValue
} from '../../src/lib/dashboard/sort.ts';

const row = (name: string, clients: string, membershipsChange = '0') => ({
  name,
  practitioners: '0',
  agencies: '0',
  clients,
  activeTeams: '0',
  memberships: '0',
  circleLinks: '0',
  openAttentions: '0',
  membershipsChange
});

describe('breakdown sorting', () => {
  it('reads the sort from the query string, refusing unknown columns', () => {
    expect(parseSort(new URLSearchParams('sort=clients&dir=asc'))).toEqual({
      column: 'clients',
      dir: 'asc'
    });
    expect(parseSort(new URLSearchParams('sort=clients'))).toEqual({
      column: 'clients',
      dir: 'desc'
    });
    expect(parseSort(new URLSearchParams('sort=password&dir=asc'))).toEqual({
      column: 'name',
      dir: 'asc'
    });
  });

  it('sorts by what is shown: every <5 ties with every other, between 0 and 5', () => {
    const rows = [row('Delta', '<5'), row('Alpha', '12'), row('Charlie', '0'), row('Bravo', '<5')];
    expect(sortRows(rows, { column: 'clients', dir: 'desc' }).map((r) => r.name)).toEqual([
      'Alpha',
      'Bravo',
      'Delta',
      'Charlie'
    ]);
    expect(sortRows(rows, { column: 'clients', dir: 'asc' }).map((r) => r.name)).toEqual([
      'Charlie',
      'Bravo',
      'Delta',
      'Alpha'
    ]);
    expect(sortValue('<5')).toBe(2.5);
  });

  it('puts hidden changes last either way and sorts names alphabetically', () => {
    const rows = [row('B', '5', 'n/a'), row('A', '5', '+3'), row('C', '5', '-2')];
    expect(sortRows(rows, { column: 'membershipsChange', dir: 'desc' }).map((r) => r.name)).toEqual(
      ['A', 'C', 'B']
    );
    expect(sortRows(rows, { column: 'membershipsChange', dir: 'asc' }).map((r) => r.name)).toEqual([
      'C',
      'A',
      'B'
    ]);
    expect(sortRows(rows, { column: 'name', dir: 'desc' }).map((r) => r.name)).toEqual([
      'C',
      'B',
      'A'
    ]);
  });

  it('flips the direction of the column already sorted by, and says so to screen readers', () => {
    expect(nextSort({ column: 'clients', dir: 'desc' }, 'clients')).toEqual({
      column: 'clients',
      dir: 'asc'
    });
    expect(nextSort({ column: 'clients', dir: 'desc' }, 'name')).toEqual({
      column: 'name',
      dir: 'asc'
    });
    expect(ariaSort({ column: 'clients', dir: 'desc' }, 'clients')).toBe('descending');
    expect(ariaSort({ column: 'clients', dir: 'desc' }, 'name')).toBe('none');
  });
});
