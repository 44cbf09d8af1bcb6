import { describe, expect, it } from 'vitest';
import { FIGURE_KEYS, emptyFigures, type Figures } from '../../src/lib/dashboard/figures.ts';
import type { DashboardView } from '../../src/lib/dashboard/view.ts';
import { CSV_TABLES, dashboardCell, dashboardCsvFile } from '../../src/lib/server/dashboard/csv.ts';
import { presentDashboard } from '../../src/lib/server/dashboard/present.ts';
import type { SnapshotFigures } from '../../src/lib/server/dashboard/types.ts';

const figures = (value: (i: number) => number): Figures => {
  const f = emptyFigures();
  FIGURE_KEYS.forEach((k, i) => (f[k] = value(i)));
  return f;
};

/** A snapshot full of small numbers: 1 to 4 almost everywhere. */
function snapshot(): SnapshotFigures {
  const weeks = Array.from({ length: 53 }, (_, i) =>
    new Date(Date.UTC(2025, 10, 24) + i * 7 * 86_400_000).toISOString().slice(0, 10)
  );
  const series = Object.fromEntries(
    FIGURE_KEYS.map((k, j) => [k, Array.from({ length: 54 }, (_, i) => (i + j) % 9)])
  ) as SnapshotFigures['series'];
  const area = { code: 'NSW-D-x', name: 'X District', level: 'DISTRICT' as const };
  const child = { code: '11111', name: 'Small Council', level: 'COUNCIL' as const };
  return {
    version: 1,
    area,
    asOf: '2026-11-25T21:50:00.000Z',
    weeks,
    series,
    newMemberships: Array.from({ length: 53 }, (_, i) => i % 6),
    breakdown: [
      {
        area: child,
        now: figures((i) => i + 1),
        at: { '4w': figures(() => 3), '12w': figures(() => 7), '52w': figures(() => 0) }
      }
    ],
    gaps: {
      oneWorker: 3,
      noLead: 4,
      stale: 6,
      byArea: [{ area: child, oneWorker: 3, noLead: 1, stale: 2 }],
      idleAgencies: [{ id: 'ag1', name: '=HYPERLINK("x")', kind: 'POLICE' }],
      idleAgencyCount: 1,
      stalled: [{ area: child, everHad: true }],
      stalledCount: 1
    },
    collaboration: {
      nodes: [
        { id: 'a', name: 'Agency A', kind: 'POLICE', practitioners: 2 },
        { id: 'b', name: 'Agency B', kind: 'SCHOOL', practitioners: 9 }
      ],
      edges: [{ source: 'a', target: 'b', weight: 3 }],
      totalNodes: 2,
      totalEdges: 1
    }
  };
}

function present(period: '4w' | '12w' | '52w' = '12w'): DashboardView {
  const s = snapshot();
  return presentDashboard({
    area: s.area,
    breadcrumbs: [],
    myAreas: [],
    period,
    periodStart: new Date('2026-08-31T00:00:00Z'),
    snapshot: s,
    children: [],
    canRefresh: false
  });
}

/** Every string in a value, however deep. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('presentDashboard', () => {
  it('never lets a count of 1 to 4 out', () => {
    const view = present();
    const small = strings(view).filter((s) => /^[1-4]$/.test(s));
    expect(small).toEqual([]);
    expect(strings(view)).toContain('<5');
  });

  it('hides a change whose end is below 5, and shows one between shown counts', () => {
    const view = present('12w');
    // Breakdown: memberships now 5, 7 at the start of 12 weeks.
    expect(view.breakdown[0]?.memberships).toBe('5');
    expect(view.breakdown[0]?.membershipsChange).toBe('-2');
    // 4 weeks back it was 3: hidden.
    expect(present('4w').breakdown[0]?.membershipsChange).toBe('n/a');
  });

  it('reads the headline from the snapshot: the last point now, the period start then', () => {
    const view = present('4w');
    const practitioners = view.figures.find((f) => f.key === 'practitioners');
    // series[i] = i % 9 for practitioners: now i = 53 -> 8; then i = 48 -> 3 (<5).
    expect(practitioners).toMatchObject({ value: '8', then: '<5', change: 'n/a' });
    expect(view.series.find((s) => s.key === 'practitioners')?.points).toHaveLength(6);
    expect(view.series.find((s) => s.key === 'newMemberships')?.points).toHaveLength(5);
    expect(view.periodStart).toBe('2026-10-26T00:00:00.000Z');
  });

  it('labels the map with suppressed weights and sizes', () => {
    const view = present();
    expect(view.map.edges[0]).toMatchObject({
      sourceName: 'Agency A',
      targetName: 'Agency B',
      sharedClients: '<5'
    });
    expect(view.map.nodes.map((n) => n.practitioners)).toEqual(['<5', '9']);
  });
});

describe('dashboard CSV', () => {
  it('holds no count of 1 to 4 in any table', () => {
    const view = present();
    for (const table of CSV_TABLES) {
      const csv = dashboardCsvFile(view, table, { column: 'name', dir: 'asc' });
      const cells = csv.split('\r\n').flatMap((line) => line.split(','));
      expect(
        cells.filter((c) => /^[1-4]$/.test(c)),
        table
      ).toEqual([]);
    }
  });

  it('neutralises formulas in names but keeps signed numbers as numbers', () => {
    expect(dashboardCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(dashboardCell('-12')).toBe('-12');
    expect(dashboardCell('+12')).toBe('+12');
    expect(dashboardCell('-1+1')).toBe("'-1+1");
    expect(dashboardCell('<5')).toBe('<5');
    const csv = dashboardCsvFile(present(), 'gaps-agencies', { column: 'name', dir: 'asc' });
    expect(csv).toBe(`Agency,Kind\r\n"'=HYPERLINK(""x"")",POLICE\r\n`);
  });
});
